// npm run ask -- <command> "<question>" [--corpus PATH] [--source S] [--from DATE] [--to DATE] [--limit N] [--json]
// npm run ask -- --batch FILE.jsonl --json [--corpus PATH]     (lines {"command","query"}; one JSON result per line)

import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { Engine } from '../runtime/engine.js'
import { COMMANDS, isCommand, type AnswerOptions, type Command } from '../engine/types.js'
import { commandName, type CommandNames } from '../render/format.js'
import { renderJson } from '../render/json.js'
import { jsonTerminalSafe, terminalSafe } from '../render/safe.js'
import { renderText } from '../render/text.js'
import { checkDateOptions, openEngine, QUERY_CLI_OPTIONS, runCli, sourcesOption, UsageError } from './common.js'

/** The CLI's command names are the bot's: /ask is the engine's 'search' ("search" is still accepted). */
const CLI_NAMES: CommandNames = { search: 'ask' }
const CLI_COMMANDS = COMMANDS.map((c) => commandName(c, CLI_NAMES))

function engineCommandOf(name: string): Command | undefined {
  const found = COMMANDS.find((c) => commandName(c, CLI_NAMES) === name)
  return found ?? (isCommand(name) ? name : undefined)
}

const USAGE = `usage:
  npm run ask -- <${CLI_COMMANDS.join('|')}> "<question>" [--corpus PATH] [--source S] [--from DATE] [--to DATE] [--limit N] [--json]
  npm run ask -- --batch FILE.jsonl --json [--corpus PATH]`

function main(): void {
  const { values, positionals } = parseArgs({
    options: { ...QUERY_CLI_OPTIONS, limit: { type: 'string' }, batch: { type: 'string' } },
    allowPositionals: true,
  })
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  let limit: number | undefined
  if (values.limit !== undefined) {
    limit = Number(values.limit)
    if (!Number.isInteger(limit) || limit < 1 || limit > 25)
      throw new UsageError(`--limit must be a whole number from 1 to 25, got "${values.limit}"`)
  }
  checkDateOptions(values)
  const options: AnswerOptions = {
    sources: sourcesOption(values.source),
    ...(values.from ? { from: values.from } : {}),
    ...(values.to ? { to: values.to } : {}),
    ...(limit ? { limit } : {}),
  }

  if (values.batch) {
    const lines = readFileSync(values.batch, 'utf8').split('\n')
    const engine = openEngine(values)
    const out: string[] = []
    lines.forEach((line, i) => {
      if (line.trim() === '') return
      out.push(batchLine(engine, line, i + 1, options))
    })
    process.stdout.write(out.length > 0 ? `${jsonTerminalSafe(out.join('\n'))}\n` : '')
    return
  }

  const [typed, ...rest] = positionals
  const command = typed === undefined ? undefined : engineCommandOf(typed)
  if (!typed || !command) throw new UsageError(typed ? `unknown command "${terminalSafe(typed)}"\n${USAGE}` : USAGE)
  const question = rest.join(' ')
  if (question.trim() === '')
    throw new UsageError(`ask a question after the command, e.g. npm run ask -- ${typed} "Raqqa"`)
  const engine = openEngine(values)
  const result = engine.answer(command, question, options)
  // renderText passes the articles' text through terminalSafe itself (its bold codes are the only escapes).
  process.stdout.write(
    `${values.json ? jsonTerminalSafe(renderJson(result)) : renderText(result, { color: process.stdout.isTTY === true, names: CLI_NAMES })}\n`,
  )
}

/** One JSON result for one line; a bad line gives a result with no answers and the reason, so lines stay aligned. */
function batchLine(engine: Engine, line: string, n: number, options: AnswerOptions): string {
  let row: { command?: unknown; query?: unknown }
  try {
    row = JSON.parse(line) as typeof row
  } catch {
    return JSON.stringify({ command: '', query: '', answers: [], reason: `line ${n}: not valid JSON` })
  }
  const typed = typeof row.command === 'string' ? row.command : ''
  const query = typeof row.query === 'string' ? row.query : ''
  const command = engineCommandOf(typed)
  if (!command)
    return JSON.stringify({
      command: typed,
      query,
      answers: [],
      reason: `line ${n}: unknown command "${typed}" (use ${CLI_COMMANDS.join(', ')})`,
    })
  return renderJson(engine.answer(command, query, options))
}

await runCli(main)
