// npm run reindex [-- --corpus PATH --index FILE --force]: rebuilds the index from the corpus and saves it. Exits
// non-zero, with the old file in place, when the save fails or the corpus emptied or lost over half its articles.

import { parseArgs } from 'node:util'
import { formatProblem } from '../engine/corpus/loader.js'
import { formatBytes } from '../render/format.js'
import { terminalSafe } from '../render/safe.js'
import { statSync } from 'node:fs'
import { lockIndex } from '../runtime/index-lock.js'
import { corpusChoice, openWithProgress, runCli } from './common.js'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { corpus: { type: 'string' }, index: { type: 'string' }, force: { type: 'boolean' } },
  })
  const choice = corpusChoice(values)
  // The bot's replicas take the same lock: one build of an index file at a time.
  const release = await lockIndex(choice.indexPath, (file) =>
    process.stderr.write(`another process is building this index (${file}); waiting for it\n`),
  )
  let opened
  try {
    opened = openWithProgress(choice, { rebuild: true, force: values.force === true })
  } finally {
    release()
  }
  const { index, milliseconds } = opened
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
