// Starting the engine's worker threads. From TypeScript sources (tsx) a worker starts through worker-entry.mjs,
// which loads tsx first; execArgv is empty so that flags of the main process (profilers, preloads) stay there.

import { Worker } from 'node:worker_threads'

/**
 * A larger young generation for the worker that answers: an answer allocates about 1.5 MB, and with V8's default
 * semi-space a scavenge pause lands on one answer in ten; this makes them half as frequent.
 */
const ANSWERING_YOUNG_GENERATION_MB = 64

/** A worker running `module` (a file of this folder, named without extension) with `data` as its workerData. */
export function startWorker(module: string, data: Record<string, unknown>): Worker {
  const fromSource = import.meta.url.endsWith('.ts')
  const url = new URL(fromSource ? './worker-entry.mjs' : `./${module}.js`, import.meta.url)
  return new Worker(url, {
    workerData: { module: `./${module}.ts`, ...data },
    execArgv: [],
    ...(module === 'host-worker'
      ? { resourceLimits: { maxYoungGenerationSizeMb: ANSWERING_YOUNG_GENERATION_MB } }
      : {}),
  })
}
