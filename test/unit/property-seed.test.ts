import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CI_SEED, propertySeed } from '../helpers/property-seed.js';

describe('property test seeds', () => {
  it('are fixed in CI, replayable with FC_SEED, and fresh locally', () => {
    expect(propertySeed({ CI: 'true' })).toBe(CI_SEED);
    expect(propertySeed({ CI: 'true', FC_SEED: '-42' })).toBe(-42);
    const local = new Set(Array.from({ length: 5 }, () => propertySeed({})));
    expect(local.size).toBeGreaterThan(1);
  });

  it('every property test in this process uses the configured seed, and a failure prints it', () => {
    const seed = fc.readConfigureGlobal().seed;
    expect(typeof seed).toBe('number');
    if (process.env.CI) expect(seed).toBe(CI_SEED);
    let message = '';
    try {
      fc.assert(fc.property(fc.nat(), (n) => n < 0));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(`seed: ${seed}`);
  });
});
