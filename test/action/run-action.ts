/**
 * Runs the bundled action (`node dist/index.js`) the way the runner does: inputs as INPUT_* (with
 * action.yml's defaults), GITHUB_* variables, an event payload file, and the step summary and output
 * files; returns what a person would see in the log, the summary and the outputs.
 */
import { execFile } from 'node:child_process';
import { buildSync } from 'esbuild';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';

export const ROOT = join(import.meta.dirname, '..', '..');
/** Built per test process into a temp folder: tests never write dist/ (the lead builds it once). */
const BUNDLE = join(mkdtempSync(join(tmpdir(), 'cs-bundle-')), 'index.mjs');
let built = false;

/**
 * Bundles src/action into one file (as ncc does for dist/; Node 20+), with esbuild into a
 * temp folder: the bundled action, not the sources, is what the tests run.
 */
export function ensureBundle(): void {
  if (built) return;
  buildSync({
    entryPoints: [join(ROOT, 'src', 'action', 'index.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // CommonJS dependencies require() Node's modules; an ES module bundle needs a require for them.
    banner: {
      js: "import { createRequire as __csRequire } from 'node:module'; const require = __csRequire(import.meta.url);",
    },
    outfile: BUNDLE,
    logLevel: 'error',
  });
  built = true;
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
    GITHUB_RUN_NUMBER: '1',
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
