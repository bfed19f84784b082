/**
 * Linearity guard: converting a page eight times as large must cost about eight times as much, never
 * sixty-four. Measured as array work (elements copied and shifted, machine-independent) in both
 * directions, plus the best-of-three CPU time of storage → Markdown, whose work is mostly strings.
 * No wall-clock threshold: only ratios of two sizes, with a generous margin (linear measures 8.8–9.7;
 * the unpatched parser measured 15 on the list page and 26 on the quote page).
 */
import { describe, expect, it } from 'vitest';
import { PAGE_SHAPES, shapedMarkdown } from '../../../bench/page-shapes.js';
import { toMarkdown, toStorage } from '../../../src/convert/index.js';
import { arrayWork } from './array-work.js';

const SMALL = 5_000;
const GROWTH = 8;
const MAX_RATIO = 1.5 * GROWTH;

function cpuMs(fn: () => void): number {
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

describe('conversion cost grows linearly with the page size', () => {
  for (const shape of PAGE_SHAPES) {
    it(`Markdown → storage, ${shape}-heavy page`, { timeout: 120_000 }, () => {
      const small = shapedMarkdown(shape, SMALL);
      const large = shapedMarkdown(shape, SMALL * GROWTH);
      const ratio = arrayWork(() => toStorage(large)) / arrayWork(() => toStorage(small));
      expect(ratio, `array work ×${ratio.toFixed(2)} for ×${GROWTH} the size`).toBeLessThan(MAX_RATIO);
    });

    it(`storage → Markdown, ${shape}-heavy page`, { timeout: 120_000 }, () => {
      const small = toStorage(shapedMarkdown(shape, SMALL)).storage;
      const large = toStorage(shapedMarkdown(shape, SMALL * GROWTH)).storage;
      const [few, many] = [arrayWork(() => toMarkdown(small)), arrayWork(() => toMarkdown(large))];
      // the serialiser's fast paths copy no array on plain prose: none on either page is linear too
      expect(
        many,
        `array work ${many} for ×${GROWTH} the size (${few} on the small page)`,
      ).toBeLessThanOrEqual(MAX_RATIO * few);
    });
  }

  it('storage → Markdown CPU time, plain page', { timeout: 120_000 }, () => {
    const small = toStorage(shapedMarkdown('plain', SMALL * 4)).storage;
    const large = toStorage(shapedMarkdown('plain', SMALL * 4 * GROWTH)).storage;
    toMarkdown(small); // warm up the JIT before timing
    const ratio = cpuMs(() => toMarkdown(large)) / cpuMs(() => toMarkdown(small));
    expect(ratio, `CPU time ×${ratio.toFixed(2)} for ×${GROWTH} the size`).toBeLessThan(2 * MAX_RATIO);
  });
});
