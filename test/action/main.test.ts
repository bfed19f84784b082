/**
 * run() with a stand-in engine and cache: the wiring around the engine (what is skipped, what fails
 * the step, what is persisted when) without Confluence. The real engine runs in e2e.test.ts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { run, type RunSync } from '../../src/action/main.js';
import type { CacheApi } from '../../src/action/manifest-cache.js';
import { SyncError } from '../../src/errors.js';
import type { Change, ChangeSet, SyncResult } from '../../src/sync/types.js';
import { startFakeGitHub, type FakeGitHub } from '../fakes/github-api.js';

let github: FakeGitHub;
let dir: string;
let log: string[];
const savedEnv = { ...process.env };

beforeAll(async () => {
  github = await startFakeGitHub();
});
afterAll(() => github.stop());

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cs-main-'));
  writeFileSync(join(dir, 'summary.md'), '');
  writeFileSync(join(dir, 'output.txt'), '');
  log = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    log.push(String(chunk));
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  process.env = { ...savedEnv };
  process.exitCode = undefined;
  expect(github.unhandled).toEqual([]);
});

function setUp(eventName: string, inputs: Record<string, string>, event: unknown = {}): void {
  const eventPath = join(dir, 'event.json');
  writeFileSync(eventPath, JSON.stringify(event));
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key];
  Object.assign(process.env, {
    'INPUT_GITHUB-TOKEN': github.token,
    INPUT_URL: 'http://127.0.0.1:9/wiki',
    INPUT_SPACE: 'DOCS',
    INPUT_TOKEN: 'confluence-secret',
    'INPUT_MANIFEST-STORAGE': 'cache',
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'acme/docs',
    GITHUB_REF_NAME: 'main',
    GITHUB_WORKSPACE: dir,
    GITHUB_API_URL: github.url,
    GITHUB_RUN_ID: '42',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    GITHUB_OUTPUT: join(dir, 'output.txt'),
    RUNNER_TEMP: dir,
  });
  delete process.env.CONFLUENCE_API_TOKEN;
}

function result(
  changes: Partial<Change>[],
  exitCode: 0 | 1 | 2,
  mode: ChangeSet['mode'] = 'push',
): SyncResult {
  return {
    changeSet: {
      mode,
      dryRun: false,
      spaceKey: 'DOCS',
      confluenceUrl: 'http://127.0.0.1:9/wiki',
      startedAt: '2026-11-25T12:00:00.000Z',
      durationMs: 1234,
      unchanged: 3,
      changes: changes.map((c) => ({
        kind: 'update-remote',
        title: 'Guide',
        localPath: 'guide.md',
        local: 'changed',
        remote: 'unchanged',
        reason: 'edited in the repository',
        outcome: 'applied',
        ...c,
      })),
    },
    exitCode,
    filesChanged: [],
    manifestPath: '.confluence-sync.json',
  };
}

function recordingCache(): CacheApi & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    restoreCache: (paths, key, restoreKeys) => {
      calls.push(`restore ${paths.join()} ${key} ${restoreKeys?.join()}`);
      return Promise.resolve(undefined);
    },
    saveCache: (paths, key) => {
      calls.push(`save ${paths.join()} ${key}`);
      return Promise.resolve(1);
    },
  };
}

const output = () => readFileSync(join(dir, 'output.txt'), 'utf8');
const stdout = () => log.join('');

describe('run()', () => {
  it('masks the tokens before anything else', async () => {
    setUp('push', {});
    const runSync = vi.fn<RunSync>().mockResolvedValue(result([], 0));
    await run({ runSync, cache: recordingCache() });
    expect(stdout().split('\n').slice(0, 2)).toEqual([
      '::add-mask::confluence-secret',
      `::add-mask::${github.token}`,
    ]);
  });

  it('skips a fork pull request without secrets: a notice, a clean exit, no engine', async () => {
    setUp(
      'pull_request',
      { token: '' },
      {
        pull_request: {
          number: 5,
          head: { ref: 'x', repo: { full_name: 'someone/docs' } },
          base: { ref: 'main' },
        },
        repository: { full_name: 'acme/docs' },
      },
    );
    const runSync = vi.fn<RunSync>();
    await run({ runSync, cache: recordingCache() });
    expect(runSync).not.toHaveBeenCalled();
    expect(stdout()).toContain('::notice title=Confluence check skipped::');
    expect(process.exitCode).toBeUndefined();
  });

  it('check: a pull request that changes no docs is not checked against Confluence', async () => {
    const pr = github.addPullRequest({ head: 'feature/code', files: ['src/app.ts', 'README.md'] });
    setUp(
      'pull_request',
      {},
      {
        pull_request: { number: pr.number, head: { ref: 'feature/code' }, base: { ref: 'main' } },
      },
    );
    const runSync = vi.fn<RunSync>();
    await run({ runSync, cache: recordingCache() });
    expect(runSync).not.toHaveBeenCalled();
    expect(stdout()).toContain('::notice::This pull request changes nothing under docs/');
    expect(github.comments(pr.number)).toEqual([]);
  });

  it('check: passes only the changed docs to the engine, and fails on a conflict', async () => {
    const pr = github.addPullRequest({ head: 'feature/docs', files: ['docs/guide.md', 'src/app.ts'] });
    setUp(
      'pull_request',
      {},
      {
        pull_request: { number: pr.number, head: { ref: 'feature/docs' }, base: { ref: 'main' } },
      },
    );
    const runSync = vi.fn<RunSync>().mockResolvedValue(
      result(
        [
          {
            kind: 'conflict',
            local: 'changed',
            remote: 'changed',
            outcome: 'conflict',
            pageId: '7',
            reason: 'both edited',
          },
        ],
        2,
        'check',
      ),
    );
    const cache = recordingCache();
    await run({ runSync, cache });
    expect(runSync.mock.calls[0]?.[1]).toMatchObject({ mode: 'check', paths: ['docs/guide.md'] });
    expect(stdout()).toContain(
      '::error::CS-043 1 page(s) were edited in Confluence since the repository last saw them',
    );
    expect(stdout()).toContain(
      '::warning title=Confluence conflict,file=docs/guide.md::"Guide": both edited. Let the scheduled pull bring the edit in first',
    );
    expect(output()).toMatch(/conflicts<<.*\n1\n/);
    expect(github.comments(pr.number)).toHaveLength(1);
    // A check writes nothing, so it saves nothing.
    expect(cache.calls.filter((c) => c.startsWith('save'))).toEqual([]);
  });

  it('a comment GitHub refuses is a warning naming the permission; the check still decides', async () => {
    const pr = github.addPullRequest({ head: 'feature/ro', files: ['docs/guide.md'] });
    setUp(
      'pull_request',
      { 'github-token': github.readOnlyToken },
      { pull_request: { number: pr.number, head: { ref: 'feature/ro' }, base: { ref: 'main' } } },
    );
    const runSync = vi.fn<RunSync>().mockResolvedValue(result([{ outcome: 'planned' }], 0, 'check'));
    await run({ runSync, cache: recordingCache() });
    expect(stdout()).toContain(
      '::warning title=confluence-sync::CS-050 GitHub refused to write the pull request comment (HTTP 403): Resource not accessible by integration',
    );
    expect(stdout()).toContain('Give the job `pull-requests: write`.');
    expect(process.exitCode).toBeUndefined();
    expect(github.comments(pr.number)).toEqual([]);
  });

  it('fail-on-conflict: false reports the conflict without failing', async () => {
    setUp('push', { 'fail-on-conflict': 'false' });
    const runSync = vi
      .fn<RunSync>()
      .mockResolvedValue(
        result([{ kind: 'conflict', outcome: 'conflict', local: 'changed', remote: 'changed' }], 2),
      );
    await run({ runSync, cache: recordingCache() });
    expect(stdout()).not.toContain('::error::');
    expect(process.exitCode).toBeUndefined();
  });

  it('fails the step when changes failed, naming the first error', async () => {
    setUp('push', {});
    const runSync = vi.fn<RunSync>().mockResolvedValue(
      result(
        [
          {
            outcome: 'failed',
            error: { code: 'CS-006', message: 'Confluence refused the body of "Guide"' },
          },
        ],
        1,
      ),
    );
    await run({ runSync, cache: recordingCache() });
    expect(stdout()).toContain(
      '::error::CS-006 1 change(s) failed; first: Confluence refused the body of "Guide"',
    );
    expect(process.exitCode).toBe(1);
  });

  it('cache storage: restores by prefix before the run and saves under this run’s key after it', async () => {
    setUp('push', {});
    writeFileSync(join(dir, '.confluence-sync.json'), '{}');
    const cache = recordingCache();
    const runSync = vi.fn<RunSync>().mockImplementation(() => {
      cache.calls.push('engine');
      return Promise.resolve(result([{}], 0));
    });
    await run({ runSync, cache });
    expect(cache.calls).toEqual([
      'restore .confluence-sync.json confluence-sync-manifest-default-DOCS-42-1 confluence-sync-manifest-default-DOCS-',
      'engine',
      'save .confluence-sync.json confluence-sync-manifest-default-DOCS-42-1',
    ]);
  });

  it('keeps what was applied when the engine fails midway, then reports its one line', async () => {
    setUp('push', {});
    writeFileSync(join(dir, '.confluence-sync.json'), '{}');
    const cache = recordingCache();
    const runSync = vi
      .fn<RunSync>()
      .mockRejectedValue(
        new SyncError('CS-011', 'Too many failures in a row.', { hint: 'Try again later.' }),
      );
    await run({ runSync, cache });
    expect(cache.calls.some((c) => c.startsWith('save'))).toBe(true);
    expect(stdout()).toContain('::error::CS-011 Too many failures in a row. — Try again later.');
  });

  it('dry-run persists nothing', async () => {
    setUp('push', { 'dry-run': 'true' });
    writeFileSync(join(dir, '.confluence-sync.json'), '{}');
    const cache = recordingCache();
    await run({ runSync: vi.fn<RunSync>().mockResolvedValue(result([{ outcome: 'planned' }], 0)), cache });
    expect(cache.calls.filter((c) => c.startsWith('save'))).toEqual([]);
  });

  it('cache storage: a save the cache refused (-1) is a warning that the manifest was NOT saved', async () => {
    setUp('push', {});
    writeFileSync(join(dir, '.confluence-sync.json'), '{}');
    const cache = { ...recordingCache(), saveCache: () => Promise.resolve(-1) };
    await run({ runSync: vi.fn<RunSync>().mockResolvedValue(result([{}], 0)), cache });
    expect(stdout()).not.toContain('Manifest saved');
    expect(stdout()).toMatch(
      /::warning title=confluence-sync::The manifest was NOT saved to the Actions cache/,
    );
  });

  it('cache storage: an empty restore after earlier runs warns that the entry was evicted, and says the consequence', async () => {
    setUp('push', {});
    process.env.GITHUB_RUN_NUMBER = '17';
    await run({ runSync: vi.fn<RunSync>().mockResolvedValue(result([], 0)), cache: recordingCache() });
    expect(stdout()).toMatch(
      /::warning title=confluence-sync::No cached manifest, although this workflow has run before \(run #17\): GitHub evicts cache entries not used for 7 days\./,
    );
    expect(stdout()).toContain('reported as conflicts');
  });

  it('cache storage: the first run of a workflow says so without a warning', async () => {
    setUp('push', {});
    process.env.GITHUB_RUN_NUMBER = '1';
    await run({ runSync: vi.fn<RunSync>().mockResolvedValue(result([], 0)), cache: recordingCache() });
    expect(stdout()).toContain('No cached manifest yet: first run.');
    expect(stdout()).not.toContain('::warning');
  });

  it('annotations stay within GitHub\'s 10 per step: operational warnings first, 8 conflicts, then "N more"', async () => {
    setUp('push', { 'fail-on-conflict': 'false' });
    process.env.GITHUB_RUN_NUMBER = '3'; // an evicted cache: one operational warning
    const conflicts = Array.from({ length: 12 }, (_, i) => ({
      kind: 'conflict' as const,
      title: `Page ${i}`,
      localPath: `p${i}.md`,
      remote: 'changed' as const,
      outcome: 'conflict' as const,
      reason: 'Edited on both sides.',
    }));
    await run({ runSync: vi.fn<RunSync>().mockResolvedValue(result(conflicts, 2)), cache: recordingCache() });
    const warnings = stdout()
      .split('\n')
      .filter((l) => l.startsWith('::warning'));
    expect(warnings).toHaveLength(10);
    expect(warnings[0]).toContain('No cached manifest');
    expect(warnings.slice(1, 9).every((w) => w.includes('title=Confluence conflict,file=docs/p'))).toBe(true);
    expect(warnings[9]).toBe(
      '::warning title=Confluence conflict::4 more page(s) in conflict: see the job summary.',
    );
  });

  it('refuses every mode but check on pull_request_target, before anything is read or written', async () => {
    setUp('pull_request_target', { mode: 'sync' });
    const runSync = vi.fn<RunSync>();
    await run({ runSync, cache: recordingCache() });
    expect(runSync).not.toHaveBeenCalled();
    expect(stdout()).toContain(
      '::error::CS-051 Mode sync cannot run on pull_request_target; only check can.',
    );
  });
});
