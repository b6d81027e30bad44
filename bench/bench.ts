// npm run bench [-- --sizes 1,10,100] [--no-load] [--reuse]
// Builds the index for FA-KES ×1, ×10 and ×100 (copies with new ids and light word noise, so that no copy is
// identical to another) and prints, per size: build time, index file size, load time, resident memory, and answer
// latency p50/p99 per command over the fixed questions of bench/questions.jsonl. Each measure runs in a fresh process.
// --reuse skips the build when bench/out already holds a whole index of the current format for that size (building
// ×100 takes minutes): load time, memory and latency are measured again, build time is not.
// Then the load run (bench/load.ts): the bot as `npm start` runs it, under bursts and a steady rate of interactions
// from a fake Discord, with a /reindex of FA-KES ×10 in the middle.

import { spawnSync } from 'node:child_process'
import { statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { FAKES, makeCorpus, OUT } from './corpus.js'
import { loadRun } from './load.js'
import { checkIndexFile } from '../src/engine/index/file-reader.js'

const here = dirname(fileURLToPath(import.meta.url))
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1,10,100' },
    'no-load': { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
  },
})
const QUESTIONS = join(here, 'questions.jsonl')

function run(args: string[], heapMB: number): Record<string, any> {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--expose-gc', `--max-old-space-size=${heapMB}`, join(here, 'worker.ts'), ...args],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  )
  if (result.status !== 0) throw new Error(`bench worker ${args[0]} failed:\n${result.stderr}`)
  const last = result.stdout.trim().split('\n').pop()!
  return JSON.parse(last)
}

const sizes = values.sizes
  .split(',')
  .map(Number)
  .filter((n) => n >= 1)
const rows: string[] = []
const f = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1))
console.log(
  `FA-KES: ${FAKES}\nquestions: ${QUESTIONS} (each answered 3 times after a warm pass, cache off)\nnode ${process.version}, ${(await import('node:os')).cpus().length} cores\n`,
)
for (const times of sizes) {
  const corpus = await makeCorpus(times)
  const index = join(OUT, `fakes-x${times}.index`)
  const reused = values.reuse && checkIndexFile(index).ok
  const build = reused ? undefined : run(['build', corpus, index], 16_000)
  const query = run(['query', index, QUESTIONS], 16_000)
  const lat = query.latency as Record<string, { p50: number; p99: number; max: number }>
  const line =
    `×${times}: ${query.articles} articles, ${query.passages} passages\n` +
    (build
      ? `  build ${(build.loadMs / 1000).toFixed(1)} s corpus + ${(build.buildMs / 1000).toFixed(1)} s index + ${(build.saveMs / 1000).toFixed(1)} s save; index file ${(build.bytes / 1024 / 1024).toFixed(1)} MB\n`
      : `  build skipped (--reuse: ${index}); index file ${(statSync(index).size / 1024 / 1024).toFixed(1)} MB\n`) +
    `  load ${(query.loadMs / 1000).toFixed(2)} s; resident memory ${query.rssMB} MB (heap ${query.heapMB} MB)\n` +
    `  latency ms p50/p99:  ${Object.entries(lat)
      .map(([c, l]) => `${c} ${f(l.p50)}/${f(l.p99)}`)
      .join('   ')}\n` +
    `  slowest: ${f(query.slowest.ms)} ms for "${query.slowest.query}"`
  console.log(line)
  rows.push(line)
}
if (!values['no-load']) await loadRun()
