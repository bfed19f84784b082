import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Property tests: a fixed seed in CI, a fresh one locally (printed on failure).
    setupFiles: ['test/helpers/property-seed.ts'],
  },
});
