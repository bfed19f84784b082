/**
 * Push of N locally changed pages and pull of N remotely changed pages, with 50 ms of emulator latency
 * on every request, each against its floor (per-page requests × latency ÷ concurrency) and against a
 * serial one-page-at-a-time baseline on the same site. The steps chain so the site stays consistent:
 *   1. engine push of set A (files edited);
 *   2. serial push baseline of set B (Confluence changes under the engine's feet = N remote edits);
 *   3. engine pull of set B;
 *   4. serial pull baseline of set B (into a scratch folder, not the docs folder).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applied, expectRun, measure, type BenchSite } from '../site.js';
import { round, seconds, type Row } from '../results.js';
import { benchClient, serialPull, serialPush } from '../serial-baseline.js';
import type { Flavor } from '../../src/confluence/types.js';
import { startProfile, stopProfile, type ProfileSummary } from '../profile.js';

export const LATENCY_MS = 50;
export const FLAVOR_NAME: Record<Flavor, string> = { cloud: 'Cloud', datacenter: 'Data Center' };

export interface TransferFigures {
  flavor: Flavor;
  pages: number;
  latencyMs: number;
  concurrency: number;
  ms: number;
  /** CPU time of the engine during the run (the emulator runs in its own process). */
  cpuMs: number;
  requests: number;
  writes: number;
  /** Requests made once per changed page (push: the writes; pull: one read per page). */
  perPageRequests: number;
  floorMs: number;
  ratioToFloor: number;
  serial: { ms: number; requests: number };
  speedupOverSerial: number;
}

/** Pages of the tree that are plain files (not folder pages), with their local paths. */
export function filePages(site: BenchSite): { id: string; path: string }[] {
  const manifest = JSON.parse(readFileSync(join(site.dir, '.confluence-sync.json'), 'utf8')) as {
    pages: Record<string, { id: string; localPath: string }>;
  };
  return Object.values(manifest.pages)
    .filter((p) => !p.localPath.endsWith('/') && !/(^|\/)(index|readme)\.md$/i.test(p.localPath))
    .sort((a, b) => Number(a.id) - Number(b.id))
    .map((p) => ({ id: p.id, path: join(site.dir, 'docs', p.localPath) }));
}

export function editedMarkdown(path: string, marker: string): string {
  return `${readFileSync(path, 'utf8').trimEnd()}\n\n${marker}\n`;
}

export interface TransferOptions {
  /** Write a CPU profile of the engine's push and pull runs into this folder. */
  profileDir?: string;
}

export async function pushAndPull(
  site: BenchSite,
  n: number,
  options: TransferOptions = {},
): Promise<{ push: TransferFigures; pull: TransferFigures; profiles: Record<string, ProfileSummary> }> {
  const profiles: Record<string, ProfileSummary> = {};
  const run = async (mode: 'push' | 'pull') => {
    if (!options.profileDir) return site.run(mode);
    await startProfile();
    try {
      return await site.run(mode);
    } finally {
      profiles[mode] = await stopProfile(join(options.profileDir, `${mode}.cpuprofile`));
    }
  };
  const files = filePages(site);
  if (files.length < 2 * n) throw new Error(`the tree has ${files.length} file pages; need ${2 * n}`);
  const setA = files.slice(0, n);
  const setB = files.slice(n, 2 * n);
  const concurrency = site.config().concurrentOperations;
  const client = benchClient(site.emulator, { flavor: site.flavor });
  await site.emulator.setFaults({ latencyMs: LATENCY_MS });
  try {
    // 1. engine push
    for (const f of setA)
      writeFileSync(f.path, editedMarkdown(f.path, 'Edited locally for the push benchmark.'));
    const push = await run('push');
    expectRun(push.value, 'push');
    if (applied(push.value) !== n) throw new Error(`push applied ${applied(push.value)} changes, not ${n}`);
    for (const f of setA) {
      if (!(await site.emulator.getPage(f.id))?.body.includes('Edited locally for the push benchmark.'))
        throw new Error(`push: page ${f.id} lacks the edit`);
    }

    // 2. serial push baseline (these become the remote edits the pull brings in)
    const edits = setB.map((f) => ({
      pageId: f.id,
      markdown: editedMarkdown(f.path, 'Edited in Confluence for the pull benchmark.'),
    }));
    const serialPushRun = await measure(site.emulator, () => serialPush(client, edits));

    // 3. engine pull
    const pull = await run('pull');
    expectRun(pull.value, 'pull');
    if (applied(pull.value) !== n) throw new Error(`pull applied ${applied(pull.value)} changes, not ${n}`);
    for (const f of setB) {
      if (!readFileSync(f.path, 'utf8').includes('Edited in Confluence for the pull benchmark.'))
        throw new Error(`pull: ${f.path} lacks the remote edit`);
    }

    // 4. serial pull baseline
    const scratch = join(site.dir, 'serial-pull');
    const serialPullRun = await measure(site.emulator, () =>
      serialPull(
        client,
        setB.map((f) => f.id),
        scratch,
      ),
    );
    rmSync(scratch, { recursive: true, force: true });

    const figures = (
      measured: { ms: number; cpuMs: number; stats: { total: number; writes: number } },
      perPageRequests: number,
      serial: { ms: number; stats: { total: number } },
    ): TransferFigures => {
      const floorMs = (perPageRequests * LATENCY_MS) / concurrency;
      return {
        flavor: site.flavor,
        pages: n,
        latencyMs: LATENCY_MS,
        concurrency,
        ms: round(measured.ms),
        cpuMs: round(measured.cpuMs),
        requests: measured.stats.total,
        writes: measured.stats.writes,
        perPageRequests,
        floorMs: round(floorMs),
        ratioToFloor: round(measured.ms / floorMs, 2),
        serial: { ms: round(serial.ms), requests: serial.stats.total },
        speedupOverSerial: round(serial.ms / measured.ms, 1),
      };
    };
    return {
      push: figures(push, push.stats.writes, serialPushRun),
      pull: figures(pull, n, serialPullRun),
      profiles,
    };
  } finally {
    await site.emulator.setFaults(null);
  }
}

export function transferRows(push: TransferFigures, pull: TransferFigures): Row[] {
  const row = (label: string, f: TransferFigures, floorWhat: string): Row => ({
    scenario: `${label} of ${f.pages} changed pages, latency ${f.latencyMs} ms, ${FLAVOR_NAME[f.flavor]}`,
    figures:
      `${seconds(f.ms)} (engine CPU ${seconds(f.cpuMs)}), ${f.requests} requests (${f.writes} writes); floor ${seconds(f.floorMs)} ` +
      `(${f.perPageRequests} ${floorWhat} × ${f.latencyMs} ms ÷ ${f.concurrency}) → ${f.ratioToFloor}× floor; ` +
      `serial baseline ${seconds(f.serial.ms)} (${f.serial.requests} requests) → ${f.speedupOverSerial}× faster`,
    goal: '≤ 1.5× floor',
    met: f.ratioToFloor <= 1.5,
  });
  return [row('Push', push, 'writes'), row('Pull', pull, 'page reads')];
}
