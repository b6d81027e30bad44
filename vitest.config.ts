import { defineConfig } from 'vitest/config'

/**
 * The slow tests, told apart by their file name: they spawn processes (the CLI, `npm start`, shards) or drive the fake
 * Discord end to end with the real client. A test that does either belongs in a `*.e2e.test.ts` file.
 */
const E2E = 'tests/**/*.e2e.test.ts'

export default defineConfig({
  test: {
    globalSetup: ['tests/global-setup.ts'],
    // End-to-end tests log in to a fake Discord and rebuild indexes in worker threads.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // A file per core. Vitest's default (cores - 1) runs one file at a time on 2 cores, while much of an e2e file's
    // time is spent waiting (on child processes, on the fake Discord's timers). More files at once than cores was
    // measured no faster (the suite is then CPU-bound) and slows each test, nearer its timeout.
    maxWorkers: '100%',
    projects: [
      {
        extends: true,
        // `npm run test:unit` (vitest run --project unit): in-process tests, for the inner loop.
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: [E2E],
          // The unit files share a worker's modules instead of importing src/ (and discord.js) once per file: the
          // imports were a third of their time. src/ keeps only constants and caches in its modules, and each test
          // file opens its own engines and temporary folders, so nothing one file does is seen by the next.
          isolate: false,
        },
      },
      {
        extends: true,
        // `npm run test:e2e` (vitest run --project e2e): each file in a fresh worker, as bots and shards are started there.
        // Spawning processes on a busy machine can take several times as long as on an idle one.
        test: { name: 'e2e', include: [E2E], testTimeout: 60_000 },
      },
    ],
  },
})
