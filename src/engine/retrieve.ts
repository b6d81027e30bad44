// Finding the passages that match a question's terms, and scoring them. Selective terms are searched in MiniSearch
// (which also expands typos and partial words); frequent terms are looked up in their posting lists. A question of
// frequent terms only ("killed civilians Aleppo") takes the passages that hold all of them (or all but the most
// common, and so on). Every candidate is scored the same way: BM25 with one occurrence per sentence, times the
// number of question terms it holds.

import type { SearchResult } from 'minisearch'
import type { SearchIndex } from './indexer.js'
import { contains, intersect, nearFrequentTerms, postingsOf } from './postings.js'

export interface Hit {
  passage: number
  score: number
  /** The question's terms the passage holds (a typo counts when one of its neighbours is there). */
  queryTerms: string[]
  /** The index terms that matched, for highlighting. */
  terms: string[]
}

/** How many of the best passages are kept for ranking answers. */
export const CANDIDATES = 400
const K1 = 1.2
const B = 0.7
const FUZZY_WEIGHT = 0.5
const PREFIX_WEIGHT = 0.6
/** A question of frequent terms only looks at this many passages at most (the shortest first: the most to the point). */
const FREQUENT_ONLY_POOL = 5_000

interface FrequentTerm {
  /** The question's term. */
  source: string
  /** The index term looked up (the source itself, or a neighbour of an unknown source). */
  term: string
  weight: number
  list: Uint32Array
}

export function retrieve(index: SearchIndex, terms: string[], weightOf: (t: string) => number, allows: ((article: number) => boolean) | undefined): Hit[] {
  const known = (t: string) => index.termFrequency.has(t)
  const frequent: FrequentTerm[] = []
  for (const t of terms) {
    const list = postingsOf(index.frequent, t)
    if (list) frequent.push({ source: t, term: t, weight: 1, list })
  }
  // Unknown terms (typos, partial words) may be neighbours of frequent terms, which MiniSearch does not hold.
  for (const t of terms) {
    if (known(t) || t.length < 3) continue
    for (const near of nearFrequentTerms(index.frequent, t, maxEdits(t), true)) {
      frequent.push({ source: t, term: near.term, weight: near.kind === 'prefix' ? PREFIX_WEIGHT : FUZZY_WEIGHT, list: postingsOf(index.frequent, near.term)! })
    }
  }
  const selective = terms.filter((t) => !index.frequent.slots.has(t))
  const norm = lengthNorm(index)
  const score = (p: number, matched: Array<{ source: string; weight: number }>) => {
    let s = 0
    for (const m of matched) s += m.weight * weightOf(m.source)
    return s * norm(p) * matched.length
  }

  const hits: Hit[] = []
  if (selective.length > 0) {
    const unknown = new Set(selective.filter((t) => !known(t)))
    const results: SearchResult[] = index.miniSearch.search(selective.join(' '), {
      tokenize: (s) => s.split(' '),
      processTerm: (t) => t,
      fuzzy: (t) => (unknown.has(t) ? 0.25 : false),
      prefix: (t) => unknown.has(t) && t.length >= 3,
      maxFuzzy: 2,
      ...(allows ? { filter: (r: SearchResult) => allows(index.passages.article[r.id as number]!) } : {}),
    })
    for (const r of results) {
      const p = r.id as number
      // One entry per question term: exact when the term itself matched, else through a neighbour.
      const matched = r.queryTerms.map((source) => ({ source, weight: r.terms.includes(source) ? 1 : FUZZY_WEIGHT }))
      const derived = r.terms
      for (const f of frequent) {
        if (!contains(f.list, p)) continue
        const same = matched.find((m) => m.source === f.source)
        if (same) same.weight = Math.max(same.weight, f.weight)
        else matched.push({ source: f.source, weight: f.weight })
        derived.push(f.term)
      }
      hits.push({ passage: p, score: score(p, matched), queryTerms: matched.map((m) => m.source), terms: derived })
    }
  }
  if (hits.length === 0 && frequent.length > 0) hits.push(...frequentOnly(index, frequent, score, allows))
  hits.sort((a, b) => b.score - a.score || a.passage - b.passage)
  return hits.slice(0, CANDIDATES)
}

