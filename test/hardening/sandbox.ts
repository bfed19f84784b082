/**
 * For the safety suite: a sandbox folder holding the repository, a fake HOME and a file outside the
 * repository, and a listing of everything in it except the docs folder and the manifest: what must
 * never change, whatever a run does.
 */
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { expect } from 'vitest';
import { cliBundle, type CliRun } from '../helpers/run-cli.js';
import { catalogueWorld, type CatalogueWorld } from './catalogue.js';

export interface Sandbox {
  dir: string;
  home: string;
  /** A file beside the repository, as an attacker's target. */
  outsideFile: string;
  cleanup(): void;
}

const sandboxes: Sandbox[] = [];

export function cleanupSandboxes(): void {
  for (const s of sandboxes.splice(0)) s.cleanup();
}

export function createSandbox(): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'cs-safety-'));
  const home = join(dir, 'home');
  mkdirSync(join(home, '.config'), { recursive: true });
  const outsideFile = join(dir, 'outside.md');
  writeFileSync(
    outsideFile,
    '---\ntitle: Outside\nowner: someone-else\n---\n\n# Outside\n\nNot part of the docs.\n',
  );
  const sandbox = { dir, home, outsideFile, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  sandboxes.push(sandbox);
  return sandbox;
}

/**
 * Every path in the sandbox with what it is and a hash of its bytes, the repository's docs folder and
 * manifest (and the manifest's temp files) left out.
 */
export function listing(sandbox: Sandbox, repoDir: string, docs = 'docs'): string[] {
  const skip = (rel: string): boolean => {
    const inRepo = relative(repoDir, join(sandbox.dir, rel)).split(sep).join('/');
    if (inRepo.startsWith('..')) return false;
    return (
      inRepo === docs ||
      (docs !== '.' && inRepo.startsWith(`${docs}/`)) ||
      /^\.confluence-sync\.json(\..*\.tmp)?$/.test(inRepo) ||
      inRepo === '.confluence-sync.lock'
    );
  };
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(sandbox.dir, rel)).sort()) {
      const child = rel === '' ? name : `${rel}/${name}`;
      if (skip(child)) continue;
      const abs = join(sandbox.dir, child);
      const stat = lstatSync(abs);
      if (stat.isSymbolicLink()) out.push(`${child} -> ${readlinkSync(abs)}`);
      else if (stat.isDirectory()) {
        out.push(`${child}/`);
        walk(child);
      } else
        out.push(`${child} ${createHash('sha256').update(readFileSync(abs)).digest('hex').slice(0, 16)}`);
    }
  };
  walk('');
  return out;
}

/** A world whose repository lives in a fresh sandbox; the CLI runs with HOME in the sandbox too. */
export async function sandboxWorld(options: Parameters<typeof catalogueWorld>[0] = {}): Promise<{
  w: CatalogueWorld;
  sandbox: Sandbox;
  cli: (args: string[], env?: Record<string, string>) => Promise<CliRun>;
  outside: () => string[];
}> {
  const sandbox = createSandbox();
  const w = await catalogueWorld({ ...options, parent: sandbox.dir });
  const cli = (args: string[], env: Record<string, string> = {}) =>
    w.cli(args, { ...w.site.env, HOME: sandbox.home, ...env });
  return { w, sandbox, cli, outside: () => listing(sandbox, w.repo.dir) };
}

/**
 * The CLI as an unprivileged user: as root every folder is readable, so an unreadable folder can only be
 * played by dropping root (setpriv to nobody; the sandbox is opened up for that user first).
 */
export async function runCliUnprivileged(
  args: readonly string[],
  options: { cwd: string; env: Record<string, string>; sandbox: Sandbox },
): Promise<CliRun> {
  const bundle = await cliBundle();
  const root = process.getuid?.() === 0;
  if (root) openUp(options.sandbox.dir);
  const command = root ? 'setpriv' : process.execPath;
  const argv = root
    ? ['--reuid=65534', '--regid=65534', '--clear-groups', '--', process.execPath, bundle, ...args]
    : [bundle, ...args];
  const env: NodeJS.ProcessEnv = {
    NO_COLOR: '1',
    PATH: process.env.PATH ?? '',
    HOME: options.sandbox.home,
    ...options.env,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** World-writable, so that the unprivileged CLI can write its manifest and files as it would as the owner. */
function openUp(dir: string): void {
  chmodSync(dir, 0o777);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const abs = join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    // A folder made unreadable on purpose stays so.
    if ((lstatSync(abs).mode & 0o777) === 0) continue;
    if (entry.isDirectory()) openUp(abs);
    else chmodSync(abs, 0o666);
  }
}

/** The JSON report of a `--json` run. */
export interface JsonChange {
  kind: string;
  title: string;
  outcome: string;
  pageId?: string | null;
  localPath?: string | null;
  error: { code: string; message: string } | null;
  conflict?: { strategy: string; detail: string } | null;
}

export function changesOf(run: CliRun): JsonChange[] {
  try {
    return (JSON.parse(run.stdout) as { changes: JsonChange[] }).changes;
  } catch {
    throw new Error(`not a JSON report:\n${run.stdout}\n${run.stderr}`);
  }
}

export function changeFor(run: CliRun, title: string): JsonChange {
  const change = changesOf(run).find((c) => c.title === title);
  expect(change, `no change for "${title}" in ${run.stdout}`).toBeDefined();
  return change!;
}
