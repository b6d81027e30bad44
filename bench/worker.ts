// One measurement in a fresh process (so that memory and load time are its own), printing one JSON line.
//   build <corpus> <index>        load the corpus, build the index, save it
//   query <index> <questions>     load the index, answer every question (one warm pass, then three measured ones)

import { readFileSync, statSync } from 'node:fs'
import { answer } from '../src/engine/query/answer.js'
import { loadCorpus } from '../src/engine/corpus/loader.js'
import { buildIndex } from '../src/engine/index/build.js'
import { readIndex } from '../src/engine/index/file-reader.js'
import { saveIndex } from '../src/engine/index/file-writer.js'
import type { Command } from '../src/engine/types.js'

const [task, a, b] = process.argv.slice(2)
const gc = (globalThis as { gc?: () => void }).gc
const mb = (n: number) => Math.round(n / 1024 / 1024)

if (task === 'build') {
  let t = performance.now()
  const corpus = loadCorpus(a!)
  const loadMs = performance.now() - t
  t = performance.now()
  const index = buildIndex(corpus.articles, { fingerprint: 'bench', problems: corpus.problems })
  const buildMs = performance.now() - t
  t = performance.now()
  saveIndex(b!, index)
  const saveMs = performance.now() - t
  gc?.()
  const m = process.memoryUsage()
  console.log(
    JSON.stringify({
      articles: index.articles.length,
      passages: index.passages.count,
      loadMs,
      buildMs,
      saveMs,
      bytes: statSync(b!).size,
      rssMB: mb(m.rss),
      heapMB: mb(m.heapUsed),
    }),
  )
} else if (task === 'query') {
  const t = performance.now()
  const outcome = readIndex(a!)
  if (!outcome.ok) throw new Error(`cannot read ${a}: ${outcome.detail}`)
  const loadMs = performance.now() - t
  gc?.()
  const m = process.memoryUsage()
  const questions = readFileSync(b!, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { command: Command; query: string })
  const index = outcome.index
  for (const q of questions) answer(index, q.command, q.query, { limit: 12 })
  const times: Record<string, number[]> = {}
  let slowest = { ms: 0, query: '' }
  for (let rep = 0; rep < 3; rep++) {
    for (const q of questions) {
      const started = performance.now()
      answer(index, q.command, q.query, { limit: 12 })
      const ms = performance.now() - started
      ;(times[q.command] ??= []).push(ms)
      if (ms > slowest.ms) slowest = { ms, query: `${q.command}: ${q.query}` }
    }
  }
  const stats: Record<string, { p50: number; p99: number; max: number }> = {}
  const all: number[] = []
  for (const [command, list] of Object.entries(times)) {
    list.sort((x, y) => x - y)
    all.push(...list)
    stats[command] = { p50: pct(list, 50), p99: pct(list, 99), max: list[list.length - 1]! }
  }
  all.sort((x, y) => x - y)
  stats.all = { p50: pct(all, 50), p99: pct(all, 99), max: all[all.length - 1]! }
  console.log(
    JSON.stringify({
      articles: index.articles.length,
      passages: index.passages.count,
      loadMs,
      rssMB: mb(m.rss),
      heapMB: mb(m.heapUsed),
      latency: stats,
      slowest,
    }),
  )
} else {
  throw new Error('usage: worker.ts build <corpus> <index> | query <index> <questions>')
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}
