/**
 * The bad-input catalogue's frame: a world (emulator + temp repository), a snapshot of everything a
 * run could change (every file in the repository, hidden ones and the manifest included, byte for
 * byte; every page of every space with its version, parent and body), and the CLI: its main() in this
 * process (see test/helpers/run-cli.ts), as a process where a suite asks, or with a tuned client.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative, sep } from 'node:path';
import { expect } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadConfig } from '../../src/config/index.js';
import { createClient } from '../../src/confluence/index.js';
import type { ConfluenceClient } from '../../src/confluence/types.js';
import { runCli, runCliProcess, type CliRun } from '../helpers/run-cli.js';
import type { EmulatorOptions } from '../emulator/index.js';
import { startSite, type Flavor, type TestSite } from '../helpers/emulator.js';
import { createTempRepo, type RepoConfig, type TempRepo } from '../helpers/temp-repo.js';

export const BASE_FILES = {
  'docs/alpha.md': '# Alpha\n\nAlpha text.\n',
  'docs/guide/index.md': '# Guide\n\nThe guide.\n',
  'docs/guide/beta.md': '# Beta\n\nBeta text.\n',
};

export interface Snapshot {
  files: Map<string, Buffer>;
  pages: string;
}

export interface CatalogueWorld {
  site: TestSite;
  repo: TempRepo;
  cli(args: string[], env?: Record<string, string>): Promise<CliRun>;
  /** main() in this process with a client built by `client` (e.g. short retries, or a wrapper). */
  cliWith(args: string[], client: (base: ConfluenceClient) => ConfluenceClient): Promise<CliRun>;
  snapshot(): Snapshot;
  /** Writes seen by the emulator since the last snapshot. */
  writesSinceSnapshot(): number;
}

const worlds: CatalogueWorld[] = [];

export async function stopWorlds(): Promise<void> {
  for (const w of worlds.splice(0)) {
    await w.site.emulator.stop();
    w.repo.cleanup();
  }
}

export async function catalogueWorld(
  options: {
    flavor?: Flavor;
    files?: Record<string, string | Uint8Array>;
    config?: Partial<RepoConfig>;
    /** Push the files first, so a manifest and pages exist. */
    pushed?: boolean;
    emulator?: EmulatorOptions;
    /** Credentials for the CLI (default: the emulator's seeded user). */
    env?: Record<string, string>;
    /** The folder to create the repository in (default: the system's temp folder). */
    parent?: string;
    /** Run the CLI as a separate process (default: its main() in this process). */
    process?: boolean;
  } = {},
): Promise<CatalogueWorld> {
  const started = await startSite(options.flavor ?? 'cloud', options.emulator);
  const site: TestSite = options.env ? { ...started, env: options.env } : started;
  const repo = createTempRepo(options.files ?? BASE_FILES, options.parent);
  repo.writeConfig({ ...site.config, ...options.config });
  let writesAtSnapshot = 0;
  const w: CatalogueWorld = {
    site,
    repo,
    cli: (args, env = site.env) => (options.process ? runCliProcess : runCli)(args, { cwd: repo.dir, env }),
    async cliWith(args, wrap) {
      let stdout = '';
      let stderr = '';
      const env = { ...site.env, NO_COLOR: '1' };
      const config = loadConfig({ cwd: repo.dir, env });
      const base = createClient({
        baseUrl: config.confluenceUrl,
        credentials: config.credentials,
        ...(config.flavor ? { flavor: config.flavor } : {}),
        retries: 2,
        maxRetryDelayMs: 5,
        timeoutMs: 2_000,
      });
      const code = await main(
        args,
        {
          stdout: { write: (t: string) => (stdout += t) },
          stderr: { write: (t: string) => (stderr += t) },
          env,
          cwd: repo.dir,
        },
        { client: wrap(base) },
      );
      return { code, signal: null, stdout, stderr };
    },
    snapshot() {
      writesAtSnapshot = site.writes();
      return snapshotOf(site, repo);
    },
    writesSinceSnapshot: () => site.writes() - writesAtSnapshot,
  };
  worlds.push(w);
  if (options.pushed) {
    // Setup, not the case under test: the same main() in this process, whose code is already loaded and
    // compiled, instead of a CLI process (a third of the spawns of the safety files were this push).
    const run = await w.cliWith(['push'], (base) => base);
    expect(run.code, run.stderr).toBe(0);
  }
  return w;
}

