// Corpus → index: each article is cut into sentences (its headline is a passage too), each passage is reduced to
// terms and its dates, actors, places and figures are extracted once, here, and stored with it.
// Passages live in typed arrays and their extractions in one ASCII text, read back one passage at a time, so that
// a corpus of a million passages loads in seconds and fits in memory. MiniSearch indexes each passage's selective
// terms; frequent terms have compact posting lists (postings.ts).

import MiniSearch, { type Options } from 'minisearch'
import type { Article, Extraction } from '../types.js'
import type { Problem } from '../corpus/loader.js'
import { analyze } from '../text/normalize.js'
import { splitSentences } from '../text/sentences.js'
import { clutterSpans } from '../corpus/clutter.js'
import { plainArticle, StoredArticle } from './stored-articles.js'
import { groupIncidents, incidentOfArticle, mainClauseTerms, type ArticleTop, type Incident } from './incidents.js'
import { fold } from '../text/words.js'
import { DATELINE_CHARS, parseIsoDate } from '../extract/dates.js'
import { extractPassage } from '../extract/index.js'
import { decodeExtraction, encodeExtraction } from '../extract/codec.js'
import { buildFrequentPostings, frequentThreshold, type FrequentPostings } from './postings.js'
import { vocabularyOf, type Vocabulary } from './vocabulary.js'

/** Bump when the file layout changes (the engine's own source is hashed into the fingerprint as well). */
export const INDEX_FORMAT = 8

/** The passages of all articles, in article order; passage p of the corpus is entry p of each array. */
export interface PassageTable {
  count: number
  /** Index of the passage's article in `SearchIndex.articles`. */
  article: Uint32Array
  /** Offsets of the passage in the article's body, or in its title for the headline. */
  start: Uint32Array
  end: Uint32Array
  /** 0 for the headline, then 1, 2, … for the body's sentences in order. */
  position: Uint16Array
  /** Number of terms, for length normalisation. */
  length: Uint16Array
  /**
   * Extraction of passage p: extractionText[extractionOffsets[p] .. extractionOffsets[p + 1]) (extract/codec.ts), empty
   * when none. ASCII bytes, decoded one passage at a time when asked for.
   */
  extractionOffsets: Uint32Array
  extractionText: Buffer
}

export interface SearchIndex {
  format: number
  fingerprint: string
  builtAt: string
  articles: Article[]
  passages: PassageTable
  /** Problems met while loading the corpus this index was built from. */
  problems: Problem[]
  /** In how many passages each term occurs: query planning and how much of a question a passage covers. */
  termFrequency: Map<string, number>
  /**
   * Terms the articles write as names (capitalised in mid-sentence most of the time: "Jayrud", "Qusour", "Alloush"):
   * what a question is about, as opposed to the words that describe it. People type them in lower case.
   */
  nameTerms: Set<string>
  frequent: FrequentPostings
  averageLength: number
  /** Reports of one event by several outlets, grouped at index time (incidents.ts), in date order. */
  incidents: Incident[]
  /** MiniSearch over the passages' selective terms. */
  miniSearch: MiniSearch<IndexedPassage>
  /** Every term of the corpus: typos and partial words are expanded against it. */
  vocabulary: Vocabulary
  /** Derived on load: article id → index, and the first passage of each article (one more entry: the end). */
  articleIndexById: Map<string, number>
  firstPassageOfArticle: Uint32Array
  /** Derived on load: the incident of each article (an index into incidents), -1 when none. */
  incidentOfArticle: Int32Array
}

/** What MiniSearch indexes per passage: its selective terms, already normalised, joined by spaces. */
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

export function isHeadline(index: SearchIndex, p: number): boolean {
  return index.passages.position[p] === 0
}

export function passageText(index: SearchIndex, p: number): string {
  const article = index.articles[index.passages.article[p]!]!
  return index.passages.position[p] === 0
    ? article.title.slice(index.passages.start[p], index.passages.end[p])
    : bodySlice(article, index.passages.start[p]!, index.passages.end[p]!)
}

/** article.body.slice(start, end); an article of an index file decodes only those characters. */
export function bodySlice(article: Article, start: number, end: number): string {
  return article instanceof StoredArticle ? article.bodySlice(start, end) : article.body.slice(start, end)
}

const parsedExtractions = new WeakMap<PassageTable, Map<number, Extraction | null>>()
const PARSED_KEPT = 20_000

