/**
 * `npm run bench [-- --quick] [--only noop,transfer,rate,first-push,action,rss,convert] [--convert-sweep] [--profile]`
 *
 * Runs every scenario against the emulator (a child process), writes bench/results.json and
 * bench/results.md, and prints the table. Figures that miss a goal are marked; the run still
 * completes so the whole picture is reported. Exit code 1 when a scenario broke (wrong result).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { actionNoop, actionRows } from './scenarios/action.js';
import { convertSweep, pageThroughput, pageThroughputRows, sweepRows } from './scenarios/converter.js';
import { firstPush, firstPushRows } from './scenarios/first-push.js';
import { noopRows, noopSync, type NoopFigures } from './scenarios/noop.js';
import { pushAndPull, transferRows } from './scenarios/push-pull.js';
import { rateLimited, rateLimitRows } from './scenarios/rate-limit.js';
import { cliPeakRss, cliPeakRssLargePage, rssRows } from './scenarios/rss.js';
import { largePageRows, largePages } from './scenarios/large-pages.js';
import { profileMarkdown } from './profile.js';
import { machine, markdownTable, resultsMarkdown, round, type Results, type Row } from './results.js';

const SCENARIOS = ['noop', 'transfer', 'rate', 'action', 'rss', 'first-push', 'convert'] as const;
type Scenario = (typeof SCENARIOS)[number];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    only: { type: 'string' },
    out: { type: 'string' },
    'convert-sweep': { type: 'boolean' },
    profile: { type: 'boolean' },
  },
});
const quick = values.quick === true;
const only = new Set<Scenario>(
  (values.only?.split(',').map((s) => s.trim()) ?? [...SCENARIOS]).map((s) => {
    if (!(SCENARIOS as readonly string[]).includes(s))
      throw new Error(`unknown scenario ${s}; use ${SCENARIOS.join(', ')}`);
    return s as Scenario;
  }),
);
const want = (s: Scenario) => only.has(s);
const outDir = values.out ?? import.meta.dirname;
mkdirSync(outDir, { recursive: true });

const sizes = quick ? [100, 500, 1000] : [100, 1_000, 5_000];
const transferN = quick ? 50 : 200;
const firstPushSize = quick ? { pages: 300, images: 60 } : { pages: 1_000, images: 200 };

const started = performance.now();
const results: Results = {
  startedAt: new Date().toISOString(),
  command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
  quick,
  machine: machine(),
  rows: [],
  raw: {},
};
const rows: Row[] = [];
const appendix: NonNullable<Results['appendix']> = [];
let broken = false;
const log = (line: string) =>
  process.stderr.write(`[bench ${round((performance.now() - started) / 1000)} s] ${line}\n`);

async function step(name: string, fn: () => Promise<void>): Promise<void> {
  log(`${name}…`);
  try {
    await fn();
  } catch (e) {
    broken = true;
    rows.push({
      scenario: name,
      figures: `FAILED: ${(e as Error).message.split('\n')[0]}`,
      goal: '',
      met: false,
    });
    results.raw[name] = { error: (e as Error).stack ?? String(e) };
    log(`${name} FAILED: ${(e as Error).stack ?? String(e)}`);
  }
}

const noops: NoopFigures[] = [];
const noopSizes =
  want('noop') || want('transfer') || want('rate') || want('action') || want('rss') ? sizes : [];
for (const pages of noopSizes) {
  const large = pages === sizes[sizes.length - 1];
  const mid = pages === sizes[1];
  if (
    !want('noop') &&
    !(mid && (want('transfer') || want('rate') || want('action'))) &&
    !(large && want('rss'))
  )
    continue;
  await step(`No-op sync, ${pages} pages`, async () => {
    const { figures, site } = await noopSync(pages, 3);
    noops.push(figures);
    try {
      if (mid && want('action')) {
        await step('Action', async () => {
          const action = await actionNoop(site, 3);
          results.raw.action = action;
          rows.push(...actionRows(action));
        });
      }
      if (mid && want('transfer')) {
        await step('Push and pull', async () => {
          const profileDir = values.profile ? join(outDir, 'profiles') : undefined;
          if (profileDir) {
            mkdirSync(profileDir, { recursive: true });
            writeFileSync(join(profileDir, '.gitignore'), '*\n');
          }
          const { push, pull, profiles } = await pushAndPull(
            site,
            transferN,
            profileDir ? { profileDir } : {},
          );
          results.raw.push = push;
          results.raw.pull = pull;
          for (const [mode, summary] of Object.entries(profiles)) {
            results.raw[`${mode}Profile`] = summary;
            appendix.push({
              title: `CPU profile of the engine's ${mode}`,
              body: profileMarkdown(mode, summary),
            });
          }
          rows.push(...transferRows(push, pull));
        });
      }
      if (mid && want('rate')) {
        await step('Rate limiting', async () => {
          const rate = await rateLimited(site, transferN, 2 * transferN);
          results.raw.rateLimit = rate;
          rows.push(...rateLimitRows(rate));
          if (!rate.correct) broken = true;
        });
      }
      if (large && want('rss')) {
        await step('CLI peak RSS', async () => {
          const rss = await cliPeakRss(site);
          results.raw.rss = rss;
          rows.push(...rssRows(rss));
        });
      }
    } finally {
      await site.stop();
    }
  });
}
// Data Center: the same no-op and transfer on a tree of the middle size, through the v1 client.
if (want('noop') || want('transfer')) {
  await step(`No-op sync, ${sizes[1]} pages, Data Center`, async () => {
    const { figures, site } = await noopSync(sizes[1]!, 3, 'datacenter');
    noops.push(figures);
    try {
      if (want('transfer')) {
        await step('Push and pull, Data Center', async () => {
          const { push, pull } = await pushAndPull(site, transferN);
          results.raw.pushDataCenter = push;
          results.raw.pullDataCenter = pull;
          rows.push(...transferRows(push, pull));
        });
      }
    } finally {
      await site.stop();
    }
  });
}
if (want('noop')) {
  results.raw.noop = noops;
  rows.unshift(...noopRows(noops));
}

if (want('first-push')) {
  await step('First push', async () => {
    const f = await firstPush(firstPushSize.pages, firstPushSize.images);
    results.raw.firstPush = f;
    rows.push(...firstPushRows(f));
  });
}

if (want('rss')) {
  await step('CLI peak RSS, one 5 MB page', async () => {
    const rss = await cliPeakRssLargePage(5_000_000);
    results.raw.rssLargePage = rss;
    rows.push(...rssRows(rss));
  });
}

if (want('convert')) {
  await step('Large pages', async () => {
    const large = largePages(quick);
    results.raw.largePages = large;
    rows.push(...largePageRows(large));
  });
  await step('Converter throughput', async () => {
    const pages = pageThroughput(quick ? 200 : 1_000);
    results.raw.converter = pages;
    rows.push(...pageThroughputRows(pages));
    if (values['convert-sweep']) {
      const sweep = await convertSweep();
      results.raw.convertSweep = sweep;
      appendix.push({ title: 'Converter sweep (bench/convert.ts, same run)', body: sweep.table });
      rows.push(...sweepRows(sweep));
    }
  });
}

/** The table reads like the issue: no-op, push/pull, first push, rate limits, action, memory, converter. */
const ORDER = [
  'No-op',
  'Push',
  'Pull',
  'First push',
  'Second push',
  'Rate',
  'Action',
  'Bundle',
  'CLI',
  'Converter',
];
const rank = (r: Row) => {
  const i = ORDER.findIndex((p) => r.scenario.startsWith(p));
  return i < 0 ? ORDER.length : i;
};
results.rows = rows
  .map((r, i) => ({ r, i }))
  .sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i)
  .map((x) => x.r);
results.appendix = appendix;
results.machine.loadEnd = round(loadavg()[0] ?? 0, 2);
results.durationSeconds = round((performance.now() - started) / 1000);
writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(outDir, 'results.md'), resultsMarkdown(results));
process.stdout.write(
  `\n${markdownTable(results.rows)}\nTook ${results.durationSeconds} s. Wrote bench/results.json and bench/results.md.\n`,
);
if (broken) process.exitCode = 1;
