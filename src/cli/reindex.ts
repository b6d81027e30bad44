// npm run reindex [-- --corpus PATH --index FILE --force]: rebuilds the index from the corpus and saves it. Exits
// non-zero, with the old file in place, when the save fails or the corpus emptied or lost over half its articles.

import { parseArgs } from 'node:util'
import { formatProblem } from '../engine/corpus/loader.js'
import { formatBytes } from '../render/format.js'
import { terminalSafe } from '../render/safe.js'
import { statSync } from 'node:fs'
import { corpusChoice, openWithProgress, runCli } from './common.js'

function main(): void {
  const { values } = parseArgs({
    options: { corpus: { type: 'string' }, index: { type: 'string' }, force: { type: 'boolean' } },
  })
  const choice = corpusChoice(values)
  const { index, milliseconds } = openWithProgress(choice, { rebuild: true, force: values.force === true })
  const size = statSync(choice.indexPath).size
  const lines = [
    `indexed ${index.articles.length} articles, ${index.passages.count} passages in ${(milliseconds / 1000).toFixed(1)} s`,
    `saved ${choice.indexPath} (${formatBytes(size)})`,
  ]
  if (index.problems.length > 0)
    lines.push(`skipped (${index.problems.length}):`, ...index.problems.map((p) => `  ${formatProblem(p)}`))
  process.stdout.write(`${terminalSafe(lines.join('\n'))}\n`)
}

await runCli(main)
