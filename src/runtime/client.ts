// The engine in a worker thread, as the bot and the console use it: questions are answered off the event loop that
// holds the Discord connection, and a reindex builds in another worker, loads the new index in a third while the
// current one keeps answering, then switches to it in one step. A failed reindex changes nothing.
// Several processes may share one index file (replicas behind a load balancer, shards on several hosts): a build
// takes the index's lock (index-lock.ts), so two reindexes at once build once, and with `watch` every process
// notices a new file (a file-system watch, and a check every few seconds where watches do not reach, as on network
// storage) and switches to it the same way.

import { statSync, watch, type FSWatcher } from 'node:fs'
import { basename, dirname } from 'node:path'
import type { Worker } from 'node:worker_threads'
import {
  QUERY_METHODS,
  type EngineApi,
  type IndexSummary,
  type QueryMethod,
  type ReindexOptions,
  type ReindexReport,
} from './api.js'
import type { HostMessage, HostRequest } from './host-worker.js'
import { lockIndex, tryLockIndex, waitForIndexUnlock } from './index-lock.js'
import { reindexReport, runRebuildWorker } from './rebuild.js'
import { startWorker } from './workers.js'

/** A question asked lately: [command, question]. */
export type WarmQuestion = [string, string]
/** How many recent questions a new index's worker replays before the switch. */
const RECENT_QUESTIONS = 300

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
    // An error ends the worker: its exit, below, fails what it had not answered.
    worker.on('error', () => undefined)
    worker.on('exit', (code) => {
      this.closed = true
      for (const p of this.pending.values()) p.reject(new Error(`the engine stopped (exit code ${code})`))
      this.pending.clear()
    })
  }

  /**
   * Starts a worker and waits until its index is loaded (or built, for "open"), passing on its notices to `notify`
   * (none for a reload or a standby worker: the bot already says what it does).
   */
  static async start(
    mode: 'open' | 'load',
    options: ClientOptions,
    warmWith: WarmQuestion[] = [],
    notify?: (message: string) => void,
  ): Promise<Host> {
    const { corpusPath, indexPath, maxArticleBytes } = options
    const worker = startWorker('host-worker', { mode, corpusPath, indexPath, maxArticleBytes, warmWith })
    await untilReady(worker, notify)
    return new Host(worker)
  }

  /**
   * A standby worker (see release) loads the index file anew and warms up with these questions. Rejects, still
   * standing by, when the file cannot be read.
   */
  async reopen(warmWith: WarmQuestion[]): Promise<void> {
    await this.releasing
    if (this.closed) throw new Error('the engine has stopped')
    const ready = untilReady(this.worker)
    this.worker.postMessage({ type: 'load', warmWith } satisfies HostRequest)
    await ready
  }

  private releasing: Promise<void> | undefined

  /** Whether the worker has exited. */
  get stopped(): boolean {
    return this.closed
  }

  /** Lets go of the index once the calls already made are answered; the worker stands by for reopen. */
  release(): void {
    this.releasing = (async () => {
      await this.drained()
      if (!this.closed) this.worker.postMessage({ type: 'release' } satisfies HostRequest)
    })()
  }

  call(method: QueryMethod, args: unknown[]): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('the engine has stopped'))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.worker.postMessage({ id, method, args })
    })
  }

  private async drained(): Promise<void> {
    while (this.pending.size > 0 && !this.closed) await new Promise((r) => setTimeout(r, 10))
  }

  /** Stops the worker once the calls already made are answered. */
  async close(): Promise<void> {
    await this.drained()
    await this.worker.terminate()
  }
}

/** Waits for a worker to say its index is loaded ("ready"), passing on its notices; rejects on "failed" or an exit. */
function untilReady(worker: Worker, notify?: (message: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      worker.off('message', onMessage)
      worker.off('error', onError)
      worker.off('exit', onExit)
      if (error) reject(error)
      else resolve()
    }
    const onMessage = (m: HostMessage) => {
      if (!('type' in m)) return
      if (m.type === 'notice') notify?.(m.message)
      else if (m.type === 'ready') settle()
      else settle(new Error(m.message))
    }
    const onError = (err: Error) => settle(err)
    const onExit = (code: number) => settle(new Error(`the engine stopped before it was ready (exit code ${code})`))
    worker.on('message', onMessage)
    worker.once('error', onError)
    worker.once('exit', onExit)
  })
}

