// The one rebuild: a worker thread at the lowest priority runs rebuildIndexFile (open-index.ts) and writes the index
// file; the bot's event loop and its engine worker keep answering meanwhile. The CLI runs the same function in
// process.

import type { Problem } from '../engine/corpus/loader.js'
import type { IndexSummary, ReindexReport } from './api.js'
import { startWorker } from './workers.js'

export interface RebuildRequest {
  corpusPath: string
  indexPath: string
  maxArticleBytes?: number | undefined
  force: boolean
}

/**
 * Builds and saves the index in a worker thread. Rejects, with the old file left in place, when the index path is
 * not an index, the corpus emptied or (unforced) shrank by more than half, or the save failed.
 */
export function runRebuildWorker(request: RebuildRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = startWorker('rebuild-worker', { ...request })
    let settled = false
    worker.once('message', (m: { ok: boolean; message?: string }) => {
      settled = true
      if (m.ok) resolve()
      else reject(new Error(m.message ?? 'the rebuild failed'))
    })
    worker.once('error', (err) => {
      settled = true
      reject(err)
    })
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the rebuild stopped unexpectedly (exit code ${code})`))
    })
  })
}

/** What changed between two indexes, for /reindex and the CLI. */
export function reindexReport(before: IndexSummary, after: IndexSummary, milliseconds: number): ReindexReport {
  const beforeIds = new Set(before.ids)
  const afterIds = new Set(after.ids)
  const skipped: Problem[] = after.problems
  return {
    before: { articles: before.articles, passages: before.passages },
    after: { articles: after.articles, passages: after.passages },
    added: after.ids.filter((id) => !beforeIds.has(id)),
    removed: before.ids.filter((id) => !afterIds.has(id)),
    skipped,
    milliseconds,
  }
}
