/**
 * Rate limiting: the same push (N changed pages) twice, once clean and once with the emulator answering
 * 429 + Retry-After to 10 % of all requests. The faulty run must end with exactly the clean result:
 * every page carries its edit, each page's version went up by exactly one (no duplicate writes), no
 * page was added. The added wall time is what the retries cost.
 */
import { writeFileSync } from 'node:fs';
import { applied, expectRun, type BenchSite } from '../site.js';
import { round, seconds, type Row } from '../results.js';
import { editedMarkdown, filePages } from './push-pull.js';

export const RATE_429 = 0.1;
export const RETRY_AFTER_SECONDS = 1;

export interface RateLimitFigures {
  pages: number;
  rate: number;
  retryAfterSeconds: number;
  clean: { ms: number; requests: number };
  limited: { ms: number; requests: number; injected429: number };
  addedMs: number;
  correct: boolean;
  problems: string[];
}

async function pushSet(
  site: BenchSite,
  set: { id: string; path: string }[],
  marker: string,
): Promise<{ ms: number; requests: number; faults: number; problems: string[] }> {
  const before = new Map<string, number>();
  for (const f of set) before.set(f.id, (await site.emulator.getPage(f.id))?.version ?? -1);
  const pagesBefore = (await site.emulator.pages('DOCS')).length;
  for (const f of set) writeFileSync(f.path, editedMarkdown(f.path, marker));
  const run = await site.run('push');
  const problems: string[] = [];
  try {
    expectRun(run.value, 'push under rate limiting');
  } catch (e) {
    problems.push((e as Error).message);
  }
  if (applied(run.value) !== set.length) problems.push(`applied ${applied(run.value)} of ${set.length}`);
  for (const f of set) {
    const page = await site.emulator.getPage(f.id);
    if (!page?.body.includes(marker)) problems.push(`page ${f.id} lacks its edit`);
    if (page?.version !== (before.get(f.id) ?? 0) + 1)
      problems.push(`page ${f.id}: version ${page?.version}, expected ${(before.get(f.id) ?? 0) + 1}`);
  }
  const pagesAfter = (await site.emulator.pages('DOCS')).length;
  if (pagesAfter !== pagesBefore) problems.push(`${pagesAfter - pagesBefore} pages appeared`);
  return { ms: run.ms, requests: run.stats.total, faults: run.stats.faultsInjected, problems };
}

/** Uses file pages [skip, skip + 2n) of the site: n for the clean run, n for the rate-limited one. */
export async function rateLimited(site: BenchSite, n: number, skip: number): Promise<RateLimitFigures> {
  const files = filePages(site).slice(skip, skip + 2 * n);
  if (files.length < 2 * n) throw new Error(`the tree has too few file pages for the rate-limit run`);
  const clean = await pushSet(site, files.slice(0, n), 'Edited for the clean run.');
  await site.emulator.setFaults({ rate429: RATE_429, retryAfterSeconds: RETRY_AFTER_SECONDS, seed: 429 });
  let limited;
  try {
    limited = await pushSet(site, files.slice(n), 'Edited while Confluence rate-limits.');
  } finally {
    await site.emulator.setFaults(null);
  }
  const problems = [...clean.problems.map((p) => `clean run: ${p}`), ...limited.problems];
  return {
    pages: n,
    rate: RATE_429,
    retryAfterSeconds: RETRY_AFTER_SECONDS,
    clean: { ms: round(clean.ms), requests: clean.requests },
    limited: { ms: round(limited.ms), requests: limited.requests, injected429: limited.faults },
    addedMs: round(limited.ms - clean.ms),
    correct: problems.length === 0,
    problems: problems.slice(0, 10),
  };
}

export function rateLimitRows(f: RateLimitFigures): Row[] {
  return [
    {
      scenario: `Rate limiting: push of ${f.pages} pages, ${f.rate * 100} % answered 429 (Retry-After ${f.retryAfterSeconds} s)`,
      figures:
        `${seconds(f.limited.ms)} vs ${seconds(f.clean.ms)} clean: +${seconds(f.addedMs)} for ` +
        `${f.limited.injected429} 429s (${f.limited.requests} requests); ` +
        (f.correct ? 'same result as the clean run' : `WRONG: ${f.problems.join('; ')}`),
      goal: 'finishes with the right result',
      met: f.correct,
    },
  ];
}