/** What extraction found in passage p (parsed on demand, the most recent kept); null when nothing. */
export function extractionOf(index: SearchIndex, p: number): Extraction | null {
  const from = index.passages.extractionOffsets[p]!
  const to = index.passages.extractionOffsets[p + 1]!
  if (from === to) return null
  let cache = parsedExtractions.get(index.passages)
  if (!cache) parsedExtractions.set(index.passages, (cache = new Map<number, Extraction | null>()))
  let x = cache.get(p)
  if (x === undefined) {
    x = decodeExtraction(index.passages.extractionText.toString('latin1', from, to), passageText(index, p))
    cache.set(p, x)
    if (cache.size > PARSED_KEPT) cache.delete(cache.keys().next().value!)
  }
  return x
}

export function buildIndex(articles: Article[], options: BuildOptions): SearchIndex {
  const article: number[] = []
  const start: number[] = []
  const end: number[] = []
  const position: number[] = []
  const length: number[] = []
  const extractionOffsets: number[] = [0]
  const extractionParts: string[] = []
  let extractionLength = 0
  const terms: string[] = []
  const termFrequency = new Map<string, number>()
  const capitalised = new NameCounter()
  const tops = new Map<number, ArticleTop>()

  const addPassage = (
    a: number,
    text: string,
    from: number,
    to: number,
    pos: number,
    date: ReturnType<typeof parseIsoDate>,
  ) => {
    const { tokens, entities, words } = analyze(text)
    const x = extractPassage({
      text,
      words,
      entities,
      articleDate: date,
      datelineBefore: Math.max(0, DATELINE_CHARS - from),
      lead: pos === 1,
    })
    const json = encodeExtraction(x, text)
    extractionParts.push(json)
    extractionLength += json.length
    extractionOffsets.push(extractionLength)
    article.push(a)
    start.push(from)
    end.push(to)
    position.push(Math.min(pos, 0xffff))
    length.push(Math.min(tokens.length, 0xffff))
    const list = tokens.map((t) => t.term)
    if (pos > 0) capitalised.count(text, tokens)
    if (pos < TOP_PASSAGES) {
      const top = tops.get(a) ?? { article: a, date: articles[a]!.date, passages: [] }
      top.passages.push({
        passage: article.length - 1,
        headline: pos === 0,
        text,
        terms: new Set(list),
        mainTerms: mainClauseTerms(text, tokens),
        extraction: x,
      })
      tops.set(a, top)
    }
    terms.push(list.join(' '))
    for (const term of new Set(list)) termFrequency.set(term, (termFrequency.get(term) ?? 0) + 1)
  }
  articles.forEach((doc, a) => {
    const date = parseIsoDate(doc.date)
    if (doc.title.trim()) addPassage(a, doc.title, 0, doc.title.length, 0, date)
    let pos = 1
    for (const span of newsSentences(doc.body, doc.title))
      addPassage(a, doc.body.slice(span.start, span.end), span.start, span.end, pos++, date)
    options.onProgress?.(a + 1, articles.length)
  })

  const threshold = frequentThreshold(article.length)
  const frequent = buildFrequentPostings(
    (function* () {
      for (const t of terms) yield t === '' ? [] : t.split(' ')
    })(),
    termFrequency,
    threshold,
  )
  // MiniSearch gets each passage's selective terms; a passage with none is reached through the frequent postings.
  const miniSearch = new MiniSearch<IndexedPassage>(MINISEARCH_OPTIONS)
  terms.forEach((t, id) => {
    const selective = t === '' ? [] : [...new Set(t.split(' ').filter((term) => !frequent.slots.has(term)))]
    if (selective.length > 0) miniSearch.add({ id, t: selective.join(' ') })
  })

  const count = article.length
  const passages: PassageTable = {
    count,
    article: Uint32Array.from(article),
    start: Uint32Array.from(start),
    end: Uint32Array.from(end),
    position: Uint16Array.from(position),
    length: Uint16Array.from(length),
    extractionOffsets: Uint32Array.from(extractionOffsets),
    extractionText: Buffer.from(extractionParts.join(''), 'latin1'),
  }
  return withLookups({
    format: INDEX_FORMAT,
    fingerprint: options.fingerprint,
    builtAt: new Date().toISOString(),
    articles: articles.map(plainArticle),
    passages,
    problems: options.problems ?? [],
    termFrequency,
    nameTerms: capitalised.names(),
    incidents: groupIncidents(tops.values()),
    frequent,
    averageLength: count === 0 ? 1 : length.reduce((s, n) => s + n, 0) / count,
    miniSearch,
  })
}

