// The engine in a worker thread, for the bot: questions are answered off the event loop that holds the Discord
// connection, and a reindex loads the new index in a second worker while the first keeps answering, then switches
// to it in one step. Nothing the engine does can stall the bot's event loop.

import type { Worker } from 'node:worker_threads'
import { startWorker } from './workers.js'
import type { EngineApi, ReindexOptions } from './api.js'
import { Engine, runRebuildWorker, type EngineStats, type ReindexReport, type SourceSummary, type Suggestion } from './engine.js'
import type { HostMessage, HostMethod } from './host-worker.js'
import type { AnswerOptions, AnswerResult, Article, ArticleRef, Command } from '../engine/types.js'

interface Pending {
  resolve: (value: unknown) => void
  reject: (error: Error) => void
}

/** One worker holding an Engine. */
class Host {
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private closed = false

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: HostMessage) => {
      if (!('id' in m)) return
      const p = this.pending.get(m.id)
      if (!p) return
      this.pending.delete(m.id)
      if ('error' in m) p.reject(new Error(m.error))
      else p.resolve(m.result)
    })
    worker.on('exit', (code) => {
      this.closed = true
      for (const p of this.pending.values()) p.reject(new Error(`the engine stopped (exit code ${code})`))
      this.pending.clear()
    })
  }

  /** Starts a worker and waits until its index is loaded (or built, for "open"). */
  static start(mode: 'open' | 'load', options: ClientOptions, notify?: (message: string) => void): Promise<Host> {
    const { corpusPath, indexPath, maxArticleBytes } = options
    const worker = startWorker('host-worker', { mode, corpusPath, indexPath, maxArticleBytes })
    return new Promise((resolve, reject) => {
      const onMessage = (m: HostMessage) => {
        if ('type' in m && m.type === 'notice') notify?.(m.message)
        else if ('type' in m && m.type === 'ready') {
          worker.off('message', onMessage)
          resolve(new Host(worker))
        } else if ('type' in m && m.type === 'failed') {
          worker.off('message', onMessage)
          reject(new Error(m.message))
        }
      }
      worker.on('message', onMessage)
      worker.once('error', reject)
      worker.once('exit', (code) => reject(new Error(`the engine stopped before it was ready (exit code ${code})`)))
    })
  }

  call<T>(method: HostMethod, ...args: unknown[]): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the engine has stopped'))
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      this.worker.postMessage({ id, method, args })
    })
  }

  /** Stops the worker once the calls already made are answered. */
  async close(): Promise<void> {
    while (this.pending.size > 0 && !this.closed) await new Promise((r) => setTimeout(r, 10))
    await this.worker.terminate()
  }
}

export interface ClientOptions {
  corpusPath: string
  indexPath: string
  /** "open" loads or builds the index; "load" only reads the file (a shard, whose manager made sure of it). */
  mode?: 'open' | 'load'
  notify?: (message: string) => void
  /** MAX_ARTICLE_MB in bytes, for builds. */
  maxArticleBytes?: number
}

export class EngineClient implements EngineApi {
  private rebuilding: Promise<ReindexReport> | undefined

  private constructor(
    private host: Host,
    private readonly options: ClientOptions,
  ) {}

  static async open(options: ClientOptions): Promise<EngineClient> {
    return new EngineClient(await Host.start(options.mode ?? 'open', options, options.notify), options)
  }

  answer<C extends Command>(command: C, question: string, options: AnswerOptions = {}): Promise<AnswerResult<C>> {
    return this.host.call('answer', command, question, options)
  }
  article(id: string): Promise<Article | undefined> {
    return this.host.call('article', id)
  }
  suggestArticles(typed: string): Promise<ArticleRef[]> {
    return this.host.call('suggestArticles', typed)
  }
  suggestQuestions(typed: string): Promise<Suggestion[]> {
    return this.host.call('suggestQuestions', typed)
  }
  suggestSources(typed: string): Promise<Suggestion[]> {
    return this.host.call('suggestSources', typed)
  }
  sources(): Promise<SourceSummary[]> {
    return this.host.call('sources')
  }
  stats(): Promise<EngineStats> {
    return this.host.call('stats')
  }
  credits(): Promise<string> {
    return this.host.call('credits')
  }

  reindex(options: ReindexOptions = {}): Promise<ReindexReport> {
    this.rebuilding ??= (async () => {
      const started = performance.now()
      const { corpusPath, indexPath, maxArticleBytes } = this.options
      await runRebuildWorker({ corpusPath, indexPath, maxArticleBytes, force: options.force === true })
      const report = await this.reload()
      return { ...report, milliseconds: performance.now() - started }
    })().finally(() => {
      this.rebuilding = undefined
    })
    return this.rebuilding
  }

  /** Loads the index file in a new worker while the current one answers, then switches to it. */
  async reload(): Promise<ReindexReport> {
    const started = performance.now()
    const next = await Host.start('load', this.options).catch((err: Error) => {
      throw new Error(`the rebuilt index could not be read back (${err.message})`)
    })
    const [before, after] = await Promise.all([this.host.call<ReturnType<Engine['summary']>>('summary'), next.call<ReturnType<Engine['summary']>>('summary')])
    const previous = this.host
    this.host = next
    void previous.close()
    return Engine.difference(before, after, performance.now() - started)
  }

  close(): Promise<void> {
    return this.host.close()
  }
}
