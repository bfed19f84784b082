/**
 * The crash test: `confluence-sync push` of a tree, killed with SIGKILL at random moments (the emulator
 * adds latency so kills land while writes are in flight), again and again. After every kill the
 * manifest must still load, and Confluence must hold no duplicate; the next, uninterrupted push must
 * converge (every file a page with its current text, nothing twice) and a push after that writes nothing.
 * Between cycles every file is edited and a few are added, so every kill interrupts creates and updates.
 */
import { join } from 'node:path';
import { loadManifest } from '../../src/sync/state/manifest.js';
import { runCli, spawnCli } from '../helpers/run-cli.js';
import { startSite, type Flavor, type TestSite } from '../helpers/emulator.js';
import { createTempRepo, type TempRepo } from '../helpers/temp-repo.js';

export interface CrashOptions {
  pages: number;
  kills: number;
  seed: number;
  flavor?: Flavor;
  /** Emulator latency per request, so a push takes long enough to be killed mid-run. */
  latencyMs?: number;
  log?: (line: string) => void;
}

export interface CrashTotals {
  kills: number;
  /** Pushes that finished before the kill landed (not counted as kills). */
  finishedBeforeKill: number;
  writesBeforeKills: number;
  reruns: number;
  duplicates: number;
  losses: number;
  corruptManifests: number;
  writesAfterConvergence: number;
  leftoverTempFiles: number;
  problems: string[];
}

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Doc {
  path: string;
  title: string;
  text: string;
}

function pageText(title: string, cycle: number): string {
  return `# ${title}\n\n${title} at cycle C${cycle}.\n\nMore text.\n`;
}

export async function runCrash(options: CrashOptions): Promise<CrashTotals> {
  const random = prng(options.seed);
  const log = options.log ?? (() => undefined);
  const totals: CrashTotals = {
    kills: 0,
    finishedBeforeKill: 0,
    writesBeforeKills: 0,
    reruns: 0,
    duplicates: 0,
    losses: 0,
    corruptManifests: 0,
    writesAfterConvergence: 0,
    leftoverTempFiles: 0,
    problems: [],
  };
  const docs = new Map<string, Doc>();
  for (let n = 0; n < options.pages; n++) {
    const area = Math.floor(n / 10);
    const isIndex = n % 10 === 0;
    const title = isIndex ? `Area ${area}` : `Leaf ${area}-${n % 10}`;
    const path = isIndex ? `docs/area-${area}/index.md` : `docs/area-${area}/leaf-${n % 10}.md`;
    docs.set(path, { path, title, text: pageText(title, 0) });
  }
  const site = await startSite(options.flavor ?? 'cloud');
  const repo = createTempRepo(Object.fromEntries([...docs.values()].map((d) => [d.path, d.text])));
  repo.writeConfig({ ...site.config, concurrentOperations: 4 });
  const push = () => runCli(['push'], { cwd: repo.dir, env: site.env });
  try {
    for (let cycle = 0; totals.kills < options.kills; cycle++) {
      if (cycle > 0) {
        for (const doc of docs.values()) {
          doc.text = pageText(doc.title, cycle);
          repo.write(doc.path, doc.text);
        }
        for (let i = 0; i < 3; i++) {
          const area = Math.floor(random() * Math.ceil(options.pages / 10));
          const title = `Added ${cycle}-${i}`;
          const path = `docs/area-${area}/added-${cycle}-${i}.md`;
          docs.set(path, { path, title, text: pageText(title, cycle) });
          repo.write(path, pageText(title, cycle));
        }
      }
      site.emulator.setFaults({ latencyMs: options.latencyMs ?? 8 });
      site.emulator.resetStats();
      const target = 1 + Math.floor(random() * Math.min(docs.size, 120));
      const { child, done } = await spawnCli(['push'], { cwd: repo.dir, env: site.env });
      let finished = false;
      void done.then(() => (finished = true));
      while (!finished && site.writes() < target) await new Promise((r) => setTimeout(r, 2));
      child.kill('SIGKILL');
      const killed = await done;
      site.emulator.setFaults(null);
      if (killed.signal !== 'SIGKILL') {
        totals.finishedBeforeKill++;
        if (killed.code !== 0)
          totals.problems.push(`cycle ${cycle}: push exited ${killed.code}: ${killed.stderr}`);
      } else {
        totals.kills++;
        totals.writesBeforeKills += site.writes();
      }
      checkAfterKill(repo, site, totals, cycle);

      totals.reruns++;
      const rerun = await push();
      if (rerun.code !== 0)
        totals.problems.push(`cycle ${cycle}: rerun exited ${rerun.code}: ${rerun.stderr.trim()}`);
      checkConverged(repo, site, docs, totals, cycle);
      const before = site.writes();
      const again = await push();
      const extra = site.writes() - before;
      totals.writesAfterConvergence += extra;
      if (again.code !== 0 || extra > 0)
        totals.problems.push(
          `cycle ${cycle}: push after convergence exited ${again.code} with ${extra} writes`,
        );
      log(
        `cycle ${cycle}: ${killed.signal === 'SIGKILL' ? `killed after ${target}+ writes` : 'finished first'}, ` +
          `${totals.kills}/${options.kills} kills, ${totals.problems.length} problems`,
      );
    }
    return totals;
  } finally {
    await site.emulator.stop();
    repo.cleanup();
  }
}

