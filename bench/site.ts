/**
 * One benchmark site: an emulator (its own child process), a page to sync under, a seeded tree of
 * pages (written straight into the emulator's store, not over HTTP), and a temp repository whose local
 * files and manifest come from a real first sync.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { loadConfig } from '../src/config/index.js';
import type { SyncConfig } from '../src/config/types.js';
import type { Flavor } from '../src/confluence/types.js';
import type { ConfluenceClient } from '../src/confluence/types.js';
import { runSync } from '../src/sync/engine.js';
import type { SyncMode, SyncResult } from '../src/sync/types.js';
import type { EmulatorStats } from '../test/emulator/index.js';
import { startEmulatorProcess, type RemoteEmulator } from './emulator-process.js';

export const CREDENTIALS = { username: 'ci@example.com', token: 'emulator-token' } as const;
export const CREDENTIAL_ENV = {
  CONFLUENCE_USERNAME: CREDENTIALS.username,
  CONFLUENCE_API_TOKEN: CREDENTIALS.token,
};

export interface BenchSite {
  flavor: Flavor;
  emulator: RemoteEmulator;
  rootId: string;
  /** The repository root (holds docs/ and the config). */
  dir: string;
  /** Ids of the seeded pages under the root, sections included, in creation order. */
  pageIds: string[];
  config(): SyncConfig;
  /** One engine run in this process; the emulator's counters cover exactly this run. */
  run(mode: SyncMode, options?: { client?: ConfluenceClient }): Promise<Measured<SyncResult>>;
  stop(): Promise<void>;
}

export interface Measured<T> {
  value: T;
  ms: number;
  /** CPU time of this process (the engine; the emulator runs in its own process). */
  cpuMs: number;
  stats: EmulatorStats;
}

export interface SiteOptions {
  /** Pages under the root, sections included (0 = an empty tree). */
  pages: number;
  concurrency?: number;
  /** Which Confluence the emulator plays and the engine talks to (default Cloud). */
  flavor?: Flavor;
}

export async function startSite(options: SiteOptions): Promise<BenchSite> {
  const flavor = options.flavor ?? 'cloud';
  const emulator = await startEmulatorProcess(flavor);
  let root: { id: string };
  let pageIds: string[];
  try {
    root = await emulator.createPage({
      spaceKey: 'DOCS',
      title: 'Synced Docs',
      body: '<p>Root of the synced tree.</p>',
    });
    pageIds = options.pages > 0 ? await emulator.seedTree(root.id, options.pages) : [];
  } catch (e) {
    await emulator.stop();
    throw e;
  }
  const dir = mkdtempSync(join(tmpdir(), 'cs-bench-'));
  writeFileSync(
    join(dir, '.confluence-sync.yml'),
    dump({
      activeProfile: 'default',
      profiles: {
        default: {
          confluenceUrl: emulator.url,
          flavor,
          spaceKey: 'DOCS',
          parentPageId: root.id,
          localRoot: 'docs',
          concurrentOperations: options.concurrency ?? 5,
        },
      },
    }),
  );
  const config = () => loadConfig({ cwd: dir, env: CREDENTIAL_ENV });
  return {
    flavor,
    emulator,
    rootId: root.id,
    dir,
    pageIds,
    config,
    run: (mode, runOptions = {}) =>
      measure(emulator, () =>
        runSync(config(), { mode }, runOptions.client ? { client: runOptions.client } : {}),
      ),
    stop: async () => {
      await emulator.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Times `fn` and reads the emulator's request counters for exactly that span. */
export async function measure<T>(emulator: RemoteEmulator, fn: () => Promise<T>): Promise<Measured<T>> {
  await emulator.resetStats();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await fn();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { value, ms, cpuMs: (used.user + used.system) / 1000, stats: await emulator.stats() };
}

/** Fails the benchmark loudly when a run did not do what it should: a wrong figure is worse than none. */
export function expectRun(result: SyncResult, label: string): void {
  const failed = result.changeSet.changes.filter((c) => c.outcome === 'failed' || c.outcome === 'conflict');
  if (result.exitCode !== 0 || failed.length > 0) {
    const first = failed[0];
    throw new Error(
      `${label}: exit ${result.exitCode}, ${failed.length} failed` +
        (first ? ` (first: ${first.title}: ${first.error?.code ?? ''} ${first.error?.message ?? ''})` : ''),
    );
  }
}

export function applied(result: SyncResult): number {
  return result.changeSet.changes.filter((c) => c.outcome === 'applied').length;
}
