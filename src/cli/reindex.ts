// npm run reindex [-- --corpus PATH --index FILE]: rebuilds the index from the corpus and saves it.

import { parseArgs } from 'node:util'
import { formatProblem } from '../engine/corpus/loader.js'
import { formatBytes } from '../render/format.js'
import { statSync } from 'node:fs'
import { corpusChoice, openWithProgress, runCli } from './common.js'

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { corpus: { type: 'string' }, index: { type: 'string' } } })
  const choice = corpusChoice(values)
  const { index, milliseconds } = openWithProgress(choice, { rebuild: true })
  const size = statSync(choice.indexPath, { throwIfNoEntry: false })?.size ?? 0
  const lines = [
    `indexed ${index.articles.length} articles, ${index.passages.count} passages in ${(milliseconds / 1000).toFixed(1)} s`,
    `saved ${choice.indexPath} (${formatBytes(size)})`,
  ]
  if (index.problems.length > 0) lines.push(`skipped (${index.problems.length}):`, ...index.problems.map((p) => `  ${formatProblem(p)}`))
  process.stdout.write(`${lines.join('\n')}\n`)
}

await runCli(main)
