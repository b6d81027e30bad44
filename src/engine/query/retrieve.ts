// Finding the passages that match a question's terms, and scoring them. A term the corpus does not know stands for
// its neighbours in the vocabulary (typos, partial words). Selective terms are looked up in MiniSearch, frequent ones
// in their posting lists. A question of frequent terms only ("killed civilians Aleppo") takes the passages that hold
// all of them (or all but the most common, and so on). Every candidate is scored the same way: BM25 with one
// occurrence per sentence, times the number of the question's terms it holds.

import type { SearchResult } from 'minisearch'
import type { SearchIndex } from '../index/build.js'
import { contains, containsAnyIn, intersect, postingsOf } from '../index/postings.js'
import { nearTerms, otherSpellings } from '../index/vocabulary.js'

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
): Retrieved {
  const lookups: Lookup[] = []
  for (const source of terms) {
    const df = index.termFrequency.get(source)
    if (df !== undefined) lookups.push({ source, term: source, weight: 1 })
    else
      for (const n of nearTerms(index.vocabulary, source))
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

  const scored = (p: number, matched: Matched[], derived: string[]): Hit => {
    for (const f of frequent) {
      if (!contains(f.list, p)) continue
      add(matched, f)
      derived.push(f.term)
    }
    return {
      passage: p,
      score: bm25(index, p, matched, weightOf),
      queryTerms: matched.map((m) => m.source),
      ...(matched.some((m) => m.weight < 1) ? { matchWeights: matched.map((m) => m.weight) } : {}),
      terms: derived,
    }
  }

  const hits: Hit[] = []
  const selectiveByArticle = new Map<number, Set<string>>()
  if (selective.size > 0) {
    const query = [...selective.keys()].join(' ')
    const options = {
      tokenize: (s: string) => s.split(' '),
      processTerm: (t: string) => t,
      ...(allows ? { filter: (r: SearchResult) => allows(index.passages.article[r.id as number]!) } : {}),
    }
    for (const r of index.miniSearch.search(query, options)) {
      const matched: Matched[] = []
      for (const term of r.terms) for (const l of selective.get(term) ?? []) add(matched, l)
      const article = index.passages.article[r.id as number]!
      const held = selectiveByArticle.get(article) ?? new Set<string>()
      // A typo's neighbour found in some sentence does not make the article about the question.
      for (const m of matched) if (m.weight >= SPELLING_WEIGHT) held.add(m.source)
      selectiveByArticle.set(article, held)
      hits.push(scored(r.id as number, matched, [...r.terms]))
    }
  }
  if (hits.length === 0 && frequent.length > 0) {
    for (const p of frequentOnly(index, frequent, allows)) hits.push(scored(p, [], []))
  }
  hits.sort((a, b) => b.score - a.score || a.passage - b.passage)
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
  return { hits: hits.slice(0, CANDIDATES), termsOfArticle }
}

/** Adds a matched term once per question term, keeping the better weight (an exact match over a neighbour). */
function add(matched: Matched[], l: Lookup): void {
  const same = matched.find((m) => m.source === l.source)
  if (same) same.weight = Math.max(same.weight, l.weight)
  else matched.push({ source: l.source, weight: l.weight })
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

/** BM25 with each term once in the sentence (its weight times its inverse document frequency), times the terms held. */
function bm25(index: SearchIndex, p: number, matched: Matched[], weightOf: (t: string) => number): number {
  const norm = (K1 + 1) / (1 + K1 * (1 - B + (B * index.passages.length[p]!) / (index.averageLength || 1)))
  let s = 0
  for (const m of matched) s += m.weight * weightOf(m.source)
  return s * norm * matched.length
}

/** A passage MiniSearch did not return (a lead sentence of a matching article), with the frequent terms it holds. */
export function hitOf(index: SearchIndex, p: number, terms: string[], weightOf: (t: string) => number): Hit {
  const matched = terms.filter((t) => {
    const list = postingsOf(index.frequent, t)
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
