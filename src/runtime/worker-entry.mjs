// A worker thread starts without the main thread's TypeScript loader: this entry registers tsx for the worker,
// then runs the TypeScript module named in workerData.module (relative to this folder).
import { workerData } from 'node:worker_threads'
import { tsImport } from 'tsx/esm/api'

await tsImport(workerData.module, import.meta.url)
