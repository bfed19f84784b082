/**
 * apply through runSync against the in-process emulator, with the real client wrapped to observe
 * (and occasionally sabotage) the calls: ordering, concurrency, per-change manifest saves, 409s.
 */
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SyncConfig } from '../../../src/config/types.js';
import type { ConfluenceClient, CreatePageInput, UpdatePageInput } from '../../../src/confluence/types.js';
import { SyncError } from '../../../src/errors.js';
import { runSync } from '../../../src/sync/engine.js';
import { saveManifestAsync } from '../../../src/sync/state/index.js';
import { useApplyWorld } from './world.js';

const world = useApplyWorld('apply');
const { write } = world;
const config = (overrides: Partial<SyncConfig> = {}) => world.config(overrides);
const realClient = (): ConfluenceClient => world.client();

/** The real client with some methods replaced. */
function wrap(overrides: (inner: ConfluenceClient) => Partial<ConfluenceClient>): ConfluenceClient {
  const inner = realClient();
  const replaced = overrides(inner);
  return new Proxy(inner, {
    get(target, key, receiver) {
      if (key in replaced) return replaced[key as keyof ConfluenceClient];
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const manifestPages = (): Record<string, { title: string; version: number; localPath: string }> =>
  existsSync(join(world.dir, '.confluence-sync.json'))
    ? JSON.parse(readFileSync(join(world.dir, '.confluence-sync.json'), 'utf8')).pages
    : {};

describe('apply', () => {
  it('creates parents before children, with at most concurrentOperations calls in flight', async () => {
    for (const folder of ['a', 'b', 'c']) {
      write(`${folder}/index.md`, `# Folder ${folder}\n`);
      for (let i = 1; i <= 4; i++) write(`${folder}/p${i}.md`, `# Page ${folder}${i}\n\nText.\n`);
    }
    let inFlight = 0;
    let maxInFlight = 0;
    const created = new Set<string>([world.rootId]);
    const client = wrap((inner) => ({
      async createPage(input: CreatePageInput) {
        expect(created.has(input.parentId!), `parent of ${input.title} exists before it`).toBe(true);
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        try {
          const page = await inner.createPage(input);
          created.add(page.id);
          return page;
        } finally {
          inFlight--;
        }
      },
    }));
    const result = await runSync(config(), { mode: 'push' }, { client });
    expect(result.exitCode).toBe(0);
    expect(result.changeSet.changes.every((c) => c.outcome === 'applied')).toBe(true);
    expect(maxInFlight).toBe(3);
    expect(Object.keys(manifestPages())).toHaveLength(15);
  });

  it('saves the manifest after each applied change, and reports a change done only once it is on disk', async () => {
    for (let i = 1; i <= 6; i++) write(`p${i}.md`, `# Page ${i}\n`);
    const onDiskWhenDone: boolean[] = [];
    const result = await runSync(
      config({ concurrentOperations: 2 }),
      {
        mode: 'push',
        onProgress: (event) => {
          if (event.phase !== 'apply') return;
          const titles = Object.values(manifestPages()).map((p) => p.title);
          onDiskWhenDone.push(titles.includes(event.message ?? ''));
        },
      },
      {
        client: realClient(),
        // A slow disk: the slot is free long before the save that carries the change is done.
        saveManifest: async (path, manifest) => {
          await new Promise((r) => setTimeout(r, 40));
          await saveManifestAsync(path, manifest);
        },
      },
    );
    expect(result.changeSet.changes.every((c) => c.outcome === 'applied')).toBe(true);
    expect(onDiskWhenDone).toEqual([true, true, true, true, true, true]);
  });

  it('frees the concurrency slot while the manifest save runs (the next page write starts meanwhile)', async () => {
    for (let i = 1; i <= 4; i++) write(`p${i}.md`, `# Page ${i}\n`);
    let saving = 0;
    const writesDuringSave: boolean[] = [];
    const client = wrap((inner) => ({
      async createPage(input: CreatePageInput) {
        await new Promise((r) => setTimeout(r, 20)); // a request's latency
        writesDuringSave.push(saving > 0);
        return inner.createPage(input);
      },
    }));
    const result = await runSync(
      config({ concurrentOperations: 1 }),
      { mode: 'push' },
      {
        client,
        saveManifest: async (path, manifest) => {
          saving++;
          await new Promise((r) => setTimeout(r, 80));
          await saveManifestAsync(path, manifest);
          saving--;
        },
      },
    );
    expect(result.exitCode).toBe(0);
    expect(writesDuringSave.filter(Boolean).length).toBeGreaterThanOrEqual(2);
  });

  it('turns a stale version (409) into a conflict for that page and applies the rest', async () => {
    write('one.md', '# One\n\nv1\n');
    write('two.md', '# Two\n\nv1\n');
    await runSync(config(), { mode: 'push' }, { client: realClient() });
    write('one.md', '# One\n\nv2 local\n');
    write('two.md', '# Two\n\nv2 local\n');
    const client = wrap((inner) => ({
      updatePage(input: UpdatePageInput) {
        // Someone saves "One" in Confluence between our listing and our write.
        if (input.title === 'One') world.emulator.editPage(input.id, { body: '<p>edited meanwhile</p>' });
        return inner.updatePage(input);
      },
    }));
    const result = await runSync(config(), { mode: 'push' }, { client });
    expect(result.exitCode).toBe(2);
    const byTitle = Object.fromEntries(result.changeSet.changes.map((c) => [c.title, c]));
    expect(byTitle.One?.outcome).toBe('conflict');
    expect(byTitle.One?.conflict?.detail).toMatch(/changed in Confluence/);
    expect(byTitle.Two?.outcome).toBe('applied');
    const pages = world.emulator.pages('DOCS');
    expect(pages.find((p) => p.title === 'One')?.body).toBe('<p>edited meanwhile</p>');
    expect(pages.find((p) => p.title === 'Two')?.body).toContain('v2 local');
    // The manifest still holds One's old version, so the next run sees both sides changed.
    const one = Object.values(manifestPages()).find((p) => p.title === 'One');
    expect(one?.version).toBe(1);
  });

  it('stops at a credentials failure and marks what is left skipped', async () => {
    for (let i = 1; i <= 5; i++) write(`p${i}.md`, `# Page ${i}\n`);
    let calls = 0;
    const client = wrap((inner) => ({
      createPage(input: CreatePageInput) {
        calls++;
        if (calls === 2) throw new SyncError('CS-001', 'Confluence rejected the credentials.');
        return inner.createPage(input);
      },
    }));
    const result = await runSync(config({ concurrentOperations: 1 }), { mode: 'push' }, { client });
    expect(result.exitCode).toBe(1);
    expect(result.changeSet.changes.map((c) => c.outcome)).toEqual([
      'applied',
      'failed',
      'skipped',
      'skipped',
      'skipped',
    ]);
    expect(calls).toBe(2);
    expect(Object.keys(manifestPages())).toHaveLength(1);
  });

  it('reports a title taken outside the synced tree, and skips the pages under it', async () => {
    // "Docs Home" is the space's home page, outside the tree under Root.
    write('home/index.md', '# Docs Home\n');
    write('home/child.md', '# Child\n');
    write('other.md', '# Other\n');
    const result = await runSync(config(), { mode: 'push' }, { client: realClient() });
    expect(result.exitCode).toBe(1);
    const byTitle = Object.fromEntries(result.changeSet.changes.map((c) => [c.title, c]));
    expect(byTitle['Docs Home']).toMatchObject({ outcome: 'failed', error: { code: 'CS-010' } });
    expect(byTitle['Docs Home']?.error?.message).toMatch(/home\/index\.md/);
    expect(byTitle.Child).toMatchObject({ outcome: 'skipped', error: { code: 'CS-010' } });
    expect(byTitle.Child?.error?.message).toMatch(/parent page \(home\/index\.md\) was not created/);
    expect(byTitle.Other?.outcome).toBe('applied');
    expect(world.emulator.pages('DOCS').filter((p) => p.title === 'Docs Home')).toHaveLength(1);
  });

  it('links a page created by a run that died before saving the manifest (adopt), writing nothing', async () => {
    write('guide.md', '# Guide\n\nSame text.\n');
    await runSync(config(), { mode: 'push' }, { client: realClient() });
    rmSync(join(world.dir, '.confluence-sync.json'));
    world.emulator.resetStats();
    const result = await runSync(config(), { mode: 'push' }, { client: realClient() });
    expect(result.exitCode).toBe(0);
    expect(result.changeSet.changes.map((c) => [c.kind, c.outcome])).toEqual([['adopt', 'applied']]);
    expect(world.emulator.stats().writes).toBe(0);
    expect(world.emulator.pages('DOCS').filter((p) => p.title === 'Guide')).toHaveLength(1);
    expect(Object.values(manifestPages()).map((p) => p.title)).toEqual(['Guide']);
  });

  it('adopts a page whose body lacks the heading the local file takes its title from, writing nothing', async () => {
    world.emulator.createPage({
      spaceKey: 'DOCS',
      parentId: world.rootId,
      title: 'Guide',
      body: '<p>Same text.</p>',
    });
    write('guide.md', '# Guide\n\nSame text.\n');
    world.emulator.resetStats();
    const result = await runSync(config(), { mode: 'push' }, { client: realClient() });
    expect(result.changeSet.changes.map((c) => [c.kind, c.outcome])).toEqual([['adopt', 'applied']]);
    expect(world.emulator.stats().writes).toBe(0);
    expect(readFileSync(join(world.dir, 'docs/guide.md'), 'utf8')).toBe('# Guide\n\nSame text.\n');
  });

  it('pulls a new page as `# title` + body, and a page whose body starts with its own heading keeps it', async () => {
    world.emulator.createPage({
      spaceKey: 'DOCS',
      parentId: world.rootId,
      title: 'FAQ',
      body: '<p>Ask.</p>',
    });
    world.emulator.createPage({
      spaceKey: 'DOCS',
      parentId: world.rootId,
      title: 'Book',
      body: '<h1>Part one</h1><p>Text.</p>',
    });
    await runSync(config(), { mode: 'pull' }, { client: realClient() });
    expect(readFileSync(join(world.dir, 'docs/FAQ.md'), 'utf8')).toBe('# FAQ\n\nAsk.\n');
    expect(readFileSync(join(world.dir, 'docs/Book.md'), 'utf8')).toBe('# Book\n\n# Part one\n\nText.\n');
    world.emulator.resetStats();
    const quiet = await runSync(config(), { mode: 'sync' }, { client: realClient() });
    expect(quiet.changeSet.changes).toEqual([]);
    expect(world.emulator.stats().writes).toBe(0);
  });

  it('a page whose new version says what the file says keeps the file as written; a changed body is pulled', async () => {
    const own = '# Notes\n\n* one\n* _two_\n\nSee   this.\n';
    write('notes.md', own);
    await runSync(config(), { mode: 'push' }, { client: realClient() });
    const page = world.emulator.pages('DOCS').find((p) => p.title === 'Notes')!;
    // A new version with the same body (a restore, a re-save): the file keeps its own spelling.
    world.emulator.editPage(page.id, { body: page.body });
    const same = await runSync(config(), { mode: 'pull' }, { client: realClient() });
    expect(same.changeSet.changes.map((c) => [c.kind, c.outcome])).toEqual([['update-local', 'applied']]);
    expect(readFileSync(join(world.dir, 'docs/notes.md'), 'utf8')).toBe(own);
    // A body edited in Confluence is pulled as the page says it.
    world.emulator.editPage(page.id, { body: page.body.replace('two', 'three') });
    await runSync(config(), { mode: 'pull' }, { client: realClient() });
    expect(readFileSync(join(world.dir, 'docs/notes.md'), 'utf8')).toBe(
      '# Notes\n\n- one\n- *three*\n\nSee   this.\n',
    );
  });

  it('a file that names its page in front matter keeps front matter when pulled', async () => {
    write('ops.md', '---\ntitle: Ops\n---\n\n# Runbook\n\nStep.\n');
    await runSync(config(), { mode: 'push' }, { client: realClient() });
    const page = world.emulator.pages('DOCS').find((p) => p.title === 'Ops')!;
    expect(page.body).toBe('<h1>Runbook</h1><p>Step.</p>');
    world.emulator.editPage(page.id, { body: '<h1>Runbook</h1><p>Step two.</p>' });
    await runSync(config(), { mode: 'pull' }, { client: realClient() });
    expect(readFileSync(join(world.dir, 'docs/ops.md'), 'utf8')).toBe(
      '---\ntitle: Ops\n---\n\n# Runbook\n\nStep two.\n',
    );
  });

  it('a pull killed after writing files but before saving the manifest converges on the next pull', async () => {
    const guide = world.emulator.createPage({
      spaceKey: 'DOCS',
      parentId: world.rootId,
      title: 'Guide',
      body: '<p>Guide.</p>',
    });
    world.emulator.createPage({
      spaceKey: 'DOCS',
      parentId: guide.id,
      title: 'Setup',
      body: '<p>Run it.</p>',
    });
    world.emulator.createPage({
      spaceKey: 'DOCS',
      parentId: world.rootId,
      title: 'FAQ',
      body: '<p>Ask.</p>',
    });
    const manifestFile = join(world.dir, '.confluence-sync.json');
    const files = () => readdirSync(join(world.dir, 'docs'), { recursive: true }).map(String).sort();

    await runSync(config(), { mode: 'pull' }, { client: realClient() });
    const pulled = files();
    expect(pulled).toEqual(['FAQ.md', 'Guide', 'Guide/Setup.md', 'Guide/index.md']);

    // Killed before the first manifest save: files on disk, no manifest.
    rmSync(manifestFile);
    world.emulator.resetStats();
    const again = await runSync(config(), { mode: 'pull' }, { client: realClient() });
    expect(again.exitCode).toBe(0);
    expect(again.changeSet.changes.map((c) => [c.kind, c.outcome])).toEqual([
      ['adopt', 'applied'],
      ['adopt', 'applied'],
      ['adopt', 'applied'],
    ]);
    expect(files()).toEqual(pulled);
    expect(Object.keys(manifestPages())).toHaveLength(3);

    // Killed after writing an updated file, before its manifest save: the old manifest is back.
    const before = readFileSync(manifestFile, 'utf8');
    const setup = world.emulator.pages('DOCS').find((p) => p.title === 'Setup')!;
    world.emulator.editPage(setup.id, { body: '<p>Run it twice.</p>' });
    await runSync(config(), { mode: 'pull' }, { client: realClient() });
    const updated = readFileSync(join(world.dir, 'docs/Guide/Setup.md'), 'utf8');
    writeFileSync(manifestFile, before);
    const resumed = await runSync(config(), { mode: 'pull' }, { client: realClient() });
    expect(resumed.exitCode).toBe(0);
    expect(resumed.changeSet.changes.map((c) => [c.kind, c.outcome])).toEqual([['conflict', 'applied']]);
    expect(readFileSync(join(world.dir, 'docs/Guide/Setup.md'), 'utf8')).toBe(updated);
    expect(Object.values(manifestPages()).find((p) => p.title === 'Setup')?.version).toBe(2);
    expect(world.emulator.stats().writes).toBe(0);
    const quiet = await runSync(config(), { mode: 'sync' }, { client: realClient() });
    expect(quiet.changeSet.changes).toEqual([]);
  });

  it('a folder page moved in Confluence moves its whole folder; the children keep their pages', async () => {
    const guide = world.emulator.createPage({
      spaceKey: 'DOCS',
      parentId: world.rootId,
      title: 'Guide',
      body: '<p>Guide.</p>',
    });
    const setup = world.emulator.createPage({
      spaceKey: 'DOCS',
      parentId: guide.id,
      title: 'Setup',
      body: '<p>Run.</p>',
    });
    const archive = world.emulator.createPage({
      spaceKey: 'DOCS',
      parentId: world.rootId,
      title: 'Archive',
      body: '<p>Old.</p>',
    });
    await runSync(config(), { mode: 'pull' }, { client: realClient() });
    const files = () => readdirSync(join(world.dir, 'docs'), { recursive: true }).map(String).sort();
    expect(files()).toEqual(['Archive.md', 'Guide', 'Guide/Setup.md', 'Guide/index.md']);

    world.emulator.editPage(guide.id, { parentId: archive.id });
    world.emulator.editPage(setup.id, { body: '<p>Run it twice.</p>' });
    const moved = await runSync(config(), { mode: 'pull' }, { client: realClient() });
    expect(moved.exitCode).toBe(0);
    expect(files()).toEqual([
      'Archive',
      'Archive.md',
      'Archive/Guide',
      'Archive/Guide/Setup.md',
      'Archive/Guide/index.md',
    ]);
    expect(readFileSync(join(world.dir, 'docs/Archive/Guide/Setup.md'), 'utf8')).toContain('Run it twice.');
    const byId = manifestPages();
    expect(byId[guide.id]?.localPath).toBe('Archive/Guide/index.md');
    expect(byId[setup.id]?.localPath).toBe('Archive/Guide/Setup.md');
    expect(moved.filesChanged).toContain('docs/Archive/Guide/Setup.md');
    expect(moved.filesChanged).toContain('docs/Guide/Setup.md');

    world.emulator.resetStats();
    const quiet = await runSync(config(), { mode: 'sync' }, { client: realClient() });
    expect(quiet.changeSet.changes).toEqual([]);
    expect(world.emulator.stats().writes).toBe(0);
  });

  it('a folder renamed locally keeps its pages and writes nothing', async () => {
    write('guide/index.md', '# Guide\n');
    write('guide/setup.md', '# Setup\n\nRun.\n');
    await runSync(config(), { mode: 'push' }, { client: realClient() });
    const before = world.emulator.pages('DOCS').map((p) => [p.id, p.title, p.version]);
    renameSync(join(world.dir, 'docs/guide'), join(world.dir, 'docs/handbook'));

    world.emulator.resetStats();
    const result = await runSync(config(), { mode: 'push' }, { client: realClient() });
    expect(result.exitCode).toBe(0);
    expect(result.changeSet.changes.map((c) => [c.kind, c.localPath, c.outcome])).toEqual([
      ['move-remote', 'handbook/index.md', 'applied'],
      ['move-remote', 'handbook/setup.md', 'applied'],
    ]);
    expect(world.emulator.stats().writes).toBe(0);
    expect(world.emulator.pages('DOCS').map((p) => [p.id, p.title, p.version])).toEqual(before);
    expect(
      Object.values(manifestPages())
        .map((p) => p.localPath)
        .sort(),
    ).toEqual(['handbook/index.md', 'handbook/setup.md']);
    const quiet = await runSync(config(), { mode: 'sync' }, { client: realClient() });
    expect(quiet.changeSet.changes).toEqual([]);
  });

  it('merges a file without front matter whose page was edited in Confluence', async () => {
    write('beta.md', '# Beta\n\nFirst paragraph.\n\n- one\n- two\n\nLast paragraph.\n');
    await runSync(config(), { mode: 'push' }, { client: realClient() });
    const page = world.emulator.pages('DOCS').find((p) => p.title === 'Beta')!;
    world.emulator.editPage(page.id, {
      body: page.body.replace('First paragraph.', 'First paragraph, from Confluence.'),
    });
    write('beta.md', '# Beta\n\nFirst paragraph.\n\n- one\n- two\n- three\n\nLast paragraph.\n');

    const result = await runSync(config(), { mode: 'sync', strategy: 'merge' }, { client: realClient() });
    expect(result.exitCode).toBe(0);
    expect(result.changeSet.changes).toMatchObject([
      { kind: 'merge', outcome: 'applied', fromVersion: 2, toVersion: 3 },
    ]);
    const text = readFileSync(join(world.dir, 'docs/beta.md'), 'utf8');
    expect(text).toBe(
      '# Beta\n\nFirst paragraph, from Confluence.\n\n- one\n- two\n- three\n\nLast paragraph.\n',
    );
    const body = world.emulator.getPage(page.id)!.body;
    expect(body).toContain('First paragraph, from Confluence.');
    expect(body).not.toContain('<h1>');
    expect(body).toMatch(/<li>(<p>)?three(<\/p>)?<\/li>/);
    world.emulator.resetStats();
    const quiet = await runSync(config(), { mode: 'sync', strategy: 'merge' }, { client: realClient() });
    expect(quiet.changeSet.changes).toEqual([]);
    expect(world.emulator.stats().writes).toBe(0);
  });

  it('merges a file named by its leading heading: the title merges as that heading, never into the body', async () => {
    write('beta.md', '# Beta\n\nFirst paragraph.\n\nLast paragraph.\n');
    await runSync(config(), { mode: 'push' }, { client: realClient() });
    const page = world.emulator.pages('DOCS').find((p) => p.title === 'Beta')!;
    world.emulator.editPage(page.id, {
      title: 'Beta Two',
      body: page.body.replace('First', 'First, from Confluence,'),
    });
    write('beta.md', '# Beta\n\nFirst paragraph.\n\nLast paragraph, from git.\n');

    const result = await runSync(config(), { mode: 'sync', strategy: 'merge' }, { client: realClient() });
    expect(result.exitCode).toBe(0);
    expect(readFileSync(join(world.dir, 'docs/beta.md'), 'utf8')).toBe(
      '# Beta Two\n\nFirst, from Confluence, paragraph.\n\nLast paragraph, from git.\n',
    );
    const after = world.emulator.getPage(page.id)!;
    expect(after.title).toBe('Beta Two');
    expect(after.body).not.toContain('<h1>');
    expect(after.body).toContain('Last paragraph, from git.');
  });

  it('uploads an image again only when its bytes change, without a new page version', async () => {
    write('guide.md', '# Guide\n\n![diagram](img/diagram.png)\n');
    write('img/diagram.png', 'first version of the bytes');
    await runSync(config(), { mode: 'push' }, { client: realClient() });
    const page = world.emulator.pages('DOCS').find((p) => p.title === 'Guide')!;
    expect(world.emulator.attachments(page.id).map((a) => [a.title, a.version])).toEqual([
      ['diagram.png', 1],
    ]);

    world.emulator.resetStats();
    const noop = await runSync(config(), { mode: 'push' }, { client: realClient() });
    expect(noop.changeSet.changes).toEqual([]);
    expect(world.emulator.stats().writes).toBe(0);

    write('img/diagram.png', 'second version of the bytes');
    const result = await runSync(config(), { mode: 'push' }, { client: realClient() });
    expect(result.changeSet.changes).toMatchObject([
      {
        kind: 'update-remote',
        title: 'Guide',
        outcome: 'applied',
        reason: 'Attached file changed: img/diagram.png.',
      },
    ]);
    expect(world.emulator.stats().writes).toBe(1);
    const [attachment] = world.emulator.attachments(page.id);
    expect(attachment?.version).toBe(2);
    expect(Buffer.from(attachment!.data).toString()).toBe('second version of the bytes');
    expect(world.emulator.getPage(page.id)?.version).toBe(page.version);

    world.emulator.resetStats();
    await runSync(config(), { mode: 'push' }, { client: realClient() });
    expect(world.emulator.stats().writes).toBe(0);
  });

  it('dry-run and status plan without fetching bodies or writing', async () => {
    write('guide.md', '# Guide\n');
    world.emulator.resetStats();
    for (const run of [{ mode: 'push' as const, dryRun: true }, { mode: 'status' as const }]) {
      const result = await runSync(config(), run, { client: realClient() });
      expect(result.changeSet.changes.map((c) => [c.kind, c.outcome])).toEqual([
        ['create-remote', 'planned'],
      ]);
      expect(result.filesChanged).toEqual([]);
    }
    expect(world.emulator.stats().writes).toBe(0);
    expect(existsSync(join(world.dir, '.confluence-sync.json'))).toBe(false);
  });
});