/**
 * Passages holding all the frequent terms; when none does, all but the most common one, and so on. A typo's
 * neighbours count as one term (any of them).
 */
function frequentOnly(
  index: SearchIndex,
  frequent: FrequentTerm[],
  score: (p: number, matched: Array<{ source: string; weight: number }>) => number,
  allows: ((article: number) => boolean) | undefined,
): Hit[] {
  const bySource = new Map<string, FrequentTerm[]>()
  for (const f of frequent) bySource.set(f.source, [...(bySource.get(f.source) ?? []), f])
  const sources = [...bySource.entries()].map(([source, fs]) => ({ source, list: fs.length === 1 ? fs[0]!.list : union(fs.map((f) => f.list)) }))
  sources.sort((a, b) => a.list.length - b.list.length)
  let kept = sources.length
  let passages = intersect(sources.map((s) => s.list))
  while (passages.length === 0 && kept > 1) passages = intersect(sources.slice(0, --kept).map((s) => s.list))
  let pool = allows ? passages.filter((p) => allows(index.passages.article[p]!)) : passages
  if (pool.length > FREQUENT_ONLY_POOL) pool = shortest(index, pool, FREQUENT_ONLY_POOL)
  const hits: Hit[] = []
  for (const p of pool) {
    const matched: Array<{ source: string; weight: number }> = []
    const derived: string[] = []
    for (const f of frequent) {
      if (!contains(f.list, p)) continue
      const same = matched.find((m) => m.source === f.source)
      if (same) same.weight = Math.max(same.weight, f.weight)
      else matched.push({ source: f.source, weight: f.weight })
      derived.push(f.term)
    }
    hits.push({ passage: p, score: score(p, matched), queryTerms: matched.map((m) => m.source), terms: derived })
  }
  return hits
}

/** The `k` passages with the fewest terms: with the same terms matched, BM25 ranks them first. */
function shortest(index: SearchIndex, passages: Uint32Array, k: number): Uint32Array {
  const length = index.passages.length
  const counts = new Uint32Array(65_536)
  for (const p of passages) counts[length[p]!]!++
  let threshold = 0
  let below = 0
  while (threshold < 65_535 && below + counts[threshold]! < k) below += counts[threshold++]!
  let room = k - below
  const out: number[] = []
  for (const p of passages) {
    const l = length[p]!
    if (l < threshold || (l === threshold && room-- > 0)) out.push(p)
  }
  return Uint32Array.from(out)
}

function union(lists: Uint32Array[]): Uint32Array {
  const all = new Set<number>()
  for (const l of lists) for (const p of l) all.add(p)
  return Uint32Array.from([...all].sort((a, b) => a - b))
}

/** BM25's length normalisation for a term that occurs once. */
function lengthNorm(index: SearchIndex): (p: number) => number {
  const avg = index.averageLength || 1
  return (p) => (K1 + 1) / (1 + K1 * (1 - B + (B * index.passages.length[p]!) / avg))
}

/** Edits allowed for a typo of this length, as MiniSearch's fuzzy 0.25 with at most 2. */
export function maxEdits(term: string): number {
  return term.length < 4 ? 0 : Math.min(2, Math.round(term.length * 0.25))
}

/** Adds a passage that MiniSearch did not return (a lead sentence of a matching article) with the frequent terms it holds. */
export function hitOf(index: SearchIndex, p: number, terms: string[], weightOf: (t: string) => number): Hit {
  const matched = terms.filter((t) => {
    const list = postingsOf(index.frequent, t)
    return list ? contains(list, p) : false
  })
  const norm = lengthNorm(index)(p)
  const score = matched.reduce((s, t) => s + weightOf(t) * norm, 0) * matched.length
  return { passage: p, score, queryTerms: matched, terms: matched }
}
