// npm run bench [-- --sizes 1,10,100]
// Builds the index for FA-KES ×1, ×10 and ×100 (copies with new ids and light word noise, so that no copy is
// identical to another) and prints, per size: build time, index file size, load time, resident memory, and answer
// latency p50/p99 per command over the fixed questions of bench/questions.jsonl. Each measure runs in a fresh process.

import { spawnSync } from 'node:child_process'
import { createWriteStream, existsSync, mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { once } from 'node:events'
import { loadCorpus } from '../src/engine/corpus/loader.js'

const here = dirname(fileURLToPath(import.meta.url))
const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1,10,100' }, fakes: { type: 'string' } } })
const FAKES = resolve(values.fakes ?? process.env.FAKES_CSV ?? join(here, '../../shared/corpora/fa-kes/FA-KES-Dataset.csv'))
const OUT = join(here, 'out')
const QUESTIONS = join(here, 'questions.jsonl')
mkdirSync(OUT, { recursive: true })

/** A small deterministic generator, so every run measures the same corpus. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1
  return () => {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    return (s >>> 0) / 0x1_0000_0000
  }
}

/** FA-KES repeated `times` times; every copy after the first gets new ids and about 3% of its words replaced. */
async function makeCorpus(times: number): Promise<string> {
  const file = join(OUT, `fakes-x${times}.jsonl`)
  if (existsSync(file)) return file
  const { articles } = loadCorpus(FAKES)
  const vocabulary = [...new Set(articles.flatMap((a) => a.body.split(/\s+/)).filter((w) => /^[a-z]{4,}$/.test(w)))]
  const out = createWriteStream(`${file}.tmp`)
  for (let copy = 0; copy < times; copy++) {
    const rnd = random(copy * 7919 + 17)
    const noisy = (text: string) => (copy === 0 ? text : text.replace(/\b[a-z]{4,}\b/g, (w) => (rnd() < 0.03 ? vocabulary[Math.floor(rnd() * vocabulary.length)]! : w)))
    for (const a of articles) {
      const row = { id: copy === 0 ? a.id : `${a.id}-copy${copy}`, title: noisy(a.title), source: a.source, date: a.date, url: a.url, body: noisy(a.body) }
      if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, 'drain')
    }
  }
  out.end()
  await once(out, 'finish')
  const { renameSync } = await import('node:fs')
  renameSync(`${file}.tmp`, file)
  return file
}

function run(args: string[], heapMB: number): Record<string, any> {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', `--max-old-space-size=${heapMB}`, join(here, 'worker.ts'), ...args], { encoding: 'utf8', maxBuffer: 1 << 24 })
  if (result.status !== 0) throw new Error(`bench worker ${args[0]} failed:\n${result.stderr}`)
  const last = result.stdout.trim().split('\n').pop()!
  return JSON.parse(last)
}

const sizes = values.sizes!.split(',').map(Number).filter((n) => n >= 1)
const rows: string[] = []
const f = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1))
console.log(`FA-KES: ${FAKES}\nquestions: ${QUESTIONS} (each answered 3 times after a warm pass, cache off)\nnode ${process.version}, ${(await import('node:os')).cpus().length} cores\n`)
for (const times of sizes) {
  const corpus = await makeCorpus(times)
  const index = join(OUT, `fakes-x${times}.index.json`)
  const build = run(['build', corpus, index], 16_000)
  const query = run(['query', index, QUESTIONS], 16_000)
  const lat = query.latency as Record<string, { p50: number; p99: number; max: number }>
  const line =
    `×${times}: ${build.articles} articles, ${build.passages} passages\n` +
    `  build ${(build.loadMs / 1000).toFixed(1)} s corpus + ${(build.buildMs / 1000).toFixed(1)} s index + ${(build.saveMs / 1000).toFixed(1)} s save; index file ${(build.bytes / 1024 / 1024).toFixed(1)} MB\n` +
    `  load ${(query.loadMs / 1000).toFixed(2)} s; resident memory ${query.rssMB} MB (heap ${query.heapMB} MB)\n` +
    `  latency ms p50/p99:  ${Object.entries(lat).map(([c, l]) => `${c} ${f(l.p50)}/${f(l.p99)}`).join('   ')}\n` +
    `  slowest: ${f(query.slowest.ms)} ms for "${query.slowest.query}"`
  console.log(line)
  rows.push(line)
}
