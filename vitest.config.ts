import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // End-to-end tests log in to a fake Discord and rebuild indexes in worker threads.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
})
