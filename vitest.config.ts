import { defineConfig } from 'vitest/config';
import HeavyFirstSequencer from './test/helpers/heavy-first-sequencer.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Many tests mostly wait for CLI and action processes: two workers keep the suite short (the default on 2 cores is one).
    maxWorkers: 2,
    // A worker keeps its imported modules from one test file to the next: importing src and its
    // dependencies afresh for each of 110 files cost more CPU than most files' tests (test/unit: 67 s
    // of CPU isolated, 25 s not). Test files therefore leave no global state behind (they restore
    // process.env, mocks and timers, and stop their servers), and helpers register no hooks at their
    // top level (those would run for the first file only).
    isolate: false,
    sequence: { sequencer: HeavyFirstSequencer },
    // Property tests: a fixed seed in CI, a fresh one locally (printed on failure).
    setupFiles: ['test/helpers/property-seed.ts'],
  },
});