export interface ClientOptions {
  corpusPath: string
  indexPath: string
  /** "open" loads or builds the index; "load" only reads the file (a shard, whose manager made sure of it). */
  mode?: 'open' | 'load'
  notify?: (message: string) => void
  /** MAX_ARTICLE_MB in bytes, for builds. */
  maxArticleBytes?: number
  /**
   * Switch to a new index file written by another process (see `watch`): checked on file-system events and every
   * this many milliseconds. Unset: only this process's own reindex changes the index it answers from.
   */
  watchIntervalMs?: number
  /** Called after the index was switched to a file another process wrote. */
  onExternalReload?: (report: ReindexReport) => void
  /**
   * Keep a second worker standing by, warmed up at start and without an index, for reloads: a reload then loads the
   * new file in it (the old worker becomes the standby one), instead of starting a thread and compiling the engine
   * while questions arrive. For the bot, which reloads under load; a thread and about 100 MB more (measured at FA-KES
   * ×1 and ×100).
   */
  standby?: boolean
}

/** What identifies one version of the index file: it is replaced by a rename, so a new file is a new inode. */
function fileVersion(path: string): string | undefined {
  try {
    const st = statSync(path)
    return `${st.ino}:${st.size}:${st.mtimeMs}`
  } catch {
    return undefined
  }
}

