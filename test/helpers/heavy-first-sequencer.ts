/**
 * Test file order for the two workers. Vitest runs the slowest files first when it has timings from an
 * earlier run, but CI starts from a clean clone without them, and then it runs the biggest files first:
 * the e2e files are three lines long (they call shared scenarios), so two of the slowest files started
 * last and one worker ran alone at the end. The files known to be slow go first, heaviest first; the
 * rest keep vitest's order (last timings, or size).
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Slowest first (seconds in a clean-clone CI run of 26 Nov, 10:56, at a load of 5: secrets 96 … races 9). */
export const SLOW_FILES = [
  'test/hardening/secrets.test.ts',
  'test/action/real-github.test.ts',
  'test/e2e/cli-cloud.test.ts',
  'test/action/e2e.test.ts',
  'test/hardening/crash.test.ts',
  'test/convert/parse/corpus.test.ts',
  'test/convert/chunks.test.ts',
  'test/action/manifest-commit.test.ts',
  'test/e2e/concurrency-limit.test.ts',
  'test/hardening/bad-content.test.ts',
  'test/bench/smoke.test.ts',
  'test/convert/parse/linear.test.ts',
  'test/hardening/safety-paths.test.ts',
  'test/hardening/soak.test.ts',
  'test/unit/patch/cloud-pages.test.ts',
  'test/hardening/safety-edits.test.ts',
  'test/hardening/races.test.ts',
];

export default class HeavyFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification): number => {
      const at = SLOW_FILES.indexOf(relative(file.project.config.root, file.moduleId).split('\\').join('/'));
      return at < 0 ? SLOW_FILES.length : at;
    };
    // Array.prototype.sort is stable: files not listed keep vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
