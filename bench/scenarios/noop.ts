/**
 * No-op sync over trees of N pages: the local files and manifest come from a real first pull; then
 * `sync` runs with nothing changed on either side. Requests are counted by the emulator.
 */
import type { Flavor } from '../../src/confluence/types.js';
import { expectRun, startSite, type BenchSite } from '../site.js';
import { round, seconds, thousands, type Row } from '../results.js';

export interface NoopFigures {
  flavor: Flavor;
  pages: number;
  firstPull: { ms: number; requests: number };
  requests: number;
  goalRequests: number;
  writes: number;
  changes: number;
  /** Fastest of the timed no-op runs (the one least disturbed by other work on the machine). */
  ms: number;
  /** CPU time of the engine in that run. */
  cpuMs: number;
  runs: number[];
}

/** Listing pages of 250 (Cloud v2's maximum) or 200 (the Data Center client's page size), plus 3. */
export function goalRequests(pages: number, flavor: Flavor = 'cloud'): number {
  return Math.ceil(pages / (flavor === 'cloud' ? 250 : 200)) + 3;
}

/** Builds the tree, runs the first pull, then times `repeat` no-op syncs. The site is returned for reuse. */
export async function noopSync(
  pages: number,
  repeat: number,
  flavor: Flavor = 'cloud',
): Promise<{ figures: NoopFigures; site: BenchSite }> {
  const site = await startSite({ pages, flavor });
  const runs: { ms: number; cpuMs: number; requests: number; writes: number; changes: number }[] = [];
  let first;
  try {
    first = await site.run('pull');
    expectRun(first.value, `first pull of ${pages} pages`);
    for (let i = 0; i < repeat; i++) {
      const run = await site.run('sync');
      expectRun(run.value, `no-op sync of ${pages} pages`);
      runs.push({
        ms: run.ms,
        cpuMs: run.cpuMs,
        requests: run.stats.total,
        writes: run.stats.writes,
        changes: run.value.changeSet.changes.length,
      });
    }
  } catch (e) {
    await site.stop();
    throw e;
  }
  const fastest = [...runs].sort((a, b) => a.ms - b.ms)[0]!;
  return {
    site,
    figures: {
      flavor,
      pages,
      firstPull: { ms: round(first.ms), requests: first.stats.total },
      requests: Math.max(...runs.map((r) => r.requests)),
      goalRequests: goalRequests(pages, flavor),
      writes: Math.max(...runs.map((r) => r.writes)),
      changes: Math.max(...runs.map((r) => r.changes)),
      ms: round(fastest.ms),
      cpuMs: round(fastest.cpuMs),
      runs: runs.map((r) => round(r.ms)),
    },
  };
}

export function noopRows(all: readonly NoopFigures[]): Row[] {
  const rows: Row[] = all.map((f) => ({
    scenario: `No-op sync, ${thousands(f.pages)} pages${f.flavor === 'cloud' ? '' : ', Data Center'}`,
    figures:
      `${f.requests} requests, ${f.writes} writes, ${seconds(f.ms)} (CPU ${seconds(f.cpuMs)}); ` +
      `first pull ${seconds(f.firstPull.ms)}, ${thousands(f.firstPull.requests)} requests`,
    goal: `≤ ${f.goalRequests} requests, 0 writes`,
    met: f.requests <= f.goalRequests && f.writes === 0 && f.changes === 0,
  }));
  const cloud = all.filter((f) => f.flavor === 'cloud');
  const [small, , large] = [...cloud].sort((a, b) => a.pages - b.pages);
  const mid = [...cloud].sort((a, b) => a.pages - b.pages)[Math.floor(cloud.length / 2)];
  if (small && mid && large && large !== mid) {
    const perPage = (f: NoopFigures) => f.ms / f.pages;
    const factor = perPage(large) / perPage(mid);
    const cpuFactor = large.cpuMs / large.pages / (mid.cpuMs / mid.pages);
    rows.push({
      scenario: 'No-op sync, linearity',
      figures:
        `per 1,000 pages: ${[...cloud]
          .sort((a, b) => a.pages - b.pages)
          .map((f) => `${seconds((f.ms / f.pages) * 1000)} at ${thousands(f.pages)}`)
          .join(', ')}; ` +
        `time per page at ${thousands(large.pages)} ÷ at ${thousands(mid.pages)} = ${factor.toFixed(2)} ` +
        `(CPU ${cpuFactor.toFixed(2)})`,
      goal: 'linear in N (ratio ≤ 1.3)',
      met: factor <= 1.3,
    });
  }
  return rows;
}
