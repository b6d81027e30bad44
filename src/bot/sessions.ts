// Results kept for their buttons (answers for paging, timelines for paging and their menu): a short id goes into the
// button, the result stays here for 15 minutes. A button whose result is gone (older, or from before a restart) gets
// a polite "ask again".
// With a folder (SESSIONS_DIR on storage every replica shares), each result is also written there, one small JSON
// file each, so that a button pressed on a message one replica answered works on whichever replica the load
// balancer sends it to: replicas hold nothing another one needs.

import { randomBytes } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { AnswerResult } from '../engine/types.js'
import type { TimelineResult } from '../engine/query/timeline.js'

export interface Stored<R> {
  result: R
  /** Who asked: only they may turn the pages of the shared message. */
  userId: string
}

export type StoredAnswers = Stored<AnswerResult>
export type StoredTimeline = Stored<TimelineResult>

/** Ids as save() makes them: only such a name is ever turned into a file name. */
const ID_RE = /^[A-Za-z0-9_-]{6,40}$/
/** Every this many saves, files past their time are removed from the shared folder. */
const SWEEP_EVERY = 200

export class Sessions<R> {
  private entries = new Map<string, Stored<R> & { expires: number }>()
  private readonly prefix = randomBytes(6).toString('base64url')
  private counter = 0
  private readonly dir: string | undefined

  constructor(
    /** How long a result is kept, in ms. */
    readonly ttlMs = 15 * 60_000,
    private readonly max = 2_000,
    /** The shared folder and this kind's name in it ("answers", "timelines"…), or none: this process only. */
    shared?: { dir: string; kind: string },
  ) {
    if (shared) {
      this.dir = join(shared.dir, shared.kind)
      mkdirSync(this.dir, { recursive: true })
    }
  }

  save(entry: Stored<R>): string {
    // Unguessable enough across restarts and replicas (a random prefix), cheap per answer (a counter).
    const id = `${this.prefix}${(++this.counter).toString(36)}`
    const kept = { ...entry, expires: Date.now() + this.ttlMs }
    this.entries.set(id, kept)
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!)
    if (this.dir) {
      // Whole or not at all: another replica never reads half a file.
      const file = join(this.dir, `${id}.json`)
      try {
        writeFileSync(`${file}.tmp`, JSON.stringify(kept, bufferAsBase64))
        renameSync(`${file}.tmp`, file)
      } catch {
        // Shared storage away for a moment: this replica still has it; another one says "ask again".
      }
      if (this.counter % SWEEP_EVERY === 0) this.sweep()
    }
    return id
  }

  get(id: string): Stored<R> | undefined {
    let entry = this.entries.get(id)
    if (!entry && this.dir && ID_RE.test(id)) {
      try {
        entry = JSON.parse(readFileSync(join(this.dir, `${id}.json`), 'utf8'), base64AsBuffer) as Stored<R> & {
          expires: number
        }
      } catch {
        entry = undefined
      }
    }
    if (!entry) return undefined
    if (entry.expires < Date.now()) {
      this.delete(id)
      return undefined
    }
    return entry
  }

  /** Forgets one result (a confirmation used once), in every replica. */
  delete(id: string): void {
    this.entries.delete(id)
    if (this.dir && ID_RE.test(id)) rmSync(join(this.dir, `${id}.json`), { force: true })
  }

  /** Forget everything (after a reindex the stored results may quote articles that are gone). */
  clear(): void {
    this.entries.clear()
    if (this.dir)
      for (const name of safeList(this.dir)) if (name.endsWith('.json')) rmSync(join(this.dir, name), { force: true })
  }

  /** Removes the shared folder's files older than the time a result is kept. */
  private sweep(): void {
    const before = Date.now() - this.ttlMs
    for (const name of safeList(this.dir!)) {
      const file = join(this.dir!, name)
      try {
        if (statSync(file).mtimeMs < before) rmSync(file, { force: true })
      } catch {
        // Removed by another replica meanwhile.
      }
    }
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}

/** Buffers (an upload waiting for its Add) as base64 in the shared files, not as arrays of numbers. */
function bufferAsBase64(this: unknown, _key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && (value as { type?: string }).type === 'Buffer') {
    const data = (value as { data?: number[] }).data
    if (Array.isArray(data)) return { $buffer: Buffer.from(data).toString('base64') }
  }
  return value
}

function base64AsBuffer(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && typeof (value as { $buffer?: unknown }).$buffer === 'string')
    return Buffer.from((value as { $buffer: string }).$buffer, 'base64')
  return value
}
