import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'e2e/**/*.test.ts'],
    // Browser tests on a shared 2-core machine can be slow when every file runs at once.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The CLI, API and browser tests each start their own server on a free port and database in a temp dir.
    fileParallelism: true,
  },
});
