/**
 * The fault soak: a tree of pages synced again and again against an emulator that fails 10–20 % of
 * requests (429, 5xx, resets, hangs), with random edits on both sides between runs. The soak keeps
 * its own model of what every page must contain (a set of edit tokens like `L12` / `R7`) and, after
 * a final fault-free run, checks both sides against it: no duplicate page, no lost edit, every
 * conflict reported.
 *
 * Edits: a local edit appends a paragraph to the file; a remote edit inserts one after the first
 * paragraph of the page; a "clash" appends on both sides at the same place (a real conflict that the
 * merge strategy must report with markers); creates happen on both sides. A person resolves marker
 * blocks by keeping both sides' lines, as a reviewer would.
 */
import { existsSync } from 'node:fs';
import type { Faults } from '../emulator/index.js';
import type { SyncResult } from '../../src/sync/types.js';
import type { Flavor } from '../helpers/emulator.js';
import { createWorld, type World } from './world.js';

export interface SoakOptions {
  /** Pages in the tree (folders of 20: an index page and 19 leaves). */
  pages: number;
  /** Sync runs with faults (each after a round of edits). */
  rounds: number;
  /** Share of requests that fail, 0..1 (split over 429, 5xx, reset, hang). */
  faultRate: number;
  seed: number;
  flavor?: Flavor;
  /** Progress lines (one per round). */
  log?: (line: string) => void;
}

export interface SoakTotals {
  runs: number;
  failedRuns: number;
  requests: number;
  injectedFaults: number;
  localEdits: number;
  remoteEdits: number;
  localCreates: number;
  remoteCreates: number;
  clashes: number;
  conflictsReported: number;
  /** Clashes never reported as a conflict by the time both sides agreed. */
  unreportedConflicts: number;
  /** Edit tokens missing on a side at the end, plus pages missing on a side. */
  losses: number;
  /** Titles present more than once under the root. */
  duplicates: number;
  /** Tokens on a side that no edit put there (e.g. a resurrected or doubled paragraph). */
  extras: number;
  /** Writes made by a second fault-free run (must be 0: the two sides agree). */
  writesAfterConvergence: number;
  problems: string[];
}

interface ModelPage {
  title: string;
  tokens: Set<string>;
}

const TOKEN = /\b[LR]\d+\b/g;
const MARKER_BLOCK = /^<<<<<<< local\n([\s\S]*?)^=======\n([\s\S]*?)^>>>>>>> confluence\n?/gm;

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

export function tokensOf(text: string): Set<string> {
  return new Set(text.match(TOKEN) ?? []);
}

/** A tree of `pages` pages: folders `area-N/` of an index page and 19 leaves. */
export function soakTree(pages: number): { files: Record<string, string>; titles: string[] } {
  const files: Record<string, string> = {};
  const titles: string[] = [];
  for (let n = 0; n < pages; n++) {
    const area = Math.floor(n / 20);
    const leaf = n % 20;
    if (leaf === 0) {
      files[`docs/area-${area}/index.md`] = `# Area ${area}\n\nOverview of area ${area}.\n`;
      titles.push(`Area ${area}`);
    } else {
      files[`docs/area-${area}/page-${leaf}.md`] =
        `# Page ${area}-${leaf}\n\nFirst paragraph of ${area}-${leaf}.\n\nMiddle paragraph.\n\nLast paragraph.\n`;
      titles.push(`Page ${area}-${leaf}`);
    }
  }
  return { files, titles };
}

/** Keeps both sides' lines of every marker block (local first), as a reviewer resolving by hand would. */
export function resolveMarkers(text: string): string {
  return text.replace(MARKER_BLOCK, (_all, local: string, remote: string) => {
    const lines = [...local.split('\n'), ...remote.split('\n')].filter((l) => l.trim() !== '');
    const seen = new Set<string>();
    const kept = lines.filter((l) => (seen.has(l) ? false : (seen.add(l), true)));
    return `${kept.join('\n\n')}\n`;
  });
}

function faultsFor(rate: number, seed: number): Faults {
  return {
    rate429: rate * 0.35,
    rate5xx: rate * 0.35,
    rateReset: rate * 0.2,
    rateHang: rate * 0.1,
    retryAfterSeconds: 1,
    hangMs: 800,
    seed,
  };
}

