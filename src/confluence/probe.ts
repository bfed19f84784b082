/**
 * What answers at a Confluence URL, before any sync: which REST API (v2 = Cloud, v1 only = Data
 * Center), whether the credentials are accepted, and what the user may do with a page. Used by
 * `doctor` and `init`; the sync itself never needs it.
 */
import { z } from 'zod';
import { SyncError } from '../errors.js';
import { isRequestError } from './errors-map.js';
import { Transport } from './http.js';
import { normaliseBaseUrl } from './site-url.js';
import type { Credentials, Flavor, TransportEvent } from './types.js';

export interface ProbeOptions {
  baseUrl: string;
  credentials: Credentials;
  /** The configured flavour, if any (decides only how the URL is normalised). */
  flavor?: Flavor;
  retries?: number;
  timeoutMs?: number;
  onEvent?: (event: TransportEvent) => void;
  sleep?: (ms: number) => Promise<void>;
}

export interface SiteProbe {
  baseUrl: string;
  /** What the site answers as; undefined when it could not tell (unreachable, or every call refused). */
  flavor?: Flavor;
  /** The API that answered: "REST v2" (Cloud) or "REST v1" (Data Center). */
  api?: string;
  /** The flavour the URL alone suggests (what the client picks when `flavor` is not set). */
  guessed: Flavor;
  /** Unreachable, rejected credentials (CS-001), or no Confluence API at this URL. */
  error?: SyncError;
}

const listSchema = z.object({ results: z.array(z.unknown()) });
const operationsSchema = z.object({
  operations: z.array(z.object({ operation: z.string(), targetType: z.string().optional() })).default([]),
});

function transportFor(options: ProbeOptions, baseUrl: string, flavor: Flavor | undefined): Transport {
  return new Transport({
    baseUrl,
    credentials: options.credentials,
    timeoutMs: options.timeoutMs ?? 15_000,
    retries: options.retries ?? 1,
    maxRetryDelayMs: 10_000,
    circuitBreakerThreshold: 1_000,
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(flavor ? { flavor } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
}

export async function probeSite(options: ProbeOptions): Promise<SiteProbe> {
  const { baseUrl, flavor: normalisedAs } = normaliseBaseUrl(options.baseUrl, options.flavor);
  const http = transportFor(options, baseUrl, options.flavor);
  const base: SiteProbe = { baseUrl, guessed: options.flavor ?? normalisedAs };

  const v2 = await attempt(() =>
    http.json(
      { method: 'GET', path: '/api/v2/spaces', query: { limit: 1 }, subject: 'the REST v2 API' },
      listSchema,
    ),
  );
  if (v2.ok) return { ...base, flavor: 'cloud', api: 'REST v2' };
  if (v2.error.code === 'CS-001' || v2.error.code === 'CS-002') {
    // Cloud without /wiki, or a site refusing everyone: the URL still tells the likely flavour.
    return { ...base, error: v2.error };
  }
  const v1 = await attempt(() =>
    http.json(
      { method: 'GET', path: '/rest/api/space', query: { limit: 1 }, subject: 'the REST v1 API' },
      listSchema,
    ),
  );
  if (v1.ok) return { ...base, flavor: 'datacenter', api: 'REST v1' };
  if (v1.error.code === 'CS-001' || v1.error.code === 'CS-002') return { ...base, error: v1.error };
  return {
    ...base,
    error: new SyncError('CS-009', `No Confluence REST API answers at ${baseUrl} (${v1.error.message})`, {
      hint: 'Check confluenceUrl: Cloud sites end in /wiki (https://SITE.atlassian.net/wiki); Data Center uses the address you open in a browser (with its context path, e.g. /confluence).',
    }),
  };
}

/** The operations the user may do on a page ("read", "update", …), as the site reports them. */
export async function pageOperations(
  options: ProbeOptions & { flavor: Flavor },
  pageId: string,
): Promise<string[]> {
  const { baseUrl } = normaliseBaseUrl(options.baseUrl, options.flavor);
  const http = transportFor(options, baseUrl, options.flavor);
  const subject = `page ${pageId}`;
  const answer =
    options.flavor === 'cloud'
      ? await http.json(
          { method: 'GET', path: `/api/v2/pages/${encodeURIComponent(pageId)}/operations`, subject },
          operationsSchema,
        )
      : await http.json(
          {
            method: 'GET',
            path: `/rest/api/content/${encodeURIComponent(pageId)}`,
            query: { expand: 'operations' },
            subject,
          },
          operationsSchema,
        );
  return answer.operations
    .filter((o) => o.targetType === undefined || o.targetType === 'page')
    .map((o) => o.operation);
}

async function attempt<T>(
  call: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: SyncError }> {
  try {
    return { ok: true, value: await call() };
  } catch (e) {
    if (isRequestError(e) || e instanceof SyncError) return { ok: false, error: e };
    throw e;
  }
}
