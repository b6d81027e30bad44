// Finding the passages that match a question's terms, and scoring them. A term the corpus does not know stands for
// its neighbours in the vocabulary (typos, partial words). Selective terms are looked up in MiniSearch, frequent ones
// in their posting lists. A question of frequent terms only ("killed civilians Aleppo") takes the passages that hold
// all of them (or all but the most common, and so on). Every candidate is scored the same way: BM25 with one
// occurrence per sentence, times the number of the question's terms it holds.

import type { SearchResult } from 'minisearch'
import type { SearchIndex } from '../index/build.js'
import { contains, containsAnyIn, gallop, intersect, postingsOf } from '../index/postings.js'
import { nearTerms, otherSpellings, type Neighbour } from '../index/vocabulary.js'

export interface Hit {
  passage: number
  score: number
  /** The question's terms the passage holds (a typo counts when one of its neighbours is there). */
  queryTerms: string[]
  /**
   * How well each of queryTerms matched (1 the term itself, less another spelling or a typo's neighbour, which
   * count for that much of the term in coverage); absent when every one matched itself.
   */
  matchWeights?: number[]
  /** The index terms that matched, for highlighting. */
  terms: string[]
}

/** How many of the best passages are kept for ranking answers. */
export const CANDIDATES = 400
const K1 = 1.2
const B = 0.7
const FUZZY_WEIGHT = 0.5
const PREFIX_WEIGHT = 0.6
/** Another spelling of a name ("Jassem" for "jasim") is the same name, nearly. */
const SPELLING_WEIGHT = 0.9
/** A known term this rare may be one spelling of a name the corpus spells several ways. */
const RARE_TERM = 20
/** A term in at most this many passages may be a spelling of a name even when the articles do not capitalise it. */
const RARE_SPELLING = 3
/** A question of frequent terms only looks at this many passages at most (the shortest first: the most to the point). */
const FREQUENT_ONLY_POOL = 5_000

/** One index term looked up for one of the question's terms. */
interface Lookup {
  source: string
  term: string
  weight: number
}

interface FrequentLookup extends Lookup {
  list: Uint32Array
}

interface Matched {
  source: string
  weight: number
}

/** What a question's terms find: the best passages, and which of the terms each article holds anywhere. */
export interface Retrieved {
  hits: Hit[]
  /** The question's terms article `a` holds in any of its passages (or another spelling, or a typo's neighbour). */
  termsOfArticle: (a: number) => Set<string>
}

