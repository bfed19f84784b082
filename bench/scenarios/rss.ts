/**
 * Peak memory of the CLI, run as a user runs it (the bundled `dist/cli/index.js` in its own process),
 * for a no-op sync of a large synced tree. The child reports its own peak RSS on exit
 * (process.resourceUsage().maxRSS, through a tiny preload), so no external tool is needed.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { CREDENTIAL_ENV, type BenchSite } from '../site.js';
import { round, seconds, type Row } from '../results.js';
import { ROOT, ensureBundles } from './action.js';

export const RSS_GOAL_MB = 250;
const MARK = 'bench-max-rss-kb=';
const PRELOAD = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\n${MARK}'+process.resourceUsage().maxRSS+'\\n'))`;

export interface RssFigures {
  pages: number;
  maxRssMb: number;
  ms: number;
  requests: number;
  writes: number;
  exitCode: number;
}

export async function cliPeakRss(site: BenchSite): Promise<RssFigures> {
  ensureBundles();
  await site.emulator.resetStats();
  const started = performance.now();
  const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', PRELOAD, join(ROOT, 'dist', 'cli', 'index.js'), 'sync'],
      {
        cwd: site.dir,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? site.dir,
          NO_COLOR: '1',
          ...CREDENTIAL_ENV,
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
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
      scenario: `CLI peak RSS, no-op sync of ${f.pages.toLocaleString('en-US')} pages`,
      figures: `${f.maxRssMb} MB (process wall time ${seconds(f.ms)}, ${f.requests} requests, ${f.writes} writes)`,
      goal: `< ${RSS_GOAL_MB} MB`,
      met: f.maxRssMb < RSS_GOAL_MB && f.writes === 0,
    },
  ];
}
