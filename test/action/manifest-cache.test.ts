import { describe, expect, it } from 'vitest';
import {
  cacheKeyPrefix,
  restoreManifest,
  saveManifest,
  type CacheApi,
} from '../../src/action/manifest-cache.js';

/** An in-memory stand-in for the Actions cache with its lookup rule: exact key, else newest with a prefix. */
function memoryCache(): CacheApi & { saved: { paths: string[]; key: string }[] } {
  const saved: { paths: string[]; key: string }[] = [];
  return {
    saved,
    restoreCache(paths, primaryKey, restoreKeys = []) {
      const samePaths = saved.filter((s) => s.paths.join() === paths.join());
      const exact = samePaths.find((s) => s.key === primaryKey);
      if (exact) return Promise.resolve(exact.key);
      for (const prefix of restoreKeys) {
        const hit = samePaths.filter((s) => s.key.startsWith(prefix)).at(-1);
        if (hit) return Promise.resolve(hit.key);
      }
      return Promise.resolve(undefined);
    },
    saveCache(paths, key) {
      if (saved.some((s) => s.key === key))
        return Promise.reject(new Error(`Unable to reserve cache with key ${key}`));
      saved.push({ paths, key });
      return Promise.resolve(saved.length);
    },
  };
}

const parts = (runId: string, runAttempt = '1') => ({
  profile: 'default',
  spaceKey: 'DOCS',
  runId,
  runAttempt,
});

describe('manifest in the Actions cache', () => {
  it('a first run finds nothing, later runs restore the newest save', async () => {
    const cache = memoryCache();
    expect(await restoreManifest('.confluence-sync.json', parts('100'), cache)).toBeUndefined();
    await saveManifest('.confluence-sync.json', parts('100'), cache);
    await saveManifest('.confluence-sync.json', parts('101'), cache);
    expect(await restoreManifest('.confluence-sync.json', parts('102'), cache)).toBe(
      'confluence-sync-manifest-default-DOCS-101-1',
    );
  });

  it('saves under a key unique to the run and attempt (cache entries are immutable)', async () => {
    const cache = memoryCache();
    const a = await saveManifest('m.json', parts('7', '1'), cache);
    const b = await saveManifest('m.json', parts('7', '2'), cache);
    expect(a.key).not.toBe(b.key);
    expect([a.saved, b.saved]).toEqual([true, true]);
    expect(cache.saved.map((s) => s.key)).toEqual([a.key, b.key]);
  });

  it('keeps profiles and spaces apart (matrix jobs)', async () => {
    const cache = memoryCache();
    await saveManifest('m.json', { ...parts('1'), profile: 'team-a', spaceKey: 'A' }, cache);
    expect(
      await restoreManifest('m.json', { ...parts('2'), profile: 'team-b', spaceKey: 'B' }, cache),
    ).toBeUndefined();
    expect(cacheKeyPrefix({ profile: 'team-a', spaceKey: 'A' })).not.toBe(
      cacheKeyPrefix({ profile: 'team-b', spaceKey: 'B' }),
    );
  });
});
