// Starting the engine's worker threads. Every one starts through worker-entry.mjs, which lowers the priority of the
// rebuild and, from TypeScript sources, loads tsx first; execArgv is empty so that flags of the main process
// (profilers, preloads) stay there.

import { Worker } from 'node:worker_threads'

/**
 * A larger young generation for the worker that answers: an answer allocates about 1.5 MB, and with V8's default
 * semi-space a scavenge pause lands on one answer in ten; this makes them half as frequent.
 */
const ANSWERING_YOUNG_GENERATION_MB = 64

/** Workers that run at the lowest priority: the rebuild, which must yield the CPU to the answers. */
const LOW_PRIORITY = new Set(['rebuild-worker'])

/** A worker running `module` (a file of this folder, named without extension) with `data` as its workerData. */
export function startWorker(module: string, data: Record<string, unknown>): Worker {
  const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js'
  return new Worker(new URL('./worker-entry.mjs', import.meta.url), {
    workerData: { module: `./${module}.${extension}`, lowPriority: LOW_PRIORITY.has(module), ...data },
    execArgv: [],
    ...(module === 'host-worker'
      ? { resourceLimits: { maxYoungGenerationSizeMb: ANSWERING_YOUNG_GENERATION_MB } }
      : {}),
  })
}
