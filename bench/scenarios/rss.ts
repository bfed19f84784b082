/**
 * Peak memory of the CLI, run as a user runs it (the bundled `dist/cli/index.js` in its own process),
 * for a no-op sync of a large synced tree. The child reports its own peak RSS on exit
 * (process.resourceUsage().maxRSS, through a tiny preload), so no external tool is needed.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CREDENTIAL_ENV, type BenchSite } from '../site.js';
import { round, seconds, type Row } from '../results.js';
import { ROOT } from './action.js';
import { pageBody } from '../content.js';
import { startSite } from '../site.js';

export const RSS_GOAL_MB = 250;
const MARK = 'bench-max-rss-kb=';
const PRELOAD = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\n${MARK}'+process.resourceUsage().maxRSS+'\\n'))`;

export interface RssFigures {
  /** What ran, for the results table. */
  label: string;
  pages: number;
  maxRssMb: number;
  ms: number;
  requests: number;
  writes: number;
  exitCode: number;
}

/**
 * The CLI bundled from the current source into a temp folder (once per bench run), so the figure
 * is this tree's code with its installed (patched) dependencies, whatever dist/ holds.
 */
let bundled: string | undefined;
function freshCli(): string {
  if (bundled) return bundled;
  const out = mkdtempSync(join(tmpdir(), 'cs-bench-cli-'));
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js'),
      'build',
      join(ROOT, 'src', 'cli', 'index.ts'),
      '-o',
      out,
      '--target',
      'es2022',
      '--quiet',
    ],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  bundled = join(out, 'index.js');
  return bundled;
}

export async function cliPeakRss(site: BenchSite, label?: string): Promise<RssFigures> {
  const cli = freshCli();
  await site.emulator.resetStats();
  const started = performance.now();
  const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', PRELOAD, cli, 'sync'], {
      cwd: site.dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? site.dir,
        NO_COLOR: '1',
        ...CREDENTIAL_ENV,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('close', (c) => resolve({ code: c ?? 1, stderr }));
  });
  const ms = performance.now() - started;
  const stats = await site.emulator.stats();
  const kb = Number(new RegExp(`${MARK}(\\d+)`).exec(stderr)?.[1]);
  if (code !== 0 || !Number.isFinite(kb)) {
    throw new Error(`the CLI exited ${code} without reporting its memory:\n${stderr.slice(-2000)}`);
  }
  return {
    label: label ?? `no-op sync of ${site.pageIds.length.toLocaleString('en-US')} pages`,
    pages: site.pageIds.length,
    maxRssMb: round(kb / 1024),
    ms: round(ms),
    requests: stats.total,
    writes: stats.writes,
    exitCode: code,
  };
}

export function rssRows(f: RssFigures): Row[] {
  return [
    {
      scenario: `CLI peak RSS, ${f.label}`,
      figures: `${f.maxRssMb} MB (process wall time ${seconds(f.ms)}, ${f.requests} requests, ${f.writes} writes)`,
      goal: `< ${RSS_GOAL_MB} MB`,
      met: f.maxRssMb < RSS_GOAL_MB && f.writes === 0,
    },
  ];
}

/** First pull (the CLI's `sync` into an empty folder) of a small tree holding one page of `bytes` storage. */
export async function cliPeakRssLargePage(bytes: number): Promise<RssFigures> {
  const site = await startSite({ pages: 20 });
  try {
    // The seeded pages' body (headings, prose, a list, a code macro, a table), repeated.
    const parts: string[] = [];
    let size = 0;
    for (let n = 1; size < bytes; n++) {
      const part = pageBody(`part ${n}`);
      parts.push(part);
      size += Buffer.byteLength(part);
    }
    const storage = parts.join('');
    await site.emulator.createPage({
      spaceKey: 'DOCS',
      parentId: site.rootId,
      title: 'Large page',
      body: storage,
    });
    const mb = (Buffer.byteLength(storage) / 1e6).toFixed(1);
    return await cliPeakRss(site, `first pull of 21 pages, one of them ${mb} MB of storage`);
  } finally {
    await site.stop();
  }
}
