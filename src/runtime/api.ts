// What the bot asks of the engine. The Engine answers in the calling thread; EngineClient (client.ts) asks an Engine
// in a worker thread, so that searching never holds the Discord connection's event loop. Callers always await.

import type { EngineStats, ReindexReport, SourceSummary, Suggestion } from './engine.js'
import type { AnswerOptions, AnswerResult, Article, ArticleRef, Command } from '../engine/types.js'

export type Awaitable<T> = T | Promise<T>

export interface ReindexOptions {
  /** Accept a corpus with fewer than half the articles of the current index. */
  force?: boolean
}

export interface EngineApi {
  answer<C extends Command>(command: C, question: string, options?: AnswerOptions): Awaitable<AnswerResult<C>>
  article(id: string): Awaitable<Article | undefined>
  suggestArticles(typed: string): Awaitable<ArticleRef[]>
  suggestQuestions(typed: string): Awaitable<Suggestion[]>
  suggestSources(typed: string): Awaitable<Suggestion[]>
  sources(): Awaitable<SourceSummary[]>
  stats(): Awaitable<EngineStats>
  /** Credits owed by the corpus (e.g. FA-KES, CC BY 4.0), "" when none. */
  credits(): Awaitable<string>
  /**
   * Rebuilds the index from the corpus and swaps it in; calls during a rebuild share it. A corpus that loads no
   * article, or (unless `force`) fewer than half of the indexed ones, is refused and the old index kept.
   */
  reindex(options?: ReindexOptions): Promise<ReindexReport>
  /** Reads the index file again (another process rebuilt it) and swaps it in. */
  reload(): Promise<ReindexReport>
}