export function retrieve(
  index: SearchIndex,
  terms: string[],
  weightOf: (t: string) => number,
  allows: ((article: number) => boolean) | undefined,
  near: (term: string) => Neighbour[] = (term) => nearTerms(index.vocabulary, term),
): Retrieved {
  const lookups: Lookup[] = []
  for (const source of terms) {
    const df = index.termFrequency.get(source)
    if (df !== undefined) lookups.push({ source, term: source, weight: 1 })
    else
      for (const n of near(source))
        lookups.push({ source, term: n.term, weight: n.kind === 'prefix' ? PREFIX_WEIGHT : FUZZY_WEIGHT })
    if (df === undefined || df <= RARE_TERM)
      for (const term of otherSpellings(index.vocabulary, source)) {
        // Another spelling is a name of the corpus, or a word too rare to be anything else.
        if (!index.nameTerms.has(term) && (index.termFrequency.get(term) ?? 0) > RARE_SPELLING) continue
        const same = lookups.find((l) => l.source === source && l.term === term)
        if (same) same.weight = Math.max(same.weight, SPELLING_WEIGHT)
        else lookups.push({ source, term, weight: SPELLING_WEIGHT })
      }
  }
  const frequent: FrequentLookup[] = []
  const selective = new Map<string, Lookup[]>()
  for (const l of lookups) {
    const list = postingsOf(index.frequent, l.term)
    if (list) frequent.push({ ...l, list })
    else selective.set(l.term, [...(selective.get(l.term) ?? []), l])
  }
  // Each source's weight, read once (weightOf is the question's, the same for every passage).
  const sourceWeight = new Map<string, number>()
  for (const l of lookups) if (!sourceWeight.has(l.source)) sourceWeight.set(l.source, weightOf(l.source))

  // Every passage found is scored without building its hit: only the best CANDIDATES become hits, built the same way
  // again (matched terms in the same order, so the same score to the last bit).
  const matched = new MatchedScratch()
  const addFrequent = (p: number, derived: string[] | undefined) => {
    for (const f of frequent) {
      if (!contains(f.list, p)) continue
      matched.add(f.source, f.weight)
      derived?.push(f.term)
    }
  }
  const addSelective = (r: SearchResult) => {
    for (const term of r.terms) {
      const ls = selective.get(term)
      if (ls) for (const l of ls) matched.add(l.source, l.weight)
    }
  }
  const score = (p: number) => matched.bm25(index, p, sourceWeight)

  const selectiveByArticle = new Map<number, Set<string>>()
  let found: number[] = []
  let scores: Float64Array
  let hitOfFound: (i: number) => Hit
  if (selective.size > 0) {
    const query = [...selective.keys()].join(' ')
    const options = {
      tokenize: (s: string) => s.split(' '),
      processTerm: (t: string) => t,
      ...(allows ? { filter: (r: SearchResult) => allows(index.passages.article[r.id as number]!) } : {}),
    }
    const results = index.miniSearch.search(query, options)
    scores = new Float64Array(results.length)
    found = new Array<number>(results.length)
    for (let i = 0; i < results.length; i++) {
      const r = results[i]!
      const p = r.id as number
      matched.reset()
      addSelective(r)
      const article = index.passages.article[p]!
      // A typo's neighbour found in some sentence does not make the article about the question.
      for (let k = 0; k < matched.size; k++) {
        if (matched.weights[k]! < SPELLING_WEIGHT) continue
        let held = selectiveByArticle.get(article)
        if (!held) selectiveByArticle.set(article, (held = new Set<string>()))
        held.add(matched.sources[k]!)
      }
      addFrequent(p, undefined)
      found[i] = p
      scores[i] = score(p)
    }
    hitOfFound = (i) => {
      const r = results[i]!
      const p = r.id as number
      const derived = [...r.terms]
      matched.reset()
      addSelective(r)
      addFrequent(p, derived)
      return matched.hit(p, score(p), derived)
    }
  } else {
    scores = new Float64Array(0)
    hitOfFound = () => {
      throw new Error('no passage')
    }
  }
  if (found.length === 0 && frequent.length > 0) {
    const pool = frequentOnly(index, frequent, allows)
    found = Array.from(pool)
    scores = new Float64Array(pool.length)
    // The pool ascends: each list is walked once, from where the last passage left it.
    const at = new Array<number>(frequent.length).fill(0)
    for (let i = 0; i < pool.length; i++) {
      const p = pool[i]!
      matched.reset()
      for (let j = 0; j < frequent.length; j++) {
        const f = frequent[j]!
        const k = (at[j] = gallop(f.list, p, at[j]!))
        if (k < f.list.length && f.list[k] === p) matched.add(f.source, f.weight)
      }
      scores[i] = score(p)
    }
    hitOfFound = (i) => {
      const p = found[i]!
      const derived: string[] = []
      matched.reset()
      addFrequent(p, derived)
      return matched.hit(p, scores[i]!, derived)
    }
  }
  const hits = best(found, scores, CANDIDATES).map(hitOfFound)
  const held = new Map<number, Set<string>>()
  const termsOfArticle = (a: number): Set<string> => {
    let terms = held.get(a)
    if (!terms) {
      terms = new Set(selectiveByArticle.get(a))
      const from = index.firstPassageOfArticle[a]!
      const to = index.firstPassageOfArticle[a + 1]!
      for (const f of frequent)
        if (f.weight >= SPELLING_WEIGHT && !terms.has(f.source) && containsAnyIn(f.list, from, to)) terms.add(f.source)
      held.set(a, terms)
    }
    return terms
  }
  return { hits, termsOfArticle }
}

/**
 * The positions of the `k` best of the found passages, best first: by score, then by passage (the order a sort of
 * every hit gives, without sorting them all).
 */
function best(passages: number[], scores: Float64Array, k: number): number[] {
  const n = passages.length
  const byOrder = (i: number, j: number) => scores[j]! - scores[i]! || passages[i]! - passages[j]!
  if (n <= k) return Array.from({ length: n }, (_, i) => i).sort(byOrder)
  // The k-th best score: every passage above it is in, and at it the lowest passages fill what is left.
  const sorted = Float64Array.from(scores).sort()
  const threshold = sorted[n - k]!
  const out: number[] = []
  const tied: number[] = []
  for (let i = 0; i < n; i++) {
    if (scores[i]! > threshold) out.push(i)
    else if (scores[i] === threshold) tied.push(i)
  }
  tied.sort((i, j) => passages[i]! - passages[j]!)
  for (let t = 0; out.length < k && t < tied.length; t++) out.push(tied[t]!)
  return out.sort(byOrder)
}

/** The question's terms one passage matched, in the order met, each once at its best weight (see add). */
class MatchedScratch {
  sources: string[] = []
  weights: number[] = []
  size = 0

  reset(): void {
    this.size = 0
  }

