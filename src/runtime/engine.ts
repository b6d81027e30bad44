// The engine over one index, in the thread that holds it: answers (cached), article lookup, outlets, autocomplete,
// statistics. The bot, the console and the tests reach it through EngineClient (client.ts), which runs it in a
// worker thread and handles reindexing; tools and tests may also use it directly.

import { statSync } from 'node:fs'
import { answer, MAX_LIMIT, MAX_QUESTION_CHARS } from '../engine/query/answer.js'
import { timeline, type TimelineOptions, type TimelineResult } from '../engine/query/timeline.js'
import type { SearchIndex } from '../engine/index/build.js'
import { plainArticle } from '../engine/index/stored-articles.js'
import { ENTITIES } from '../engine/text/aliases.js'
import { fold } from '../engine/text/words.js'
import { outletKey, outletName } from '../engine/text/outlets.js'
import { openIndex, type OpenOptions } from './open-index.js'
import type { AnswerOptions, AnswerResult, Article, ArticleRef, Command } from '../engine/types.js'
import type { EngineStats, IndexSummary, QueryApi, SourceSummary, Suggestion } from './api.js'

const CACHE_SIZE = 500
/** The alias table's names and spellings, folded once, for autocomplete. */
const ENTITY_KEYS = ENTITIES.map((e) => ({ key: e.key, name: e.name, text: fold([e.name, ...e.aliases].join(' ')) }))

export class Engine implements QueryApi {
  private current: SearchIndex
  private cache = new Map<string, AnswerResult>()
  private titleKeys: string[] = []
  private sourceList: SourceSummary[] = []
  private creditLine: string | undefined

  private constructor(
    index: SearchIndex,
    readonly corpusPath: string,
    readonly indexPath: string,
  ) {
    this.current = index
    this.derive()
  }

  /** Loads the saved index, or builds it from the corpus when it is missing, stale or corrupt. */
  static open(options: OpenOptions): Engine {
    const { index } = openIndex(options)
    return new Engine(index, options.corpusPath, options.indexPath)
  }

  /** For tests and tools that already hold an index. */
  static fromIndex(index: SearchIndex, corpusPath = '', indexPath = ''): Engine {
    return new Engine(index, corpusPath, indexPath)
  }

  get index(): SearchIndex {
    return this.current
  }

