import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'tests/electron/**', 'tests/bench/**', 'node_modules/**'],
    // Native SQLite and worker threads are happiest in child processes.
    pool: 'forks',
    testTimeout: 20_000,
  },
});
