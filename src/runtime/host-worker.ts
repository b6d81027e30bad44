// A worker thread that holds an Engine and answers its calls (client.ts). It opens the index as told: "open" loads
// it or builds it from the corpus; "load" only reads the file (a rebuilt one, or the one the sharding manager made).

import { parentPort, workerData } from 'node:worker_threads'
import { readIndex } from '../engine/index/file-reader.js'
import { isQueryMethod } from './api.js'
import { warmUp } from '../engine/query/answer.js'
import { Engine } from './engine.js'

export type HostRequest = { id: number; method: string; args: unknown[] }
export type HostMessage =
  | { type: 'notice'; message: string }
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { id: number; result: unknown }
  | { id: number; error: string }

const { mode, corpusPath, indexPath, maxArticleBytes } = workerData as {
  mode: 'open' | 'load'
  corpusPath: string
  indexPath: string
  maxArticleBytes?: number
}
const post = (m: HostMessage) => parentPort!.postMessage(m)

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
  // Before saying ready (and before a reload switches to this worker): the first user question is then as fast as
  // the others, and a one-shot CLI answer does not pay for it.
  warmUp(engine.index)
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
