// The engine in a worker thread, as the bot and the console use it: questions are answered off the event loop that
// holds the Discord connection, and a reindex builds in another worker, loads the new index in a third while the
// current one keeps answering, then switches to it in one step. A failed reindex changes nothing.

import type { Worker } from 'node:worker_threads'
import {
  QUERY_METHODS,
  type EngineApi,
  type IndexSummary,
  type QueryMethod,
  type ReindexOptions,
  type ReindexReport,
} from './api.js'
import type { HostMessage } from './host-worker.js'
import { reindexReport, runRebuildWorker } from './rebuild.js'
import { startWorker } from './workers.js'

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
  static start(mode: 'open' | 'load', options: ClientOptions): Promise<Host> {
    const { corpusPath, indexPath, maxArticleBytes } = options
    const worker = startWorker('host-worker', { mode, corpusPath, indexPath, maxArticleBytes })
    return new Promise((resolve, reject) => {
      const onMessage = (m: HostMessage) => {
        if ('type' in m && m.type === 'notice') options.notify?.(m.message)
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

  call(method: QueryMethod, args: unknown[]): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('the engine has stopped'))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
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

// Every query method of EngineApi, declared here and made in the constructor from QUERY_METHODS: one forwarding
// function per method instead of one hand-written method each.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface EngineClient extends Omit<EngineApi, 'reindex' | 'reload'> {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class EngineClient {
  private rebuilding: Promise<ReindexReport> | undefined

  private constructor(
    private host: Host,
    private readonly options: ClientOptions,
  ) {
    for (const method of Object.keys(QUERY_METHODS) as QueryMethod[]) {
      Object.defineProperty(this, method, {
        value: (...args: unknown[]) => this.host.call(method, args),
        writable: true,
      })
    }
  }

  static async open(options: ClientOptions): Promise<EngineClient> {
    return new EngineClient(await Host.start(options.mode ?? 'open', options), options)
  }

  /** Builds the index anew in a worker, then loads it (see reload); calls made while it runs share it. */
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
    const next = await Host.start('load', { ...this.options, notify: () => undefined }).catch((err: Error) => {
      throw new Error(`the rebuilt index could not be read back (${err.message})`)
    })
    const [before, after] = (await Promise.all([this.host.call('summary', []), next.call('summary', [])])) as [
      IndexSummary,
      IndexSummary,
    ]
    const previous = this.host
    this.host = next
    void previous.close()
    return reindexReport(before, after, performance.now() - started)
  }

  close(): Promise<void> {
    return this.host.close()
  }
}

// The compiler checks that EngineClient is a whole EngineApi.
const _isEngineApi: (client: EngineClient) => EngineApi = (client) => client
void _isEngineApi