  add(source: string, weight: number): void {
    for (let k = 0; k < this.size; k++) {
      if (this.sources[k] === source) {
        this.weights[k] = Math.max(this.weights[k]!, weight)
        return
      }
    }
    this.sources[this.size] = source
    this.weights[this.size++] = weight
  }

  /** bm25() of these terms, summed in the same order. */
  bm25(index: SearchIndex, p: number, sourceWeight: Map<string, number>): number {
    const norm = (K1 + 1) / (1 + K1 * (1 - B + (B * index.passages.length[p]!) / (index.averageLength || 1)))
    let s = 0
    for (let k = 0; k < this.size; k++) s += this.weights[k]! * sourceWeight.get(this.sources[k]!)!
    return s * norm * this.size
  }

  hit(passage: number, score: number, derived: string[]): Hit {
    const queryTerms = this.sources.slice(0, this.size)
    let partial = false
    for (let k = 0; k < this.size; k++) if (this.weights[k]! < 1) partial = true
    return {
      passage,
      score,
      queryTerms,
      ...(partial ? { matchWeights: this.weights.slice(0, this.size) } : {}),
      terms: derived,
    }
  }
}

/**
 * Passages holding all the frequent terms; when none does, all but the most common one, and so on. A typo's
 * neighbours count as one term (any of them).
 */
function frequentOnly(
  index: SearchIndex,
  frequent: FrequentLookup[],
  allows: ((article: number) => boolean) | undefined,
): Uint32Array {
  const bySource = new Map<string, Uint32Array[]>()
  for (const f of frequent) bySource.set(f.source, [...(bySource.get(f.source) ?? []), f.list])
  const sources = [...bySource.values()].map((lists) => (lists.length === 1 ? lists[0]! : union(lists)))
  sources.sort((a, b) => a.length - b.length)
  let kept = sources.length
  let passages = intersect(sources)
  while (passages.length === 0 && kept > 1) passages = intersect(sources.slice(0, --kept))
  const pool = allows ? passages.filter((p) => allows(index.passages.article[p]!)) : passages
  return pool.length > FREQUENT_ONLY_POOL ? shortest(index, pool, FREQUENT_ONLY_POOL) : pool
}

/** Passages by their number of terms, for shortest(): all zero between two calls. */
const lengthCounts = new Uint32Array(65_536)

/** The `k` passages with the fewest terms: with the same terms matched, BM25 ranks them first. */
function shortest(index: SearchIndex, passages: Uint32Array, k: number): Uint32Array {
  const length = index.passages.length
  const counts = lengthCounts
  const total = passages.length
  for (let i = 0; i < total; i++) counts[length[passages[i]!]!]!++
  let threshold = 0
  let below = 0
  while (threshold < 65_535 && below + counts[threshold]! < k) below += counts[threshold++]!
  counts.fill(0)
  let room = k - below
  const out = new Uint32Array(k)
  let n = 0
  for (let i = 0; i < total; i++) {
    const p = passages[i]!
    const l = length[p]!
    if (l < threshold || (l === threshold && room-- > 0)) out[n++] = p
  }
  return out.subarray(0, n)
}

function union(lists: Uint32Array[]): Uint32Array {
  const all = new Set<number>()
  for (const l of lists) for (const p of l) all.add(p)
  return Uint32Array.from([...all].sort((a, b) => a - b))
}

/** BM25 with each term once in the sentence (its weight times its inverse document frequency), times the terms held. */
function bm25(index: SearchIndex, p: number, matched: Matched[], weightOf: (t: string) => number): number {
  const norm = (K1 + 1) / (1 + K1 * (1 - B + (B * index.passages.length[p]!) / (index.averageLength || 1)))
  let s = 0
  for (const m of matched) s += m.weight * weightOf(m.source)
  return s * norm * matched.length
}

/** A passage MiniSearch did not return (a lead sentence of a matching article), with the frequent terms it holds. */
export function hitOf(
  index: SearchIndex,
  p: number,
  terms: string[],
  weightOf: (t: string) => number,
  lists: Array<Uint32Array | undefined> = termLists(index, terms),
): Hit {
  const matched = terms.filter((_, i) => {
    const list = lists[i]
    return list ? contains(list, p) : false
  })
  return {
    passage: p,
    score: bm25(
      index,
      p,
      matched.map((source) => ({ source, weight: 1 })),
      weightOf,
    ),
    queryTerms: matched,
    terms: matched,
  }
}

/** The posting list of each term (undefined for a selective one), for hitOf: looked up once per question. */
export function termLists(index: SearchIndex, terms: string[]): Array<Uint32Array | undefined> {
  return terms.map((t) => postingsOf(index.frequent, t))
}
