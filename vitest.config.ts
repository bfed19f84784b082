import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Many tests mostly wait for CLI and action processes: two workers keep the suite short (the default on 2 cores is one).
    maxWorkers: 2,
    // Property tests: a fixed seed in CI, a fresh one locally (printed on failure).
    setupFiles: ['test/helpers/property-seed.ts'],
  },
});
