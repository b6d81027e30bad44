// Results kept for their buttons (answers for paging, timelines for paging and their menu): a short id goes into the
// button, the result stays here for 15 minutes. A button whose result is gone (older, or from before a restart) gets
// a polite "ask again".

import { randomBytes } from 'node:crypto'
import type { AnswerResult } from '../engine/types.js'
import type { TimelineResult } from '../engine/query/timeline.js'

export interface Stored<R> {
  result: R
  /** Who asked: only they may turn the pages of the shared message. */
  userId: string
}

export type StoredAnswers = Stored<AnswerResult>
export type StoredTimeline = Stored<TimelineResult>

export class Sessions<R> {
  private entries = new Map<string, Stored<R> & { expires: number }>()
  private readonly prefix = randomBytes(4).toString('base64url')
  private counter = 0

  constructor(
    /** How long a result is kept, in ms. */
    readonly ttlMs = 15 * 60_000,
    private readonly max = 2_000,
  ) {}

  save(entry: Stored<R>): string {
    // Unguessable enough across restarts (a random prefix), cheap per answer (a counter).
    const id = `${this.prefix}${(++this.counter).toString(36)}`
    this.entries.set(id, { ...entry, expires: Date.now() + this.ttlMs })
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!)
    return id
  }

  get(id: string): Stored<R> | undefined {
    const entry = this.entries.get(id)
    if (!entry) return undefined
    if (entry.expires < Date.now()) {
      this.entries.delete(id)
      return undefined
    }
    return entry
  }

  /** Forgets one result (a confirmation used once). */
  delete(id: string): void {
    this.entries.delete(id)
  }

  /** Forget everything (after a reindex the stored results may quote articles that are gone). */
  clear(): void {
    this.entries.clear()
  }
}