  answer<C extends Command>(command: C, question: string, options: AnswerOptions = {}): AnswerResult<C> {
    // A question over the limit is refused without a search: it is not cached, so that neither a key nor a kept
    // result ever holds more than MAX_QUESTION_CHARS of a question (a refused 100,000-character one would stay whole).
    if (question.length > MAX_QUESTION_CHARS) return answer(this.current, command, question, options)
    const key = JSON.stringify([
      command,
      question.trim().toLowerCase(),
      options.sources ?? [],
      options.from ?? '',
      options.to ?? '',
      options.limit ?? 0,
    ])
    const hit = this.cache.get(key)
    if (hit) {
      // Refresh its place: the cache forgets the least recently asked first.
      this.cache.delete(key)
      this.cache.set(key, hit)
      return { ...hit, query: question } as AnswerResult<C>
    }
    const result = answer(this.current, command, question, options)
    this.cache.set(key, result)
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!)
    return result
  }

  /** The incidents of a place or a group, in date order, with their reports' tolls. */
  timeline(query: string, options: TimelineOptions = {}): TimelineResult {
    return timeline(this.current, query, options)
  }

  /** A plain copy (an article of an index file reads its body on demand; a worker must send the text itself). */
  article(id: string): Article | undefined {
    const i = this.current.articleIndexById.get(id.trim())
    if (i === undefined) return undefined
    return plainArticle(this.current.articles[i]!)
  }

  /** Autocomplete for an article id: the id typed, else articles whose headline or id holds every word typed. */
  suggestArticles(typed: string, limit = MAX_LIMIT): ArticleRef[] {
    const text = typed.trim()
    const exact = text ? this.article(text) : undefined
    const found: Article[] = exact ? [exact] : []
    const words = fold(text).split(/\s+/).filter(Boolean)
    const articles = this.current.articles
    for (let i = 0; i < articles.length && found.length < limit; i++) {
      const a = articles[i]!
      if (a === exact) continue
      const key = `${this.titleKeys[i]} ${fold(a.id)}`
      if (words.every((w) => key.includes(w))) found.push(a)
    }
    return found.map(({ id, title, source, date, url }) => ({ id, title, source, date, url }))
  }

  credits(): string {
    return (this.creditLine ??= [...new Set(this.current.articles.map((a) => a.credit).filter(Boolean))].join(' · '))
  }

  /** What a reindex report compares: the articles' ids, the counts, what the corpus could not load. */
  summary(): IndexSummary {
    return {
      ids: this.current.articles.map((a) => a.id),
      articles: this.current.articles.length,
      passages: this.current.passages.count,
      problems: this.current.problems,
    }
  }

  sources(): SourceSummary[] {
    return this.sourceList
  }

  stats(): EngineStats {
    let indexBytes = 0
    try {
      indexBytes = statSync(this.indexPath).size
    } catch {
      // Not saved (could not be written, or an in-memory index in tests).
    }
    return {
      articles: this.current.articles.length,
      passages: this.current.passages.count,
      sources: this.sourceList.length,
      builtAt: this.current.builtAt,
      indexBytes,
      indexPath: this.indexPath,
      corpusPath: this.corpusPath,
      problems: this.current.problems.length,
    }
  }

  /**
   * Autocomplete for a question: places and actors of the alias table that the corpus mentions, then headlines,
   * containing every word typed. Answers from memory: autocomplete cannot be deferred.
   */
  suggestQuestions(typed: string, limit = MAX_LIMIT): Suggestion[] {
    const words = fold(typed)
      .split(/[^a-z0-9]+/)
      .filter(Boolean)
    const matches = (key: string) => words.every((w) => key.includes(w))
    const out: Suggestion[] = []
    const seen = new Set<string>()
    const push = (name: string) => {
      const k = fold(name)
      if (seen.has(k) || out.length >= limit) return
      seen.add(k)
      out.push({ name, value: name })
    }
    if (words.length > 0) {
      for (const e of ENTITY_KEYS) {
        if (this.current.termFrequency.has(e.key) && matches(e.text)) push(e.name)
      }
    }
    for (let i = 0; i < this.titleKeys.length && out.length < limit; i++) {
      if (words.length === 0 || matches(this.titleKeys[i]!)) push(this.current.articles[i]!.title)
    }
    return out
  }

  /** Autocomplete for a source: the corpus's outlets whose name or key starts with or contains what was typed. */
  suggestSources(typed: string, limit = MAX_LIMIT): Suggestion[] {
    const t = fold(typed).replace(/[^a-z0-9]/g, '')
    return this.sourceList
      .filter(
        (s) =>
          t === '' ||
          outletKey(s.source).includes(t) ||
          fold(s.name)
            .replace(/[^a-z0-9]/g, '')
            .includes(t),
      )
      .slice(0, limit)
      .map((s) => ({ name: `${s.name} (${s.articles} article${s.articles === 1 ? '' : 's'})`, value: s.source }))
  }

  private derive(): void {
    const index = this.current
    this.creditLine = undefined
    this.titleKeys = index.articles.map((a) => fold(a.title))
    const bySource = new Map<string, SourceSummary>()
    for (const a of index.articles) {
      const key = a.source || '(unknown)'
      const s = bySource.get(key) ?? {
        source: a.source,
        name: outletName(a.source) || 'unknown outlet',
        articles: 0,
        from: '',
        to: '',
      }
      s.articles++
      if (a.date && (s.from === '' || a.date < s.from)) s.from = a.date
      if (a.date && (s.to === '' || a.date > s.to)) s.to = a.date
      bySource.set(key, s)
    }
    this.sourceList = [...bySource.values()].sort((x, y) => y.articles - x.articles || x.name.localeCompare(y.name))
  }
}
