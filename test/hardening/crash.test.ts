import { describe, expect, it } from 'vitest';
import { formatCrashTotals, runCrash } from './crash.js';

describe('crash test (short; `npm run soak` kills a 200-page push 20+ times)', () => {
  it('a push killed with SIGKILL at random moments converges on every rerun, manifest intact', async () => {
    const totals = await runCrash({ pages: 30, kills: 10, seed: 424242 });
    const report = formatCrashTotals('crash', totals);
    expect(totals.kills, report).toBe(10);
    expect(totals.writesBeforeKills, report).toBeGreaterThan(0);
    expect(totals.problems, report).toEqual([]);
    expect(totals.duplicates, report).toBe(0);
    expect(totals.losses, report).toBe(0);
    expect(totals.corruptManifests, report).toBe(0);
    expect(totals.writesAfterConvergence, report).toBe(0);
  }, 240_000);
});
