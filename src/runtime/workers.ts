// Starting the engine's worker threads. From TypeScript sources (tsx) a worker starts through worker-entry.mjs,
// which loads tsx first; execArgv is empty so that flags of the main process (profilers, preloads) stay there.

import { Worker } from 'node:worker_threads'

/** A worker running `module` (a file of this folder, named without extension) with `data` as its workerData. */
export function startWorker(module: string, data: Record<string, unknown>): Worker {
  const fromSource = import.meta.url.endsWith('.ts')
  const url = new URL(fromSource ? './worker-entry.mjs' : `./${module}.js`, import.meta.url)
  return new Worker(url, { workerData: { module: `./${module}.ts`, ...data }, execArgv: [] })
}
