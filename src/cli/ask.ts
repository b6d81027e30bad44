// npm run ask -- <command> "<question>" [--corpus PATH] [--source S] [--from DATE] [--to DATE] [--limit N] [--json]
// npm run ask -- --batch FILE.jsonl --json [--corpus PATH]     (lines {"command","query"}; one JSON result per line)

import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { Engine } from '../engine/engine.js'
import { COMMANDS, isCommand, type AnswerOptions } from '../engine/types.js'
import { renderJson } from '../render/json.js'
import { renderText } from '../render/text.js'
import { corpusChoice, openWithProgress, runCli, UsageError } from './common.js'

const USAGE = `usage:
  npm run ask -- <${COMMANDS.join('|')}> "<question>" [--corpus PATH] [--source S] [--from DATE] [--to DATE] [--limit N] [--json]
  npm run ask -- --batch FILE.jsonl --json [--corpus PATH]`

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: {
      corpus: { type: 'string' },
      index: { type: 'string' },
      source: { type: 'string', multiple: true },
      from: { type: 'string' },
      to: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean', default: false },
      batch: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
  })
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  let limit: number | undefined
  if (values.limit !== undefined) {
    limit = Number(values.limit)
    if (!Number.isInteger(limit) || limit < 1 || limit > 25) throw new UsageError(`--limit must be a whole number from 1 to 25, got "${values.limit}"`)
  }
  const options: AnswerOptions = {
    sources: (values.source ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean),
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
    process.stdout.write(out.length > 0 ? `${out.join('\n')}\n` : '')
    return
  }

  const [command, ...rest] = positionals
  if (!command || !isCommand(command)) throw new UsageError(command ? `unknown command "${command}"\n${USAGE}` : USAGE)
  const question = rest.join(' ')
  if (question.trim() === '') throw new UsageError(`ask a question after the command, e.g. npm run ask -- ${command} "Raqqa"`)
  const engine = openEngine(values)
  const result = engine.answer(command, question, options)
  process.stdout.write(`${values.json ? renderJson(result) : renderText(result, { color: process.stdout.isTTY === true })}\n`)
}

function openEngine(values: { corpus?: string | undefined; index?: string | undefined }): Engine {
  const choice = corpusChoice(values)
  const { index } = openWithProgress(choice)
  return Engine.fromIndex(index, choice.corpusPath, choice.indexPath)
}

/** One JSON result for one line; a bad line gives a result with no answers and the reason, so lines stay aligned. */
function batchLine(engine: Engine, line: string, n: number, options: AnswerOptions): string {
  let row: { command?: unknown; query?: unknown }
  try {
    row = JSON.parse(line) as typeof row
  } catch {
    return JSON.stringify({ command: '', query: '', answers: [], reason: `line ${n}: not valid JSON` })
  }
  const command = String(row.command ?? '')
  const query = typeof row.query === 'string' ? row.query : ''
  if (!isCommand(command)) return JSON.stringify({ command, query, answers: [], reason: `line ${n}: unknown command "${command}" (use ${COMMANDS.join(', ')})` })
  return renderJson(engine.answer(command, query, options))
}

await runCli(main)
