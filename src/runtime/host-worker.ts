// A worker thread that holds an Engine and answers its calls (client.ts). It opens the index as told: "open" loads
// it or builds it from the corpus; "load" only reads the file (a rebuilt one, or the one the sharding manager made).
// A worker may let go of its index and stand by, then load the next one when told (a reload): its code is already
// compiled and optimised, so a reload costs the load, not a new thread and a cold engine.

import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { parentPort, workerData } from 'node:worker_threads'
import { readIndex } from '../engine/index/file-reader.js'
import { isQueryMethod } from './api.js'
import { warmUp } from '../engine/query/answer.js'
import { isCommand } from '../engine/types.js'
import { Engine } from './engine.js'

export type HostRequest =
  | { id: number; method: string; args: unknown[] }
  /** Load the index file anew (a reload in a standby worker), warm up with these questions, then say ready. */
  | { type: 'load'; warmWith: Array<[string, string]> }
  /** Let go of the index: this worker becomes the standby one, its compiled code kept for the next reload. */
  | { type: 'release' }
export type HostMessage =
  | { type: 'notice'; message: string }
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { id: number; result: unknown }
  | { id: number; error: string }

const { mode, corpusPath, indexPath, maxArticleBytes, warmWith } = workerData as {
  mode: 'open' | 'load'
  corpusPath: string
  indexPath: string
  maxArticleBytes?: number
  /** Questions people asked lately (a reload): answered once before this worker says it is ready. */
  warmWith?: Array<[string, string]>
}
const post = (m: HostMessage) => parentPort!.postMessage(m)
/** Rounds of warm-up questions (200 answers each) for a worker's first index, within a time budget of start-up. */
const WARM_UP_ROUNDS = 10
const WARM_UP_BUDGET_MS = 1_500
/**
 * A standby worker loading the next index (a reload, while questions arrive) has answered before, so one round and
 * the questions asked lately are enough, and it warms up on a quarter of a core at most: after each answer it sleeps
 * three times as long as the answer took, leaving the rest to the event loop and the worker still answering.
 */
const RELOAD_WARM_UP_SHARE = 0.25
const sleeper = new Int32Array(new SharedArrayBuffer(4))
const pace = (ms: number) => void Atomics.wait(sleeper, 0, 0, (ms * (1 - RELOAD_WARM_UP_SHARE)) / RELOAD_WARM_UP_SHARE)

/**
 * V8's full garbage collection, as jest's leak detector reaches it: a standby worker has no work that would make V8
 * collect on its own, and without this would keep the index it let go of (hundreds of MB at FA-KES ×100) until its
 * next reload. (V8's flags are the process's: contexts made after this one have `gc` too; nothing here evaluates
 * untrusted code.)
 */
setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

/** When a released worker lets its index be collected. */
const COLLECT_AFTER_RELEASE_MS = 3_000
let collection: NodeJS.Timeout | undefined

let engine: Engine | undefined
/** Whether this worker has answered before (an index it let go of): its code is compiled and optimised. */
let warm = false

function openIndex(how: 'open' | 'load', questions: Array<[string, string]>): void {
  if (how === 'open') {
    engine = Engine.open({
      corpusPath,
      indexPath,
      ...(maxArticleBytes === undefined ? {} : { maxArticleBytes }),
      notify: (message) => post({ type: 'notice', message }),
      onProgress: progressNotices((message) => post({ type: 'notice', message })),
    })
  } else {
    const outcome = readIndex(indexPath)
    if (!outcome.ok) throw new Error(`index ${indexPath}: ${outcome.detail}`)
    engine = Engine.fromIndex(outcome.index, corpusPath, indexPath)
  }
  // Before saying ready (and before a reload switches to this worker): the first user questions are then as fast as
  // the others (a cold worker answers several times slower until the JIT has optimised the engine, and a new index
  // answers its first questions slower too; at a few hundred questions a second a queue would build up behind
  // them); a one-shot CLI answer does not pay for it. The questions asked lately bring in what they need of the new
  // index.
  const reload = warm
  const afterEach = reload ? pace : undefined
  warmUp(engine.index, reload ? 1 : WARM_UP_ROUNDS, WARM_UP_BUDGET_MS, afterEach)
  warm = true
  const until = performance.now() + WARM_UP_BUDGET_MS * (reload ? 1 / RELOAD_WARM_UP_SHARE : 1)
  for (const [command, question] of questions) {
    if (performance.now() > until) break
    if (!isCommand(command)) continue
    const started = performance.now()
    engine.answer(command, question)
    afterEach?.(performance.now() - started)
  }
}

try {
  openIndex(mode, warmWith ?? [])
  post({ type: 'ready' })
} catch (err) {
  post({ type: 'failed', message: (err as Error).message })
  process.exit(1)
}

parentPort!.on('message', (request: HostRequest) => {
  if ('type' in request) {
    engine = undefined
    clearTimeout(collection)
    if (request.type === 'release') {
      // Not at once: the switch that released this worker has just put the other one to work on a new index.
      collection = setTimeout(collectGarbage, COLLECT_AFTER_RELEASE_MS)
      return
    }
    collectGarbage()
    try {
      openIndex('load', request.warmWith)
      post({ type: 'ready' })
    } catch (err) {
      // Still a standby worker, without an index: the one answering keeps its own.
      engine = undefined
      collectGarbage()
      post({ type: 'failed', message: (err as Error).message })
    }
    return
  }
  const { id, method, args } = request
  try {
    if (!isQueryMethod(method)) throw new Error(`unknown method ${method}`)
    if (!engine) throw new Error('this engine worker holds no index')
    post({ id, result: (engine[method] as (...a: unknown[]) => unknown).apply(engine, args) })
  } catch (err) {
    post({ id, error: (err as Error).message })
  }
})

/** A long build says how far it is, every few seconds, so that a slow start is never silent. */
function progressNotices(say: (message: string) => void, everyMs = 5_000): (done: number, total: number) => void {
  let last = performance.now()
  return (done, total) => {
    const now = performance.now()
    if (now - last < everyMs || done === total) return
    last = now
    say(`indexing: ${done} of ${total} articles (${Math.floor((100 * done) / total)}%)`)
  }
}
