// FA-KES, and FA-KES repeated with new ids and light word noise, for the benchmarks (written to bench/out/).

import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs'
import { once } from 'node:events'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadCorpus } from '../src/engine/corpus/loader.js'

const here = dirname(fileURLToPath(import.meta.url))
export const FAKES = resolve(process.env.FAKES_CSV ?? join(here, '../../shared/corpora/fa-kes/FA-KES-Dataset.csv'))
export const OUT = join(here, 'out')

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
export async function makeCorpus(times: number): Promise<string> {
  mkdirSync(OUT, { recursive: true })
  const file = join(OUT, `fakes-x${times}.jsonl`)
  if (existsSync(file)) return file
  const { articles } = loadCorpus(FAKES)
  const vocabulary = [...new Set(articles.flatMap((a) => a.body.split(/\s+/)).filter((w) => /^[a-z]{4,}$/.test(w)))]
  const out = createWriteStream(`${file}.tmp`)
  for (let copy = 0; copy < times; copy++) {
    const rnd = random(copy * 7919 + 17)
    const noisy = (text: string) =>
      copy === 0
        ? text
        : text.replace(/\b[a-z]{4,}\b/g, (w) => (rnd() < 0.03 ? vocabulary[Math.floor(rnd() * vocabulary.length)]! : w))
    for (const a of articles) {
      const row = {
        id: copy === 0 ? a.id : `${a.id}-copy${copy}`,
        title: noisy(a.title),
        source: a.source,
        date: a.date,
        url: a.url,
        body: noisy(a.body),
      }
      if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, 'drain')
    }
  }
  out.end()
  await once(out, 'finish')
  renameSync(`${file}.tmp`, file)
  return file
}
