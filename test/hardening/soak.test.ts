import { describe, expect, it } from 'vitest';
import { formatTotals, resolveMarkers, runSoak, tokensOf } from './soak.js';

describe('fault soak (short; `npm run soak` runs the full one)', () => {
  it.each(['cloud', 'datacenter'] as const)(
    '%s: syncs under 15 percent faults with edits on both sides lose nothing and duplicate nothing',
    async (flavor) => {
      const totals = await runSoak({ pages: 60, rounds: 6, faultRate: 0.15, seed: 20261125, flavor });
      const report = formatTotals(`soak ${flavor}`, totals);
      expect(totals.injectedFaults, report).toBeGreaterThan(0);
      expect(totals.clashes, report).toBeGreaterThan(0);
      expect(totals.problems, report).toEqual([]);
      expect(totals.losses, report).toBe(0);
      expect(totals.duplicates, report).toBe(0);
      expect(totals.extras, report).toBe(0);
      expect(totals.unreportedConflicts, report).toBe(0);
      expect(totals.conflictsReported, report).toBeGreaterThanOrEqual(totals.clashes);
      expect(totals.writesAfterConvergence, report).toBe(0);
    },
    40_000,
  );

  it('the soak model itself: tokens and a reviewer resolving markers by keeping both sides', () => {
    expect([...tokensOf('L1 added. R22 too; PL3 and L4x are not tokens.')]).toEqual(['L1', 'R22']);
    const marked =
      'Top.\n\n<<<<<<< local\nL5 added in git.\n=======\nR6 added in Confluence.\n>>>>>>> confluence\n';
    expect(resolveMarkers(marked)).toBe('Top.\n\nL5 added in git.\n\nR6 added in Confluence.\n');
  });
});
