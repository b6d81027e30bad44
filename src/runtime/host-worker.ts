// A worker thread that holds an Engine and answers its calls (client.ts). It opens the index as told: "open" loads
// it or builds it from the corpus; "load" only reads the file (a rebuilt one, or the one the sharding manager made).

import { parentPort, workerData } from 'node:worker_threads'
import { readIndex } from '../engine/index/file-reader.js'
import { isQueryMethod } from './api.js'
import { warmUp } from '../engine/query/answer.js'
import { isCommand } from '../engine/types.js'
import { Engine } from './engine.js'

export type HostRequest = { id: number; method: string; args: unknown[] }
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
/** Rounds of warm-up questions (40 answers each), within a time budget: at most a second or two of start-up. */
const WARM_UP_ROUNDS = 10
const WARM_UP_BUDGET_MS = 1_500

let engine: Engine
try {
  if (mode === 'open') {
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
  // the others (a cold worker answers several times slower until the JIT has optimised the engine, and at a few
  // hundred questions a second a queue would build up behind it); a one-shot CLI answer does not pay for it.
  warmUp(engine.index, WARM_UP_ROUNDS, WARM_UP_BUDGET_MS)
  const until = performance.now() + WARM_UP_BUDGET_MS
  for (const [command, question] of warmWith ?? []) {
    if (performance.now() > until) break
    if (isCommand(command)) engine.answer(command, question)
  }
  post({ type: 'ready' })
} catch (err) {
  post({ type: 'failed', message: (err as Error).message })
  process.exit(1)
}

parentPort!.on('message', ({ id, method, args }: HostRequest) => {
  try {
    if (!isQueryMethod(method)) throw new Error(`unknown method ${method}`)
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
