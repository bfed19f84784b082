/**
 * Property tests decide CI, so in CI (`CI` set) they run with one fixed seed: a red run can be
 * repeated and a green one stays green. Locally each run draws a new seed, to keep finding cases.
 * fast-check prints the seed (and the shrink path) of a failure; setting FC_SEED replays it.
 * Loaded for every test file by vitest.config.ts (setupFiles).
 */
import fc from 'fast-check';

export const CI_SEED = 20_261_125;

export function propertySeed(env: NodeJS.ProcessEnv = process.env): number {
  if (env.FC_SEED !== undefined && /^-?\d+$/.test(env.FC_SEED)) return Number(env.FC_SEED);
  if (env.CI) return CI_SEED;
  return (Math.random() * 0x1_0000_0000) | 0;
}

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: propertySeed() });
