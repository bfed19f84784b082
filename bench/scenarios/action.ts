/**
 * The action as GitHub runs it: `node dist/index.js` with INPUT_* and GITHUB_* in the environment.
 * Cold start = process start to its first log line; a full no-op push over a synced tree; the sizes
 * of the committed bundles.
 */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { CREDENTIALS, type BenchSite } from '../site.js';
import { round, seconds, type Row } from '../results.js';

export const ROOT = join(import.meta.dirname, '..', '..');
const ACTION_BUNDLE = join(ROOT, 'dist', 'index.js');
const CLI_BUNDLE = join(ROOT, 'dist', 'cli', 'index.js');

export interface ActionFigures {
  bundleBytes: { action: number; cli: number | null };
  /** Cold starts: ms from spawn to the first line on stdout/stderr, per run. */
  firstLineMs: number[];
  /** Full no-op runs: ms from spawn to exit, per run. */
  totalMs: number[];
  requests: number;
  writes: number;
  exitCodes: number[];
  pages: number;
}

/** `npm run bundle` when the action bundle is missing (a fresh clone has it committed). */
export function ensureBundles(): void {
  if (existsSync(ACTION_BUNDLE) && existsSync(CLI_BUNDLE)) return;
  execFileSync('npm', ['run', 'bundle'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, {
    cwd,
    stdio: 'ignore',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Bench',
      GIT_AUTHOR_EMAIL: 'bench@example.com',
      GIT_COMMITTER_NAME: 'Bench',
      GIT_COMMITTER_EMAIL: 'bench@example.com',
    },
  });
}

/** The synced site's folder becomes a clone of a bare origin with everything committed, as on a runner. */
function makeWorkspace(site: BenchSite, scratch: string): void {
  const origin = join(scratch, 'origin.git');
  git(scratch, 'init', '-q', '--bare', '-b', 'main', origin);
  git(site.dir, 'init', '-q', '-b', 'main');
  git(site.dir, 'add', '--all');
  git(site.dir, 'commit', '-q', '-m', 'docs');
  git(site.dir, 'remote', 'add', 'origin', origin);
  git(site.dir, 'push', '-q', 'origin', 'main');
}

function actionEnv(site: BenchSite, scratch: string, run: number): NodeJS.ProcessEnv {
  const spec = load(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: unknown }>;
  };
  const inputs: Record<string, string> = Object.fromEntries(
    Object.entries(spec.inputs).map(([name, i]) => [name, String(i.default ?? '')]),
  );
  Object.assign(inputs, {
    mode: 'push',
    username: CREDENTIALS.username,
    token: CREDENTIALS.token,
    'github-token': '',
    comment: 'false',
  });
  const event = join(scratch, 'event.json');
  const summary = join(scratch, `summary-${run}.md`);
  const output = join(scratch, `output-${run}.txt`);
  writeFileSync(event, JSON.stringify({ ref: 'refs/heads/main' }));
  writeFileSync(summary, '');
  writeFileSync(output, '');
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? scratch,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: event,
    GITHUB_REPOSITORY: 'acme/docs',
    GITHUB_REF_NAME: 'main',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SHA: '0000000000000000000000000000000000000000',
    GITHUB_WORKSPACE: site.dir,
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: String(1000 + run),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_OUTPUT: output,
    RUNNER_TEMP: scratch,
  };
}

function runBundle(
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ firstLineMs: number; totalMs: number; code: number; log: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstLineMs = -1;
    let log = '';
    const child = spawn(process.execPath, [ACTION_BUNDLE], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const onData = (d: Buffer) => {
      if (firstLineMs < 0) firstLineMs = performance.now() - started;
      log += d.toString('utf8');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('close', (code) =>
      resolve({ firstLineMs, totalMs: performance.now() - started, code: code ?? 1, log }),
    );
  });
}

/** `runs` no-op action runs over the synced site (its files must match Confluence). */
export async function actionNoop(site: BenchSite, runs: number): Promise<ActionFigures> {
  ensureBundles();
  const scratch = mkdtempSync(join(tmpdir(), 'cs-bench-action-'));
  try {
    makeWorkspace(site, scratch);
    const figures: ActionFigures = {
      bundleBytes: {
        action: statSync(ACTION_BUNDLE).size,
        cli: existsSync(CLI_BUNDLE) ? statSync(CLI_BUNDLE).size : null,
      },
      firstLineMs: [],
      totalMs: [],
      requests: 0,
      writes: 0,
      exitCodes: [],
      pages: site.pageIds.length,
    };
    for (let i = 0; i < runs; i++) {
      await site.emulator.resetStats();
      const run = await runBundle(site.dir, actionEnv(site, scratch, i));
      const stats = await site.emulator.stats();
      if (run.code !== 0) throw new Error(`the action exited ${run.code}:\n${run.log.slice(-2000)}`);
      figures.firstLineMs.push(round(run.firstLineMs));
      figures.totalMs.push(round(run.totalMs));
      figures.exitCodes.push(run.code);
      figures.requests = Math.max(figures.requests, stats.total);
      figures.writes = Math.max(figures.writes, stats.writes);
    }
    return figures;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(2)} MB`;

export function actionRows(f: ActionFigures): Row[] {
  return [
    {
      scenario: 'Action cold start (`node dist/index.js` → first log line)',
      figures: `${seconds(median(f.firstLineMs))} (median of ${f.firstLineMs.length})`,
      goal: '',
      met: null,
    },
    {
      scenario: `Action full no-op push, ${f.pages.toLocaleString('en-US')} pages`,
      figures: `${seconds(median(f.totalMs))} (median of ${f.totalMs.length}), ${f.requests} requests, ${f.writes} writes`,
      goal: '0 writes',
      met: f.writes === 0,
    },
    {
      scenario: 'Bundle sizes',
      figures:
        `dist/index.js ${mb(f.bundleBytes.action)}` +
        (f.bundleBytes.cli === null ? '' : `, dist/cli/index.js ${mb(f.bundleBytes.cli)}`),
      goal: '',
      met: null,
    },
  ];
}
