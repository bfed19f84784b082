/**
 * Who edited a page, and when, since a given version: one REST v1 request per page
 * (`/rest/api/content/{id}/version`, newest first, same path on Cloud and Data Center). Used by the
 * reports to name the people behind a conflict; the engine does not need it.
 */
import { z } from 'zod';
import type { Transport } from './http.js';

const VERSION = z
  .object({
    number: z.number().int().positive(),
    when: z.string(),
    by: z
      .object({
        displayName: z.string().optional(),
        publicName: z.string().optional(),
        username: z.string().optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

const VERSIONS = z.object({ results: z.array(VERSION), size: z.number().optional() }).loose();

export interface VersionInfo {
  version: number;
  /** Display name, else public name, else user name, else "someone". */
  by: string;
  when: string;
}

/**
 * The versions after `sinceVersion` up to the current one, oldest first. Reads at most `limit`
 * versions (one request); older ones beyond that are left out.
 */
export async function versionsSince(
  http: Transport,
  pageId: string,
  sinceVersion: number,
  limit = 25,
): Promise<VersionInfo[]> {
  const answer = await http.json(
    {
      method: 'GET',
      path: `/rest/api/content/${encodeURIComponent(pageId)}/version`,
      query: { limit, start: 0 },
      subject: `the history of page ${pageId}`,
    },
    VERSIONS,
  );
  return answer.results
    .filter((v) => v.number > sinceVersion)
    .map((v) => ({
      version: v.number,
      by: v.by?.displayName || v.by?.publicName || v.by?.username || 'someone',
      when: v.when,
    }))
    .sort((a, b) => a.version - b.version);
}

const NEWEST = z
  .object({
    results: z.array(
      z.object({ number: z.number().int().positive(), message: z.string().optional() }).loose(),
    ),
  })
  .loose();

/** The newest version of a page and its change message (one request; Cloud REST v2, Data Center v1). */
export async function latestVersionOf(
  http: Transport,
  pageId: string,
  api: 'v2' | 'v1',
): Promise<{ number: number; message: string } | null> {
  const answer = await http.json(
    api === 'v2'
      ? {
          method: 'GET',
          path: `/api/v2/pages/${encodeURIComponent(pageId)}/versions`,
          query: { limit: 1, sort: '-modified-date' },
          subject: `the versions of page ${pageId}`,
        }
      : {
          method: 'GET',
          path: `/rest/api/content/${encodeURIComponent(pageId)}/version`,
          query: { limit: 1, start: 0 },
          subject: `the versions of page ${pageId}`,
        },
    NEWEST,
  );
  const newest = answer.results[0];
  return newest ? { number: newest.number, message: newest.message ?? '' } : null;
}
