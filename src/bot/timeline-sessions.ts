// Timelines kept for their buttons and select menu, as sessions.ts keeps answers: a short id goes into the custom
// ids, the timeline stays here for 15 minutes. Each running bot (each BotContext) has its own store, made on first
// use, so that BotContext needs no new field. A stored timeline holds its reports' quotes, so it still shows what
// was reported after a reindex; an article that is gone by then says so when its button is pressed.

import { randomBytes } from 'node:crypto'
import type { TimelineResult } from '../engine/query/timeline.js'

export interface StoredTimeline {
  result: TimelineResult
  /** Who asked: only they may turn the pages of the shared message. */
  userId: string
}

export class TimelineSessions {
  private entries = new Map<string, StoredTimeline & { expires: number }>()
  private readonly prefix = randomBytes(4).toString('base64url')
  private counter = 0

  constructor(
    private readonly ttlMs = 15 * 60_000,
    private readonly max = 500,
  ) {}

  save(entry: StoredTimeline): string {
    const id = `${this.prefix}${(++this.counter).toString(36)}`
    this.entries.set(id, { ...entry, expires: Date.now() + this.ttlMs })
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!)
    return id
  }

  get(id: string): StoredTimeline | undefined {
    const entry = this.entries.get(id)
    if (!entry) return undefined
    if (entry.expires < Date.now()) {
      this.entries.delete(id)
      return undefined
    }
    return entry
  }

  clear(): void {
    this.entries.clear()
  }
}

const stores = new WeakMap<object, TimelineSessions>()

/** The timelines of one running bot (keyed by its BotContext). */
export function timelineSessions(ctx: object): TimelineSessions {
  let store = stores.get(ctx)
  if (!store) {
    store = new TimelineSessions()
    stores.set(ctx, store)
  }
  return store
}
