// Worker thread: loads the corpus, builds the index and saves it (to a temporary file, renamed into place).
// The bot's event loop meanwhile keeps answering from the old index; worker-entry.mjs has lowered its priority.

import { parentPort, workerData } from 'node:worker_threads'
import type { RebuildRequest } from './rebuild.js'
import { rebuildIndexFile } from './open-index.js'

const request = workerData as RebuildRequest
try {
  const { corpusPath, indexPath, maxArticleBytes, force } = request
  rebuildIndexFile({ corpusPath, indexPath, force, ...(maxArticleBytes === undefined ? {} : { maxArticleBytes }) })
  parentPort!.postMessage({ ok: true })
} catch (err) {
  parentPort!.postMessage({ ok: false, message: (err as Error).message })
}