function snapshotOf(site: TestSite, repo: TempRepo): Snapshot {
  const files = new Map<string, Buffer>();
  const walk = (abs: string): void => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const child = join(abs, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) files.set(relative(repo.dir, child).split(sep).join('/'), readFileSync(child));
      else
        files.set(
          relative(repo.dir, child).split(sep).join('/'),
          Buffer.from(`<${entry.isSymbolicLink() ? 'symlink' : 'other'}>`),
        );
    }
  };
  walk(repo.dir);
  const pages = site.emulator
    .spaces()
    .flatMap((s) => site.emulator.pages(s.key))
    .sort((a, b) => a.id.localeCompare(b.id));
  return { files, pages: JSON.stringify(pages) };
}

/** Nothing changed: the same files byte for byte, the same pages (versions, parents, bodies), no writes. */
export function expectNothingChanged(
  w: CatalogueWorld,
  before: Snapshot,
  options: { writes?: boolean } = {},
): void {
  const after = snapshotOf(w.site, w.repo);
  expect([...after.files.keys()].sort()).toEqual([...before.files.keys()].sort());
  for (const [path, bytes] of before.files) {
    expect(after.files.get(path)?.equals(bytes), `${path} changed`).toBe(true);
  }
  expect(after.pages).toBe(before.pages);
  if (options.writes !== false) expect(w.writesSinceSnapshot(), 'write requests to Confluence').toBe(0);
}

/** Exit 1 and one `error CS-xxx <what> — <what to do>` line on stderr, nothing else alarming. */
export function expectRefused(run: CliRun, code: string, message?: RegExp): string {
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(1);
  const lines = run.stderr.split('\n').filter((l) => l.startsWith('error '));
  expect(lines, run.stderr).toHaveLength(1);
  const line = lines[0]!;
  expect(line).toMatch(new RegExp(`^error ${code} \\S.{10,} — \\S.{10,}`));
  if (message) expect(line).toMatch(message);
  expect(line).not.toMatch(/at .*\.(ts|js):\d+/);
  return line;
}

/** The client with some methods replaced (the rest pass through). */
export function intercept(base: ConfluenceClient, overrides: Partial<ConfluenceClient>): ConfluenceClient {
  return new Proxy(base, {
    get(target, prop, receiver) {
      if (prop in overrides) return overrides[prop as keyof ConfluenceClient];
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * An HTTP proxy in front of the emulator that rewrites response bodies, to play a server (or a
 * middlebox) that sends what the emulator never would. Returns the proxy's origin.
 */
export async function startRewritingProxy(
  target: string,
  rewrite: (text: string) => string,
): Promise<{ origin: string; stop(): Promise<void> }> {
  const server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) {
        if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers.set(k, v);
      }
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      const upstream = await fetch(new URL(req.url ?? '/', target), {
        method: req.method ?? 'GET',
        headers,
        ...(body && req.method !== 'GET' && req.method !== 'HEAD' ? { body } : {}),
      });
      const text = rewrite(await upstream.text());
      const out: Record<string, string> = {};
      upstream.headers.forEach((v, k) => {
        if (k !== 'content-length' && k !== 'content-encoding' && k !== 'transfer-encoding') out[k] = v;
      });
      res.writeHead(upstream.status, out);
      res.end(text);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    stop: () => new Promise((r) => server.close(() => r())),
  };
}
