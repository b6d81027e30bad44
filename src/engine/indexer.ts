// Corpus → index: each article is cut into sentences (its headline is a passage too), each passage is reduced to
// terms and its dates, actors, places and figures are extracted once, here, and stored with it.

import MiniSearch, { type Options } from 'minisearch'
import type { Article, Extraction } from './types.js'
import type { Problem } from './corpus/loader.js'
import { analyze } from './normalize.js'
import { splitSentences } from './sentences.js'
import { DATELINE_CHARS, parseIsoDate } from './extract/dates.js'
import { extractPassage } from './extract/index.js'

/** Bump when normalisation, extraction or the file layout change: older index files are then rebuilt. */
export const INDEX_FORMAT = 1

export interface Passage {
  /** Index of the article in `SearchIndex.articles`. */
  article: number
  /** Offsets of the passage in the article's body, or in its title for the headline. */
  start: number
  end: number
  headline: boolean
  /** 0 for the headline, then 1, 2, … for the body's sentences in order. */
  position: number
  /** null when nothing was extracted. */
  x: Extraction | null
}

export interface SearchIndex {
  format: number
  fingerprint: string
  builtAt: string
  articles: Article[]
  passages: Passage[]
  /** Problems met while loading the corpus this index was built from. */
  problems: Problem[]
  /** In how many passages each term occurs: query planning and how much of a question a passage covers. */
  termFrequency: Map<string, number>
  /**
   * The passages of each frequent term ("kill", "syria") as a bitset. Questions search MiniSearch with their
   * selective terms and look frequent ones up here: a frequent term's postings cost most and tell least.
   */
  frequentTerms: Map<string, Uint8Array>
  miniSearch: MiniSearch<IndexedPassage>
  /** Derived on load: article id → index, and the first passage of each article. */
  articleIndexById: Map<string, number>
  firstPassageOfArticle: Int32Array
}

/** What MiniSearch indexes per passage: our own terms, joined by spaces. */
export interface IndexedPassage {
  id: number
  t: string
}

/** MiniSearch sees terms already normalised by `analyze`, so it only splits on spaces. */
export const MINISEARCH_OPTIONS: Options<IndexedPassage> = {
  idField: 'id',
  fields: ['t'],
  storeFields: [],
  tokenize: (text) => (text === '' ? [] : text.split(' ')),
  processTerm: (term) => term,
}

export interface BuildOptions {
  fingerprint: string
  problems?: Problem[]
  /** Called after each article with (done, total). */
  onProgress?: (done: number, total: number) => void
}

export function passageText(index: Pick<SearchIndex, 'articles' | 'passages'>, passage: Passage): string {
  const article = index.articles[passage.article]!
  return (passage.headline ? article.title : article.body).slice(passage.start, passage.end)
}

export function buildIndex(articles: Article[], options: BuildOptions): SearchIndex {
  const passages: Passage[] = []
  const docs: IndexedPassage[] = []
  const termFrequency = new Map<string, number>()
  const addPassage = (articleIndex: number, text: string, start: number, end: number, headline: boolean, position: number, dateline: number, date: ReturnType<typeof parseIsoDate>) => {
    const { tokens, entities, words } = analyze(text)
    const x = extractPassage({ text, words, entities, articleDate: date, datelineBefore: dateline, lead: position === 1 })
    const empty = x.dates.length === 0 && x.actors.length === 0 && x.places.length === 0 && x.casualties.length === 0
    const id = passages.length
    passages.push({ article: articleIndex, start, end, headline, position, x: empty ? null : x })
    const terms = tokens.map((t) => t.term)
    docs.push({ id, t: terms.join(' ') })
    for (const term of new Set(terms)) termFrequency.set(term, (termFrequency.get(term) ?? 0) + 1)
  }
  articles.forEach((article, a) => {
    const date = parseIsoDate(article.date)
    if (article.title.trim()) addPassage(a, article.title, 0, article.title.length, true, 0, 0, date)
    let position = 1
    for (const span of splitSentences(article.body)) {
      const text = article.body.slice(span.start, span.end)
      addPassage(a, text, span.start, span.end, false, position++, Math.max(0, DATELINE_CHARS - span.start), date)
    }
    options.onProgress?.(a + 1, articles.length)
  })
  const miniSearch = new MiniSearch<IndexedPassage>(MINISEARCH_OPTIONS)
  miniSearch.addAll(docs)
  const frequentTerms = frequentTermBitsets(docs, termFrequency)
  return withLookups({
    format: INDEX_FORMAT,
    fingerprint: options.fingerprint,
    builtAt: new Date().toISOString(),
    articles: articles.map(({ id, title, source, date, url, body, location, credit }) => ({ id, title, source, date, url, body, location, credit })),
    passages,
    problems: options.problems ?? [],
    termFrequency,
    frequentTerms,
    miniSearch,
  })
}

/** A term is frequent when it occurs in more than this share of the passages. */
export const FREQUENT_SHARE = 0.06

export function isFrequent(df: number, passageCount: number): boolean {
  return df > Math.max(50, FREQUENT_SHARE * passageCount)
}

function frequentTermBitsets(docs: IndexedPassage[], termFrequency: Map<string, number>): Map<string, Uint8Array> {
  const bitsets = new Map<string, Uint8Array>()
  for (const [term, df] of termFrequency) if (isFrequent(df, docs.length)) bitsets.set(term, new Uint8Array((docs.length + 7) >> 3))
  if (bitsets.size === 0) return bitsets
  for (const doc of docs) {
    for (const term of doc.t.split(' ')) {
      const bits = bitsets.get(term)
      if (bits) bits[doc.id >> 3]! |= 1 << (doc.id & 7)
    }
  }
  return bitsets
}

export function hasTerm(bits: Uint8Array, passage: number): boolean {
  return (bits[passage >> 3]! & (1 << (passage & 7))) !== 0
}

/** Adds the lookups derived from articles and passages (not stored in the file). */
export function withLookups(index: Omit<SearchIndex, 'articleIndexById' | 'firstPassageOfArticle'>): SearchIndex {
  const articleIndexById = new Map<string, number>()
  index.articles.forEach((a, i) => articleIndexById.set(a.id, i))
  const firstPassageOfArticle = new Int32Array(index.articles.length + 1).fill(-1)
  index.passages.forEach((p, i) => {
    if (firstPassageOfArticle[p.article] === -1) firstPassageOfArticle[p.article] = i
  })
  firstPassageOfArticle[index.articles.length] = index.passages.length
  // Articles without passages (empty body after trimming) point at the next article's first passage.
  for (let a = index.articles.length - 1; a >= 0; a--) {
    if (firstPassageOfArticle[a] === -1) firstPassageOfArticle[a] = firstPassageOfArticle[a + 1]!
  }
  return { ...index, articleIndexById, firstPassageOfArticle }
}

/** The passages of one article, headline first. */
export function passagesOf(index: SearchIndex, articleIndex: number): Passage[] {
  return index.passages.slice(index.firstPassageOfArticle[articleIndex]!, index.firstPassageOfArticle[articleIndex + 1]!)
}