function checkAfterKill(repo: TempRepo, site: TestSite, totals: CrashTotals, cycle: number): void {
  if (repo.exists('.confluence-sync.json')) {
    try {
      loadManifest(join(repo.dir, '.confluence-sync.json'), {
        confluenceUrl: site.config.confluenceUrl,
        spaceKey: 'DOCS',
      });
    } catch (e) {
      totals.corruptManifests++;
      totals.problems.push(`cycle ${cycle}: manifest does not load after the kill: ${(e as Error).message}`);
    }
  } else if (cycle > 0) {
    totals.corruptManifests++;
    totals.problems.push(`cycle ${cycle}: the manifest is gone after the kill`);
  }
  const titles = site.tree().map((p) => p.title.toLowerCase());
  const dupes = titles.length - new Set(titles).size;
  if (dupes > 0) {
    totals.duplicates += dupes;
    totals.problems.push(`cycle ${cycle}: ${dupes} duplicate pages right after the kill`);
  }
}

function checkConverged(
  repo: TempRepo,
  site: TestSite,
  docs: Map<string, Doc>,
  totals: CrashTotals,
  cycle: number,
): void {
  const pages = site.tree();
  const byTitle = new Map<string, (typeof pages)[number][]>();
  for (const p of pages) byTitle.set(p.title, [...(byTitle.get(p.title) ?? []), p]);
  for (const [title, same] of byTitle) {
    if (same.length > 1) {
      totals.duplicates += same.length - 1;
      totals.problems.push(`cycle ${cycle}: "${title}" exists ${same.length} times`);
    }
  }
  if (pages.length !== docs.size)
    totals.problems.push(`cycle ${cycle}: ${pages.length} pages for ${docs.size} files`);
  for (const doc of docs.values()) {
    const page = byTitle.get(doc.title)?.[0];
    const marker = `at cycle C${/C(\d+)\./.exec(doc.text)?.[1]}.`;
    if (!page || !page.body.includes(marker)) {
      totals.losses++;
      totals.problems.push(`cycle ${cycle}: "${doc.title}" ${page ? 'lacks its latest text' : 'is missing'}`);
    }
    if (repo.read(doc.path) !== doc.text) {
      totals.losses++;
      totals.problems.push(`cycle ${cycle}: ${doc.path} was changed by the push`);
    }
  }
  const manifest = repo.manifest();
  const entries = Object.values(manifest.pages);
  if (entries.length !== docs.size)
    totals.problems.push(`cycle ${cycle}: the manifest has ${entries.length} pages for ${docs.size} files`);
  // A kill mid-save leaves a temp file; the next run that saves removes it, so at most one remains.
  const leftovers = repo
    .git('status', '--porcelain', '--untracked-files=all', '--ignored')
    .split('\n')
    .filter((l) => /\.tmp$/.test(l.trim()));
  totals.leftoverTempFiles = Math.max(totals.leftoverTempFiles, leftovers.length);
  if (leftovers.length > 1)
    totals.problems.push(`cycle ${cycle}: temp files pile up: ${leftovers.join(', ')}`);
}

export function formatCrashTotals(name: string, t: CrashTotals): string {
  return [
    `${name}: ${t.kills} kills (${t.writesBeforeKills} writes landed before them), ${t.finishedBeforeKill} pushes finished first, ${t.reruns} reruns`,
    `  duplicates: ${t.duplicates}, losses: ${t.losses}, corrupt or lost manifests: ${t.corruptManifests}, ` +
      `writes after convergence: ${t.writesAfterConvergence}, leftover temp files: ${t.leftoverTempFiles}`,
    ...t.problems.slice(0, 30).map((p) => `  problem: ${p}`),
  ].join('\n');
}
