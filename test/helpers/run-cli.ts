/**
 * Runs the CLI two ways. `runCliProcess`/`spawnCli`: a separate process, exactly as a user would
 * (`confluence-sync …`); the CLI is bundled from the TypeScript sources once per test process
 * (esbuild, ~0.1 s) so that each run costs a plain `node` start instead of a TypeScript loader.
 * `runCli`: the same `main()` in this process with the same arguments, environment and folder,
 * for suites that run it hundreds of times (a process costs ~0.7 s of CPU, most of it starting
 * node and running cold code; CI ran the CLI ~490 times). The two are the same program because
 * nothing under src/ but the entry points reads process.env, process.cwd() or exits (a lint rule
 * keeps it so); a write relative to the process's own folder is caught (see `trapped`). The
 * secrets suite, the Cloud end-to-end scenarios, kills, races and unprivileged runs use processes.
 * Secrets travel in the environment, like in real use.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { main } from '../../src/cli/main.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
let bundled: Promise<string> | undefined;

/** The CLI and its dependencies as one ESM file (cached by content hash in node_modules/.cache). */
export function cliBundle(): Promise<string> {
  bundled ??= (async () => {
    const result = await build({
      entryPoints: [join(REPO, 'src/cli/index.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // CommonJS dependencies inside an ESM bundle still call require() for Node built-ins.
      banner: {
        js: "import { createRequire as __csRequire } from 'node:module'; const require = __csRequire(import.meta.url);",
      },
      write: false,
      logLevel: 'error',
    });
    const code = result.outputFiles[0]!.contents;
    const dir = join(REPO, 'node_modules/.cache/confluence-sync-e2e');
    const file = join(dir, `cli-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
    if (!existsSync(file)) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, code);
    }
    return file;
  })();
  return bundled;
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd: string;
  env?: Record<string, string>;
}

/** Environment with nothing from the test runner that could change the CLI's behaviour. */
function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'SYSTEMROOT', 'LANG'];
  const env: NodeJS.ProcessEnv = { NO_COLOR: '1' };
  for (const key of keep) if (process.env[key] !== undefined) env[key] = process.env[key];
  return { ...env, ...extra };
}

export async function spawnCli(
  args: readonly string[],
  options: CliOptions,
): Promise<{ child: ChildProcess; done: Promise<CliRun> }> {
  const child = spawn(process.execPath, [await cliBundle(), ...args], {
    cwd: options.cwd,
    env: cliEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<CliRun>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** The CLI as a separate process. */
export async function runCliProcess(args: readonly string[], options: CliOptions): Promise<CliRun> {
  return (await spawnCli(args, options)).done;
}

/** The CLI's main() in this process: what a process would print and exit with. */
export async function runCli(args: readonly string[], options: CliOptions): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env: cliEnv(options.env),
    cwd: options.cwd,
  };
  const code = await trapped(() => main([...args], io));
  return { code, signal: null, stdout, stderr };
}

let running = 0;
let trap: { dir: string; previous: string } | undefined;

/**
 * While main() runs, this process's working folder is an empty folder of its own: a path resolved
 * against process.cwd() instead of the repository would write there (a process would write into the
 * repository). Anything found there afterwards fails the run.
 */
async function trapped<T>(run: () => Promise<T>): Promise<T> {
  if (running++ === 0) {
    trap = { dir: mkdtempSync(join(tmpdir(), 'cs-cwd-trap-')), previous: process.cwd() };
    process.chdir(trap.dir);
  }
  const outcome = await run().then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (--running === 0 && trap) {
    const { dir, previous } = trap;
    trap = undefined;
    process.chdir(previous);
    const left = readdirSync(dir);
    rmSync(dir, { recursive: true, force: true });
    if (left.length)
      throw new Error(`the CLI wrote ${left.join(', ')} relative to the process's working folder`);
  }
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
