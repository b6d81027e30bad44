// What the bot, the console and the tests ask of the engine. QueryApi is what an Engine answers over one index, in
// its own thread; EngineApi is the same, awaited, plus reindexing: what EngineClient offers by running the Engine in
// a worker thread. QUERY_METHODS is the worker protocol, derived from QueryApi: adding a query is one method on
// Engine and its line in QueryApi (the compiler then insists on its entry in QUERY_METHODS).

import type { Problem } from '../engine/corpus/loader.js'
import type { AnswerOptions, AnswerResult, Article, ArticleRef, Command } from '../engine/types.js'
import type { TimelineOptions, TimelineResult } from '../engine/query/timeline.js'

export interface SourceSummary {
  /** The source as the corpus gives it. */
  source: string
  /** The outlet's name for people. */
  name: string
  articles: number
  /** First and last article date ("" when none is dated). */
  from: string
  to: string
}

export interface EngineStats {
  articles: number
  passages: number
  sources: number
  builtAt: string
  indexBytes: number
  indexPath: string
  corpusPath: string
  problems: number
}

/** What a reindex report compares: the articles' ids, the counts, what the corpus could not load. */
export interface IndexSummary {
  ids: string[]
  articles: number
  passages: number
  problems: Problem[]
}

export interface ReindexReport {
  before: { articles: number; passages: number }
  after: { articles: number; passages: number }
  added: string[]
  removed: string[]
  /** Files and rows of the corpus that were not loaded, with the reason. */
  skipped: Problem[]
  milliseconds: number
  /** Another process (a replica, a shard) was building the index already: this one waited and switched to it. */
  sharedBuild?: true
}

export interface Suggestion {
  name: string
  value: string
}

export interface ReindexOptions {
  /** Accept a corpus with fewer than half the articles of the current index. */
  force?: boolean
}

/** The questions an Engine answers over its index. */
export interface QueryApi {
  answer<C extends Command>(command: C, question: string, options?: AnswerOptions): AnswerResult<C>
  /** The incidents of a place or a group, in date order, each with its reports' tolls and quotes. */
  timeline(query: string, options?: TimelineOptions): TimelineResult
  /** A plain copy of the article, body included. */
  article(id: string): Article | undefined
  suggestArticles(typed: string): ArticleRef[]
  suggestQuestions(typed: string): Suggestion[]
  suggestSources(typed: string): Suggestion[]
  sources(): SourceSummary[]
  stats(): EngineStats
  /** Credits owed by the corpus (e.g. FA-KES, CC BY 4.0), "" when none. */
  credits(): string
  summary(): IndexSummary
}

/** Every QueryApi method, by name: what a worker may be asked. */
export const QUERY_METHODS = {
  answer: true,
  timeline: true,
  article: true,
  suggestArticles: true,
  suggestQuestions: true,
  suggestSources: true,
  sources: true,
  stats: true,
  credits: true,
  summary: true,
} as const satisfies Record<keyof QueryApi, true>

export type QueryMethod = keyof typeof QUERY_METHODS

export function isQueryMethod(name: string): name is QueryMethod {
  return Object.hasOwn(QUERY_METHODS, name)
}

/** A method's remote form: the same arguments, the result awaited. */
type Remote<F> = F extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never

/** The engine as the bot uses it: every query awaited, and reindexing. */
export type EngineApi = { [K in Exclude<QueryMethod, 'answer'>]: Remote<QueryApi[K]> } & {
  answer<C extends Command>(command: C, question: string, options?: AnswerOptions): Promise<AnswerResult<C>>
  /**
   * Rebuilds the index from the corpus and swaps it in; calls during a rebuild share it. A corpus that loads no
   * article, or (unless `force`) fewer than half of the indexed ones, is refused and the old index kept.
   */
  reindex(options?: ReindexOptions): Promise<ReindexReport>
  /** Reads the index file again (another process rebuilt it) and swaps it in. */
  reload(): Promise<ReindexReport>
}
