/**
 * An in-process world for hardening tests: the emulator, a temp repository with a docs folder, and
 * runSync driven with a client whose timeouts and retry waits are short, so faults (429 with
 * Retry-After, 5xx, resets, hangs) cost milliseconds instead of minutes.
 */
import { loadConfig } from '../../src/config/index.js';
import { createClient } from '../../src/confluence/index.js';
import { runSync } from '../../src/sync/engine.js';
import type { ConflictStrategy } from '../../src/config/types.js';
import type { SyncMode, SyncResult } from '../../src/sync/types.js';
import { startSite, type Flavor, type TestSite } from '../helpers/emulator.js';
import { createTempRepo, type RepoConfig, type TempRepo } from '../helpers/temp-repo.js';

export interface FastClientTimings {
  /** Per-request timeout: a hang longer than this becomes a timeout and a retry. */
  timeoutMs: number;
  /** Upper bound of one Retry-After/backoff wait. */
  maxRetryDelayMs: number;
  retries: number;
}

export const FAST_TIMINGS: FastClientTimings = { timeoutMs: 300, maxRetryDelayMs: 10, retries: 5 };

export interface World {
  site: TestSite;
  repo: TempRepo;
  /** One engine run, as the CLI would do it, with the fast client. */
  run(mode: SyncMode, options?: { strategy?: ConflictStrategy; paths?: string[] }): Promise<SyncResult>;
  stop(): Promise<void>;
}

export async function createWorld(
  options: {
    flavor?: Flavor;
    files?: Record<string, string | Uint8Array>;
    config?: Partial<RepoConfig>;
    timings?: Partial<FastClientTimings>;
  } = {},
): Promise<World> {
  const site = await startSite(options.flavor ?? 'cloud');
  const repo = createTempRepo(options.files ?? {});
  repo.writeConfig({ ...site.config, ...options.config });
  const timings = { ...FAST_TIMINGS, ...options.timings };
  return {
    site,
    repo,
    async run(mode, runOptions = {}) {
      const config = loadConfig({ cwd: repo.dir, env: site.env });
      const client = createClient({
        baseUrl: config.confluenceUrl,
        credentials: config.credentials,
        ...(config.flavor ? { flavor: config.flavor } : {}),
        timeoutMs: timings.timeoutMs,
        retries: timings.retries,
        maxRetryDelayMs: timings.maxRetryDelayMs,
        // Faults are random here; the breaker is for a dead server, not a flaky one.
        circuitBreakerThreshold: 1_000,
      });
      return runSync(
        config,
        {
          mode,
          ...(runOptions.strategy ? { strategy: runOptions.strategy } : {}),
          ...(runOptions.paths ? { paths: runOptions.paths } : {}),
        },
        { client },
      );
    },
    async stop() {
      await site.emulator.stop();
      repo.cleanup();
    },
  };
}
