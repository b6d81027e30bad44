// npm run timeline -- "<place or group>" [--corpus PATH] [--index FILE] [--from DATE] [--to DATE] [--source S] [--json]
// The incidents of a place or a group in date order, one line each with its reports' quotes, or as JSON:
// {"query","events":[{"date","kind","places","actors","figures":[…],"articles":[ids],"reports":[…]}]}

import { parseArgs } from 'node:util'
import { Engine } from '../runtime/engine.js'
import { parseDateBound } from '../engine/query/filters.js'
import type { TimelineOptions } from '../engine/query/timeline.js'
import { terminalSafe } from '../render/safe.js'
import { renderTimelineJson, renderTimelineText } from '../render/timeline.js'
import { corpusChoice, openWithProgress, runCli, UsageError } from './common.js'

const USAGE = `usage:
  npm run timeline -- "<place or group>" [--corpus PATH] [--from DATE] [--to DATE] [--source S] [--json]`

function main(): void {
  const { values, positionals } = parseArgs({
    options: {
      corpus: { type: 'string' },
      index: { type: 'string' },
      source: { type: 'string', multiple: true },
      from: { type: 'string' },
      to: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
  })
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const query = positionals.join(' ')
  if (query.trim() === '') throw new UsageError(`name a place or a group, e.g. npm run timeline -- "Aleppo"\n${USAGE}`)
  // A date the filters cannot take ("yesterday", "31/02") is bad usage, said before the index is opened.
  for (const [name, raw] of [
    ['from', values.from],
    ['to', values.to],
  ] as const) {
    if (raw === undefined || raw.trim() === '') continue
    const bound = parseDateBound(raw, name)
    if (!bound.ok) throw new UsageError(terminalSafe(`--${name}: ${bound.message}`))
  }
  const sources = (values.source ?? [])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean)
  const options: TimelineOptions = {
    ...(sources.length > 0 ? { sources } : {}),
    ...(values.from ? { from: values.from } : {}),
    ...(values.to ? { to: values.to } : {}),
  }
  const choice = corpusChoice(values)
  const { index } = openWithProgress(choice)
  const engine = Engine.fromIndex(index, choice.corpusPath, choice.indexPath)
  const result = engine.timeline(query, options)
  if (values.json) {
    process.stdout.write(`${jsonTerminalSafe(renderTimelineJson(result))}\n`)
    // The JSON keeps the shape; why there is no incident goes to stderr.
    if (result.events.length === 0 && result.reason) process.stderr.write(`${terminalSafe(result.reason)}\n`)
    return
  }
  // renderTimelineText passes every piece of the user's and the articles' text through terminalSafe.
  process.stdout.write(`${renderTimelineText(result)}\n`)
}

/**
 * JSON made safe for a terminal without changing what it parses to (as src/cli/ask.ts does): DEL and the C1 controls,
 * which JSON.stringify leaves raw, written as \u escapes.
 */
function jsonTerminalSafe(json: string): string {
  return json.replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

await runCli(main)
