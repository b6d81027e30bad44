// npm run timeline -- "<place or group>" [--corpus PATH] [--index FILE] [--from DATE] [--to DATE] [--source S] [--json]
// The incidents of a place or a group in date order, one line each with its reports' quotes, or as JSON:
// {"query","events":[{"date","kind","places","actors","figures":[…],"articles":[ids],"reports":[…]}]}

import { parseArgs } from 'node:util'
import type { TimelineOptions } from '../engine/query/timeline.js'
import { jsonTerminalSafe, terminalSafe } from '../render/safe.js'
import { renderTimelineJson, renderTimelineText } from '../render/timeline.js'
import { checkDateOptions, openEngine, QUERY_CLI_OPTIONS, runCli, sourcesOption, UsageError } from './common.js'

const USAGE = `usage:
  npm run timeline -- "<place or group>" [--corpus PATH] [--from DATE] [--to DATE] [--source S] [--json]`

function main(): void {
  const { values, positionals } = parseArgs({
    options: QUERY_CLI_OPTIONS,
    allowPositionals: true,
  })
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const query = positionals.join(' ')
  if (query.trim() === '') throw new UsageError(`name a place or a group, e.g. npm run timeline -- "Aleppo"\n${USAGE}`)
  checkDateOptions(values)
  const sources = sourcesOption(values.source)
  const options: TimelineOptions = {
    ...(sources.length > 0 ? { sources } : {}),
    ...(values.from ? { from: values.from } : {}),
    ...(values.to ? { to: values.to } : {}),
  }
  const result = openEngine(values).timeline(query, options)
  if (values.json) {
    process.stdout.write(`${jsonTerminalSafe(renderTimelineJson(result))}\n`)
    // The JSON keeps the shape; why there is no incident goes to stderr.
    if (result.events.length === 0 && result.reason) process.stderr.write(`${terminalSafe(result.reason)}\n`)
    return
  }
  // renderTimelineText passes every piece of the user's and the articles' text through terminalSafe.
  process.stdout.write(`${renderTimelineText(result)}\n`)
}

await runCli(main)