// Every query method of EngineApi, declared here and made in the constructor from QUERY_METHODS: one forwarding
// function per method instead of one hand-written method each.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface EngineClient extends Omit<EngineApi, 'reindex' | 'reload'> {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class EngineClient {
  private rebuilding: Promise<ReindexReport> | undefined
  /** The standby worker (ClientOptions.standby), when one stands by. */
  private spare: Host | undefined

  private constructor(
    private host: Host,
    private readonly options: ClientOptions,
  ) {
    for (const method of Object.keys(QUERY_METHODS) as QueryMethod[]) {
      Object.defineProperty(this, method, {
        value: (...args: unknown[]) => {
          if (method === 'answer') this.remember(args)
          return this.host.call(method, args)
        },
        writable: true,
      })
    }
  }

  /** The last questions asked, replayed by a new index's worker before the switch (see loadAndSwitch). */
  private readonly recent: WarmQuestion[] = []

  private remember([command, question]: unknown[]): void {
    if (typeof command !== 'string' || typeof question !== 'string') return
    this.recent.push([command, question])
    if (this.recent.length > RECENT_QUESTIONS) this.recent.shift()
  }

  /** The index file's version this client answers from. */
  private loadedVersion: string | undefined
  private watcher: FSWatcher | undefined
  private timer: NodeJS.Timeout | undefined
  private reloading: Promise<ReindexReport> | undefined

  static async open(options: ClientOptions): Promise<EngineClient> {
    const mode = options.mode ?? 'open'
    // Opening may build the index (missing or stale): under its lock, so that replicas starting together build once.
    const release =
      mode === 'open'
        ? await lockIndex(options.indexPath, (file) =>
            options.notify?.(`another process is building the index (${file}); waiting for it`),
          )
        : undefined
    let client: EngineClient
    try {
      client = new EngineClient(await Host.start(mode, options, [], options.notify), options)
    } finally {
      release?.()
    }
    if (options.standby) {
      // Warmed on the index just opened, then let go of it. Without it, reloads start a worker as they would anyway.
      client.spare = await Host.start('load', options).then(
        (host) => {
          host.release()
          return host
        },
        (err: Error) => {
          options.notify?.(`no standby engine worker (${err.message}); reloads will start one`)
          return undefined
        },
      )
    }
    client.loadedVersion = fileVersion(options.indexPath)
    if (options.watchIntervalMs !== undefined) client.watch(options.watchIntervalMs)
    return client
  }

  /**
   * Builds the index anew in a worker, then loads it (see reload); calls made while it runs share it. When another
   * process is building the same index file, waits for it and loads what it wrote instead of building again.
   */
  reindex(options: ReindexOptions = {}): Promise<ReindexReport> {
    this.rebuilding ??= (async () => {
      const started = performance.now()
      const { corpusPath, indexPath, maxArticleBytes } = this.options
      // What this process answered from before: the report's "before", whoever builds.
      const before = (await this.host.call('summary', [])) as IndexSummary
      const release = tryLockIndex(indexPath)
      if (release) {
        try {
          await runRebuildWorker({ corpusPath, indexPath, maxArticleBytes, force: options.force === true })
        } finally {
          release()
        }
      } else if (!(await waitForIndexUnlock(indexPath))) {
        throw new Error(`another process has been building ${basename(indexPath)} for too long; try again later`)
      }
      if (this.reloading) await this.reloading.catch(() => undefined)
      if (fileVersion(indexPath) !== this.loadedVersion) await this.reload()
      const after = (await this.host.call('summary', [])) as IndexSummary
      const report = reindexReport(before, after, performance.now() - started)
      return release ? report : { ...report, sharedBuild: true as const }
    })().finally(() => {
      this.rebuilding = undefined
    })
    return this.rebuilding
  }

  /** Loads the index file in a new worker while the current one answers, then switches to it. */
  reload(): Promise<ReindexReport> {
    this.reloading ??= this.loadAndSwitch().finally(() => {
      this.reloading = undefined
    })
    return this.reloading
  }

  private async loadAndSwitch(): Promise<ReindexReport> {
    if (this.closing) throw new Error('the engine has stopped')
    const started = performance.now()
    const version = fileVersion(this.options.indexPath)
    // The new worker answers the questions people asked lately before it takes over: its JIT and caches are then as
    // warm as the old one's, and the switch does not slow the next hundreds of answers down.
    const recent = [...this.recent]
    const spare = this.spare?.stopped ? undefined : this.spare
    this.spare = undefined
    const next = await (
      spare ? spare.reopen(recent).then(() => spare) : Host.start('load', this.options, recent)
    ).catch((err: Error) => {
      this.spare = spare
      throw new Error(`the rebuilt index could not be read back (${err.message})`)
    })
    let before: IndexSummary, after: IndexSummary
    try {
      ;[before, after] = (await Promise.all([this.host.call('summary', []), next.call('summary', [])])) as [
        IndexSummary,
        IndexSummary,
      ]
      // Closed while the new index loaded: the new worker was not among those close() stopped.
      if (this.closing) throw new Error('the engine has stopped')
    } catch (err) {
      await next.close()
      throw err
    }
    const previous = this.host
    this.host = next
    this.loadedVersion = version
    if (this.options.standby) {
      previous.release()
      this.spare = previous
    } else void previous.close()
    return reindexReport(before, after, performance.now() - started)
  }

  /**
   * Follows the index file: when another process replaces it (a reindex in another replica or shard), loads it and
   * switches, as its own reindex does; questions in flight are answered by the index they started on.
   */
  watch(intervalMs: number): void {
    if (this.timer) return
    const check = () => void this.checkForNewFile()
    this.timer = setInterval(check, intervalMs)
    this.timer.unref()
    try {
      const name = basename(this.options.indexPath)
      this.watcher = watch(dirname(this.options.indexPath), (_event, file) => {
        if (file === null || file === name) check()
      })
      this.watcher.on('error', () => this.watcher?.close())
      this.watcher.unref()
    } catch {
      // No file-system events here (some network storage): the periodic check is enough.
    }
  }

  private async checkForNewFile(): Promise<void> {
    if (this.rebuilding || this.reloading) return
    const version = fileVersion(this.options.indexPath)
    if (version === undefined || version === this.loadedVersion) return
    try {
      const report = await this.reload()
      this.options.onExternalReload?.(report)
    } catch (err) {
      // A file being replaced this instant, or a broken one: the current index keeps answering; not tried again
      // until the file changes once more.
      this.loadedVersion = version
      this.options.notify?.(
        `the new index file could not be loaded (${(err as Error).message}); keeping the current one`,
      )
    }
  }

  private closing = false

  close(): Promise<void> {
    this.closing = true
    if (this.timer) clearInterval(this.timer)
    this.watcher?.close()
    const spare = this.spare
    this.spare = undefined
    return Promise.all([this.host.close(), spare?.close()]).then(() => undefined)
  }
}

// The compiler checks that EngineClient is a whole EngineApi.
const _isEngineApi: (client: EngineClient) => EngineApi = (client) => client
void _isEngineApi
