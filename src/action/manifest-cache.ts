/**
 * manifest-storage: cache. The manifest lives in the Actions cache: restored from the newest entry
 * whose key starts with the prefix, saved under a key unique to this run (cache entries are immutable).
 */
import { restoreCache, saveCache } from '@actions/cache';

export interface CacheApi {
  restoreCache(paths: string[], primaryKey: string, restoreKeys?: string[]): Promise<string | undefined>;
  saveCache(paths: string[], key: string): Promise<number>;
}

const ACTIONS_CACHE: CacheApi = { restoreCache, saveCache };

export interface CacheKeyParts {
  profile: string;
  spaceKey: string;
  runId: string;
  runAttempt: string;
}

export function cacheKeyPrefix(parts: Pick<CacheKeyParts, 'profile' | 'spaceKey'>): string {
  return `confluence-sync-manifest-${parts.profile}-${parts.spaceKey}-`;
}

export function cacheKey(parts: CacheKeyParts): string {
  return `${cacheKeyPrefix(parts)}${parts.runId}-${parts.runAttempt}`;
}

/** Restores the manifest file; returns the key it came from, or undefined for a first run. */
export async function restoreManifest(
  manifestPath: string,
  parts: CacheKeyParts,
  api: CacheApi = ACTIONS_CACHE,
): Promise<string | undefined> {
  const prefix = cacheKeyPrefix(parts);
  return api.restoreCache([manifestPath], cacheKey(parts), [prefix]);
}

/**
 * Saves the manifest under this run's key. `saved` is false when the cache refused (saveCache answers
 * -1 instead of throwing: the key is taken, the cache service is down, the entry is too large).
 */
export async function saveManifest(
  manifestPath: string,
  parts: CacheKeyParts,
  api: CacheApi = ACTIONS_CACHE,
): Promise<{ key: string; saved: boolean }> {
  const key = cacheKey(parts);
  const id = await api.saveCache([manifestPath], key);
  return { key, saved: id !== -1 };
}
