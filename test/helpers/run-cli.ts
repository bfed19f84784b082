/**
 * Runs the CLI as a separate process, exactly as a user would (`confluence-sync …`). The CLI is
 * bundled from the TypeScript sources once per test process (esbuild, ~0.1 s) so that each run
 * costs a plain `node` start instead of a TypeScript loader: the e2e suite runs it ~100 times.
 * Secrets travel in the environment, like in real use.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

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

export async function runCli(args: readonly string[], options: CliOptions): Promise<CliRun> {
  return (await spawnCli(args, options)).done;
}
