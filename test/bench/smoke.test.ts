/**
 * The benchmark's claims at a small size, in the normal test run: request counts only (wall times
 * depend on the machine and are left to `npm run bench`).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { firstPush } from '../../bench/scenarios/first-push.js';
import { goalRequests, noopSync } from '../../bench/scenarios/noop.js';
import type { BenchSite } from '../../bench/site.js';

const PAGES = 300;
let site: BenchSite | undefined;

afterAll(async () => {
  await site?.stop();
});

describe('benchmark smoke', () => {
  it(`a no-op sync of ${PAGES} pages costs at most ceil(N/250) + 3 requests and writes nothing`, async () => {
    const run = await noopSync(PAGES, 2);
    site = run.site;
    const f = run.figures;
    // The first sync really pulled every page (that is how the local files and manifest were made).
    expect(f.firstPull.requests).toBeGreaterThanOrEqual(PAGES);
    expect(f.goalRequests).toBe(5);
    expect(f.requests).toBeLessThanOrEqual(goalRequests(PAGES));
    expect(f.writes).toBe(0);
    expect(f.changes).toBe(0);
  }, 60_000);

  it('a first push uploads every image once; the second push writes no page and uploads nothing', async () => {
    const f = await firstPush(60, 12);
    expect(f.first.uploads).toBe(12);
    expect(f.attachmentsInConfluence).toBe(12);
    expect(f.first.writes).toBeGreaterThanOrEqual(60 + 12);
    expect(f.second.writes).toBe(0);
    expect(f.second.uploads).toBe(0);
  }, 60_000);
});
