// Every engine worker thread starts here. A low-priority one (the rebuild) lowers its priority first, so that even
// loading its code yields the CPU to the answers (Linux nices threads one by one). From TypeScript sources the
// worker has no TypeScript loader of its own: this registers tsx for it, then runs the module named in
// workerData.module (relative to this folder).
import { setPriority } from 'node:os'
import { workerData } from 'node:worker_threads'

if (workerData.lowPriority) {
  try {
    setPriority(19)
  } catch {
    // Not allowed here: the worker runs at the usual priority.
  }
}
if (workerData.module.endsWith('.ts')) {
  const { tsImport } = await import('tsx/esm/api')
  await tsImport(workerData.module, import.meta.url)
} else {
  await import(workerData.module)
}