export async function runSoak(options: SoakOptions): Promise<SoakTotals> {
  const random = prng(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const log = options.log ?? (() => undefined);
  const totals: SoakTotals = {
    runs: 0,
    failedRuns: 0,
    requests: 0,
    injectedFaults: 0,
    localEdits: 0,
    remoteEdits: 0,
    localCreates: 0,
    remoteCreates: 0,
    clashes: 0,
    conflictsReported: 0,
    unreportedConflicts: 0,
    losses: 0,
    duplicates: 0,
    extras: 0,
    writesAfterConvergence: 0,
    problems: [],
  };
  const tree = soakTree(options.pages);
  const model = new Map<string, ModelPage>(tree.titles.map((t) => [t, { title: t, tokens: new Set() }]));
  const mustConflict = new Set<string>();
  let next = 1;

  // One retry only: faults must regularly get through and stop changes or whole runs midway.
  const world = await createWorld({
    flavor: options.flavor ?? 'cloud',
    files: tree.files,
    config: { conflictStrategy: 'merge' },
    timings: { retries: 1 },
  });
  const { site, repo } = world;
  try {
    const sync = async (faulty: boolean): Promise<SyncResult | undefined> => {
      site.emulator.setFaults(faulty ? faultsFor(options.faultRate, options.seed + totals.runs) : null);
      totals.runs++;
      try {
        const result = await world.run('sync', { strategy: 'merge' });
        if (result.exitCode === 1) totals.failedRuns++;
        for (const c of result.changeSet.changes) {
          if (c.outcome === 'conflict' || c.kind === 'conflict') {
            totals.conflictsReported++;
            mustConflict.delete(c.title);
          }
        }
        return result;
      } catch (e) {
        // A run may stop early (a listing that kept failing): the next run carries on.
        totals.failedRuns++;
        if (!faulty) totals.problems.push(`fault-free run threw: ${(e as Error).message}`);
        return undefined;
      } finally {
        const s = site.emulator.stats();
        totals.requests += s.total;
        totals.injectedFaults += s.faultsInjected;
        site.emulator.resetStats();
        site.emulator.setFaults(null);
      }
    };

    /** Files that are linked in the manifest, by title (the pages both sides know). */
    const linked = (): Map<string, string> => {
      const out = new Map<string, string>();
      if (!repo.exists('.confluence-sync.json')) return out;
      for (const p of Object.values(repo.manifest().pages)) {
        const path = `docs/${p.localPath}`;
        if (existsSync(`${repo.dir}/${path}`)) out.set(p.title, path);
      }
      return out;
    };

    const resolveConflicts = (): void => {
      for (const path of repo.files('docs')) {
        const text = repo.read(path);
        if (text.includes('<<<<<<< local')) repo.write(path, resolveMarkers(text));
      }
    };

    const appendLocal = (path: string, token: string): void => {
      repo.write(path, `${repo.read(path).trimEnd()}\n\n${token} added in git.\n`);
    };
    const editRemote = (title: string, token: string, atEnd: boolean): boolean => {
      const page = site.tree().find((p) => p.title === title);
      if (!page) return false;
      const para = `<p>${token} added in Confluence.</p>`;
      const cut = page.body.indexOf('</p>');
      const body =
        atEnd || cut < 0
          ? `${page.body}${para}`
          : `${page.body.slice(0, cut + 4)}${para}${page.body.slice(cut + 4)}`;
      site.emulator.editPage(page.id, { body });
      return true;
    };

    await sync(true);
    for (let round = 1; round <= options.rounds; round++) {
      resolveConflicts();
      const both = linked();
      const titles = [...both.keys()].filter((t) => model.has(t));
      const edits = Math.max(2, Math.round(options.pages * 0.04));
      for (let i = 0; i < edits && titles.length > 0; i++) {
        const title = pick(titles);
        const token = `L${next++}`;
        appendLocal(both.get(title)!, token);
        model.get(title)!.tokens.add(token);
        totals.localEdits++;
      }
      for (let i = 0; i < edits && titles.length > 0; i++) {
        const title = pick(titles);
        const token = `R${next++}`;
        if (!editRemote(title, token, false)) continue;
        model.get(title)!.tokens.add(token);
        totals.remoteEdits++;
      }
      const clashes = Math.max(1, Math.round(options.pages * 0.01));
      for (let i = 0; i < clashes && titles.length > 0; i++) {
        const title = pick(titles);
        const path = both.get(title)!;
        // A clash is only certain when both sides agree right now (nothing pending from an earlier round).
        const page = site.tree().find((p) => p.title === title);
        if (!page) continue;
        const inSync = sameTokens(tokensOf(repo.read(path)), tokensOf(page.body));
        const local = `L${next++}`;
        const remote = `R${next++}`;
        appendLocal(path, local);
        editRemote(title, remote, true);
        model.get(title)!.tokens.add(local);
        model.get(title)!.tokens.add(remote);
        if (inSync && !repo.read(path).includes('<<<<<<<')) mustConflict.add(title);
        totals.clashes++;
      }
      const area = Math.floor(random() * Math.ceil(options.pages / 20));
      const localNew = `L${next++}`;
      repo.write(
        `docs/area-${area}/new-${localNew.toLowerCase()}.md`,
        `# New ${localNew}\n\n${localNew} created in git.\n`,
      );
      model.set(`New ${localNew}`, { title: `New ${localNew}`, tokens: new Set([localNew]) });
      totals.localCreates++;
      const areaPage = site.tree().find((p) => p.title === `Area ${area}`);
      if (areaPage) {
        const remoteNew = `R${next++}`;
        site.emulator.createPage({
          spaceKey: 'DOCS',
          parentId: areaPage.id,
          title: `New ${remoteNew}`,
          body: `<p>${remoteNew} created in Confluence.</p>`,
        });
        model.set(`New ${remoteNew}`, { title: `New ${remoteNew}`, tokens: new Set([remoteNew]) });
        totals.remoteCreates++;
      }
      const result = await sync(true);
      log(
        `round ${round}/${options.rounds}: exit ${result?.exitCode ?? 'threw'}, ` +
          `${totals.injectedFaults} faults so far, ${totals.conflictsReported} conflicts so far`,
      );
    }

    // Fault-free: run until a run reports no conflict (a person resolves markers between runs).
    for (let i = 0; i < 4; i++) {
      resolveConflicts();
      const result = await sync(false);
      if (result?.exitCode === 0) break;
      if (i === 3) totals.problems.push(`fault-free runs did not converge (last exit ${result?.exitCode})`);
    }
    const before = site.writes();
    const settle = await sync(false);
    totals.writesAfterConvergence = site.writes() - before;
    if (settle?.exitCode !== 0)
      totals.problems.push(`settling run exited ${settle?.exitCode ?? 'with a throw'}`);

    check(world, model, totals);
    totals.unreportedConflicts = mustConflict.size;
    for (const t of mustConflict) totals.problems.push(`clash on "${t}" was never reported as a conflict`);
    return totals;
  } finally {
    await world.stop();
  }
}

function sameTokens(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((t) => b.has(t));
}

/** Both sides against the model: pages, duplicates, tokens, leftovers. */
function check(world: World, model: Map<string, ModelPage>, totals: SoakTotals): void {
  const { site, repo } = world;
  const pages = site.tree();
  const count = new Map<string, number>();
  for (const p of pages) count.set(p.title, (count.get(p.title) ?? 0) + 1);
  for (const [title, n] of count) {
    if (n > 1) {
      totals.duplicates += n - 1;
      totals.problems.push(`"${title}" exists ${n} times in Confluence`);
    }
    if (!model.has(title)) totals.problems.push(`unexpected page "${title}" in Confluence`);
  }
  const manifest = repo.manifest();
  const fileOf = new Map(Object.values(manifest.pages).map((p) => [p.title, `docs/${p.localPath}`]));
  const tracked = new Set(fileOf.values());
  for (const file of repo.files('docs')) {
    if (!tracked.has(file)) totals.problems.push(`file ${file} is not in the manifest`);
  }
  for (const [title, expected] of model) {
    const page = pages.find((p) => p.title === title);
    const file = fileOf.get(title);
    const sides: [string, string | undefined][] = [
      ['Confluence', page?.body],
      ['git', file && repo.exists(file) ? repo.read(file) : undefined],
    ];
    for (const [side, text] of sides) {
      if (text === undefined) {
        totals.losses++;
        totals.problems.push(`"${title}" is missing in ${side}`);
        continue;
      }
      if (text.includes('<<<<<<<') || text.includes('&lt;&lt;&lt;&lt;')) {
        totals.problems.push(`"${title}" still has conflict markers in ${side}`);
      }
      const have = tokensOf(text);
      for (const t of expected.tokens) {
        if (!have.has(t)) {
          totals.losses++;
          totals.problems.push(`edit ${t} of "${title}" is lost in ${side}`);
        }
      }
      for (const t of have) {
        if (!expected.tokens.has(t)) {
          totals.extras++;
          totals.problems.push(`${side} has ${t} on "${title}", which no edit put there`);
        }
      }
    }
  }
}

export function formatTotals(name: string, t: SoakTotals): string {
  return [
    `${name}: ${t.runs} runs (${t.failedRuns} stopped by faults), ${t.requests} requests, ${t.injectedFaults} injected faults`,
    `  edits: ${t.localEdits} local, ${t.remoteEdits} remote, ${t.clashes} clashes, ${t.localCreates} local creates, ${t.remoteCreates} remote creates`,
    `  conflicts reported: ${t.conflictsReported} (unreported clashes: ${t.unreportedConflicts})`,
    `  losses: ${t.losses}, duplicates: ${t.duplicates}, extras: ${t.extras}, writes after convergence: ${t.writesAfterConvergence}`,
    ...t.problems.slice(0, 30).map((p) => `  problem: ${p}`),
  ].join('\n');
}