/**
 * The sentences of a body without its page furniture (share bars, tag lists, captions, datelines: clutter.ts): a
 * sentence is cut where furniture begins or ends, and what is left of it is quoted and searched, never the furniture.
 * Offsets stay those of the body, so that every quote is still the article's own words.
 */
export function newsSentences(body: string, title = ''): Array<{ start: number; end: number }> {
  // A body that begins with its headline (FA-KES copies it there): the headline is a passage of its own already, and
  // the furniture that opens a body (a dateline) comes after it.
  const normalised = (t: string) => fold(t).replace(/\s+/g, ' ').trim()
  const repeated =
    title.trim().length >= 20 && normalised(body.slice(0, title.length + 8)).startsWith(normalised(title))
  const skip = repeated ? headlineEnd(body, title) : 0
  const clutter = clutterSpans(body.slice(skip)).map((c) => ({ ...c, start: c.start + skip, end: c.end + skip }))
  if (skip > 0) clutter.unshift({ start: 0, end: skip, kind: 'headline' })
  const out: Array<{ start: number; end: number }> = []
  let k = 0
  for (const sentence of splitSentences(body)) {
    let start = sentence.start
    while (k < clutter.length && clutter[k]!.end <= start) k++
    for (let j = k; j < clutter.length && clutter[j]!.start < sentence.end; j++) {
      keep(start, Math.min(clutter[j]!.start, sentence.end))
      start = Math.max(start, clutter[j]!.end)
    }
    keep(start, sentence.end)
  }
  return out

  function keep(from: number, to: number): void {
    while (from < to && /\s/.test(body[from]!)) from++
    while (to > from && /\s/.test(body[to - 1]!)) to--
    // A piece without a word (a stray number or mark between two pieces of furniture) is not a sentence.
    if (to > from && /\p{L}{2}/u.test(body.slice(from, to))) out.push({ start: from, end: to })
  }
}

/** Where the copy of the headline at the start of a body ends (its words, whatever the spacing between them). */
function headlineEnd(body: string, title: string): number {
  const words = title.trim().split(/\s+/).length
  const re = /\S+\s*/g
  let end = 0
  for (let n = 0; n < words; n++) {
    const m = re.exec(body)
    if (!m) break
    end = m.index + m[0].length
  }
  return end
}

/** The headline and first sentences of an article, kept for grouping its report into an incident. */
const TOP_PASSAGES = 4

/** A name is capitalised in at least this share of its mid-sentence occurrences. */
const NAME_SHARE = 0.75

/** Counts, per term, how often the articles capitalise it in mid-sentence (the first word of a sentence says nothing). */
class NameCounter {
  private readonly upper = new Map<string, number>()
  private readonly lower = new Map<string, number>()

  count(text: string, tokens: Array<{ term: string; start: number; entity?: unknown }>): void {
    for (const t of tokens) {
      // The first word of a sentence is capitalised whatever it is ("The Taliban": "Taliban" is not first).
      if (t.entity || /^\d/.test(t.term) || !/\p{L}/u.test(text.slice(0, t.start))) continue
      const first = text[t.start]!
      const counts = first !== first.toLowerCase() ? this.upper : first !== first.toUpperCase() ? this.lower : undefined
      counts?.set(t.term, (counts.get(t.term) ?? 0) + 1)
    }
  }

  names(): Set<string> {
    const out = new Set<string>()
    for (const [term, up] of this.upper) if (up >= NAME_SHARE * (up + (this.lower.get(term) ?? 0))) out.add(term)
    return out
  }
}

/** Adds the lookups derived from articles and passages (not stored in the file). */
export function withLookups(
  index: Omit<SearchIndex, 'articleIndexById' | 'firstPassageOfArticle' | 'vocabulary' | 'incidentOfArticle'>,
): SearchIndex {
  const articleIndexById = new Map<string, number>()
  index.articles.forEach((a, i) => articleIndexById.set(a.id, i))
  const n = index.articles.length
  const first = new Uint32Array(n + 1).fill(index.passages.count)
  for (let p = index.passages.count - 1; p >= 0; p--) first[index.passages.article[p]!] = p
  // Articles without passages start where the next one does.
  for (let a = n - 1; a >= 0; a--) if (first[a]! > first[a + 1]!) first[a] = first[a + 1]!
  return {
    ...index,
    articleIndexById,
    firstPassageOfArticle: first,
    vocabulary: vocabularyOf(index.termFrequency),
    incidentOfArticle: incidentOfArticle(index.incidents, n),
  }
}
