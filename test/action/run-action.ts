/**
 * Runs the bundled action (`node dist/index.js`) the way the runner does: inputs as INPUT_* (with
 * action.yml's defaults), GITHUB_* variables, an event payload file, and the step summary and output
 * files; returns what a person would see in the log, the summary and the outputs.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';

export const ROOT = join(import.meta.dirname, '..', '..');
const BUNDLE = join(ROOT, 'dist', 'index.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts')) {
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/**
 * In a fresh clone mtimes say nothing, but git does: the bundle is current when neither src nor dist
 * is modified and no commit touched src after the last one that touched the bundle (CI's check-dist
 * job proves committed bundles are what src builds).
 */
function committedBundleIsCurrent(): boolean {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    if (git('status', '--porcelain', '--', 'src', 'dist', 'package-lock.json') !== '') return false;
    const bundled = git('log', '-1', '--format=%H', '--', 'dist/index.js');
    return bundled !== '' && git('rev-list', `${bundled}..HEAD`, '--', 'src', 'package-lock.json') === '';
  } catch {
    return false;
  }
}

/** Bundles only when dist/index.js is missing or older than src/ (CI rebuilds and diffs dist anyway). */
export function ensureBundle(): void {
  if (existsSync(BUNDLE)) {
    if (statSync(BUNDLE).mtimeMs >= newestMtime(join(ROOT, 'src'))) return;
    if (committedBundleIsCurrent()) return;
  }
  execFileSync('npm', ['run', 'bundle'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

const ACTION_DEFAULTS: Record<string, string> = Object.fromEntries(
  Object.entries(
    (
      load(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
        inputs: Record<string, { default?: string }>;
      }
    ).inputs,
  ).map(([name, i]) => [name, String(i.default ?? '')]),
);

export interface ActionRun {
  code: number;
  /** The log (stdout + stderr), workflow commands included (::warning …, ::error …). */
  log: string;
  summary: string;
  outputs: Record<string, string>;
}

export interface RunActionOptions {
  workspace: string;
  eventName: string;
  event?: unknown;
  inputs: Record<string, string>;
  githubApiUrl: string;
  githubToken: string;
  refName?: string;
  runId?: number;
  env?: Record<string, string>;
}

let runCounter = 100;

export async function runAction(o: RunActionOptions): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'cs-run-'));
  const summaryFile = join(dir, 'summary.md');
  const outputFile = join(dir, 'output.txt');
  const eventFile = join(dir, 'event.json');
  writeFileSync(summaryFile, '');
  writeFileSync(outputFile, '');
  writeFileSync(eventFile, JSON.stringify(o.event ?? {}));
  const inputs = { ...ACTION_DEFAULTS, 'github-token': o.githubToken, ...o.inputs };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: o.eventName,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_REPOSITORY: 'acme/docs',
    GITHUB_REF_NAME: o.refName ?? 'main',
    GITHUB_SHA: '0000000000000000000000000000000000000000',
    GITHUB_WORKSPACE: o.workspace,
    GITHUB_API_URL: o.githubApiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: String(o.runId ?? runCounter++),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    RUNNER_TEMP: dir,
    ...o.env,
  };
  const { code, log } = await new Promise<{ code: number; log: string }>((resolve) => {
    execFile(
      process.execPath,
      [BUNDLE],
      { cwd: o.workspace, env, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, log: `${stdout}${stderr}` });
      },
    );
  });
  return {
    code,
    log,
    summary: readFileSync(summaryFile, 'utf8'),
    outputs: parseOutputs(readFileSync(outputFile, 'utf8')),
  };
}

/** GITHUB_OUTPUT's format: `name<<DELIMITER\nvalue\nDELIMITER\n` per output. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!m?.[1] || !m[2]) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i] ?? '');
    out[m[1]] = value.join('\n');
  }
  return out;
}
