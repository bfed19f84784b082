/**
 * Confluence Cloud's content tree through runSync, end to end against the emulator: folders two levels
 * deep pull as directories, a whiteboard is reported and left alone, a new directory pushes as a folder,
 * a page moved between folders keeps its id, a deleted directory follows onLocalDelete and never takes a
 * folder that still holds content the sync does not own, pages out of sight never look deleted, and a
 * no-op run costs only the listing.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncConfig } from '../../src/config/types.js';
import { toText } from '../../src/report/text.js';
import { runSync } from '../../src/sync/engine.js';
import type { Manifest, SyncMode } from '../../src/sync/types.js';
import { createClient } from '../../src/confluence/create-client.js';
import type { ConfluenceClient } from '../../src/confluence/types.js';
import { startEmulator, type Emulator } from '../emulator/index.js';

let emulator: Emulator;
let dir: string;
let rootId: string;

beforeEach(async () => {
  emulator = await startEmulator({ flavor: 'cloud' });
  rootId = emulator.createPage({ spaceKey: 'DOCS', title: 'Root', body: '<p>root</p>' }).id;
  dir = mkdtempSync(join(tmpdir(), 'cs-folders-'));
});
afterEach(async () => {
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
});

const abs = (path: string) => join(dir, 'docs', path);
const write = (path: string, text: string) => {
  mkdirSync(dirname(abs(path)), { recursive: true });
  writeFileSync(abs(path), text);
};
const read = (path: string) => readFileSync(abs(path), 'utf8');
const manifest = () => JSON.parse(readFileSync(join(dir, '.confluence-sync.json'), 'utf8')) as Manifest;

function config(overrides: Partial<SyncConfig> = {}): SyncConfig {
  return {
    cwd: dir,
    profileName: 'default',
    confluenceUrl: emulator.url,
    flavor: 'cloud',
    credentials: { username: 'ci@example.com', token: 'emulator-token' },
    spaceKey: 'DOCS',
    parentPageId: rootId,
    localRoot: 'docs',
    includePatterns: ['**/*.md'],
    excludePatterns: [],
    concurrentOperations: 3,
    conflictStrategy: 'manual',
    onLocalDelete: 'keep',
    manifestPath: '.confluence-sync.json',
    ...overrides,
  };
}

const run = (mode: SyncMode, overrides: Partial<SyncConfig> = {}) => runSync(config(overrides), { mode });
const page = (title: string, parentId: string, body = `<p>${title} text.</p>`) =>
  emulator.createPage({ spaceKey: 'DOCS', parentId, title, body }).id;
const folder = (title: string, parentId: string) =>
  emulator.createContent({ spaceKey: 'DOCS', kind: 'folder', title, parentId }).id;
const folderNamed = (title: string) =>
  emulator.content('DOCS').find((c) => c.kind === 'folder' && c.title === title && c.status === 'current');

/** Root → Guides (folder) → Setup (folder) → Install; Guides → Intro, Plan (whiteboard); Root → Top. */
function confluenceTree() {
  const guides = folder('Guides', rootId);
  const setup = folder('Setup', guides);
  return {
    guides,
    setup,
    install: page('Install', setup),
    intro: page('Intro', guides),
    board: emulator.createContent({ spaceKey: 'DOCS', kind: 'whiteboard', title: 'Plan', parentId: guides })
      .id,
    top: page('Top', rootId),
  };
}

describe('folders made in Confluence', () => {
  it('pull gives directories and files; the whiteboard is untouched and reported once; a no-op costs the listing only', async () => {
    const t = confluenceTree();
    const pulled = await run('pull');
    expect(pulled.exitCode).toBe(0);
    expect(read('Top.md')).toContain('Top text.');
    expect(read('Guides/Intro.md')).toContain('Intro text.');
    expect(read('Guides/Setup/Install.md')).toContain('Install text.');
    expect(existsSync(abs('Guides/Plan.md'))).toBe(false);
    const folders = Object.values(manifest().pages).filter((p) => p.kind === 'folder');
    expect(folders.map((f) => [f.id, f.localPath]).sort()).toEqual(
      [
        [t.guides, 'Guides/'],
        [t.setup, 'Guides/Setup/'],
      ].sort(),
    );
    expect(emulator.content('DOCS').find((c) => c.id === t.board)).toMatchObject({
      title: 'Plan',
      parentId: t.guides,
      version: 1,
      status: 'current',
    });

    const status = await run('status');
    const notSynced = (status.changeSet.warnings ?? []).filter((w) => w.includes('not synced'));
    expect(notSynced).toEqual([`Guides/Plan (id ${t.board}): not synced (whiteboard)`]);
    expect(
      toText(status.changeSet)
        .split('\n')
        .filter((l) => l.includes('not synced (whiteboard')),
    ).toHaveLength(1);

    emulator.resetStats();
    const again = await run('sync');
    expect(again.changeSet.changes).toEqual([]);
    expect(emulator.stats().writes).toBe(0);
    expect(emulator.stats().byRoute).toEqual({
      'GET /wiki/api/v2/spaces': 1,
      'GET /wiki/api/v2/spaces/{id}/pages': 1,
      'GET /wiki/api/v2/pages/{id}/descendants': 1,
    });
  });

  it('a folder renamed and moved in Confluence renames and moves the directory; the files keep their pages', async () => {
    const t = confluenceTree();
    await run('pull');
    emulator.editContent(t.setup, { title: 'Configure', parentId: rootId });
    const pulled = await run('pull');
    expect(pulled.exitCode).toBe(0);
    expect(read('Configure/Install.md')).toContain('Install text.');
    expect(existsSync(abs('Guides/Setup'))).toBe(false);
    expect(manifest().pages[t.setup]).toMatchObject({
      kind: 'folder',
      localPath: 'Configure/',
      title: 'Configure',
    });
    expect(manifest().pages[t.install]?.localPath).toBe('Configure/Install.md');
  });
});

describe('directories pushed to Cloud', () => {
  it('a new directory without index becomes a folder; a page may share its title', async () => {
    write('Howto/First.md', '# First\n\nOne.\n');
    write('notes.md', '# Howto\n\nA page titled like the folder.\n');
    const pushed = await run('push');
    expect(pushed.exitCode).toBe(0);
    const howto = folderNamed('Howto');
    expect(howto).toMatchObject({ kind: 'folder', parentId: rootId });
    const pages = emulator.pages('DOCS');
    expect(pages.find((p) => p.title === 'First')?.parentId).toBe(howto!.id);
    expect(pages.find((p) => p.title === 'Howto')?.parentId).toBe(rootId);
    // No placeholder page for the directory.
    expect(pages.filter((p) => p.title === 'Howto')).toHaveLength(1);
    expect(manifest().pages[howto!.id]).toMatchObject({ kind: 'folder', localPath: 'Howto/' });

    emulator.resetStats();
    const again = await run('push');
    expect(again.changeSet.changes).toEqual([]);
    expect(emulator.stats().writes).toBe(0);
  });

  it('moving a page between folders locally moves it in Confluence (same id); renaming a directory renames the folder', async () => {
    const t = confluenceTree();
    await run('pull');
    mkdirSync(abs('Guides/Setup'), { recursive: true });
    renameSync(abs('Guides/Intro.md'), abs('Guides/Setup/Intro.md'));
    const moved = await run('push');
    expect(moved.exitCode).toBe(0);
    expect(emulator.getPage(t.intro)).toMatchObject({ parentId: t.setup, title: 'Intro' });
    expect(emulator.pages('DOCS').filter((p) => p.title === 'Intro')).toHaveLength(1);

    renameSync(abs('Guides/Setup'), abs('Guides/Configure'));
    const renamed = await run('push');
    expect(renamed.exitCode).toBe(0);
    expect(emulator.content('DOCS').find((c) => c.id === t.setup)).toMatchObject({
      title: 'Configure',
      parentId: t.guides,
    });
    expect(emulator.getPage(t.install)?.parentId).toBe(t.setup);
  });

  it('deleting a directory follows onLocalDelete for its pages and keeps a folder that still holds a whiteboard', async () => {
    const t = confluenceTree();
    await run('pull');
    rmSync(abs('Guides'), { recursive: true });
    const deleted = await run('push', { onLocalDelete: 'delete' });
    expect(deleted.exitCode).toBe(0);
    for (const id of [t.install, t.intro]) expect(emulator.getPage(id)?.status).toBe('trashed');
    const content = new Map(emulator.content('DOCS').map((c) => [c.id, c]));
    // Setup held only synced pages: it goes. Guides still holds the whiteboard: it stays, and says why.
    expect(content.get(t.setup)?.status).toBe('trashed');
    expect(content.get(t.guides)?.status).toBe('current');
    expect(content.get(t.board)).toMatchObject({ status: 'current', parentId: t.guides });
    const guidesChange = deleted.changeSet.changes.find((c) => c.pageId === t.guides);
    expect(guidesChange?.outcome).toBe('skipped');
    expect(guidesChange?.reason).toMatch(/still holds content the sync does not own/);
  });

  it('under onLocalDelete keep, the pages and their folders stay', async () => {
    const t = confluenceTree();
    await run('pull');
    rmSync(abs('Guides/Setup'), { recursive: true });
    const kept = await run('push');
    expect(kept.exitCode).toBe(0);
    expect(emulator.getPage(t.install)?.status).toBe('current');
    expect(emulator.content('DOCS').find((c) => c.id === t.setup)?.status).toBe('current');
  });
});

describe('directories pushed by earlier versions', () => {
  it('a generated placeholder page stays a page: no folder, new files go under that page', async () => {
    write('Howto/First.md', '# First\n\nOne.\n');
    const real = createClient({ baseUrl: emulator.url, flavor: 'cloud', credentials: config().credentials });
    // An earlier version: it knew no folders.
    const before = Object.assign(Object.create(real) as ConfluenceClient, { supportsFolders: false });
    const old = await runSync(config(), { mode: 'push' }, { client: before });
    expect(old.exitCode).toBe(0);
    const placeholder = emulator.pages('DOCS').find((p) => p.title === 'Howto');
    expect(placeholder?.parentId).toBe(rootId);

    write('Howto/Second.md', '# Second\n\nTwo.\n');
    const now = await run('push');
    expect(now.exitCode).toBe(0);
    expect(emulator.content('DOCS')).toEqual([]);
    expect(emulator.pages('DOCS').find((p) => p.title === 'Second')?.parentId).toBe(placeholder?.id);
    expect(manifest().pages[placeholder!.id]).toMatchObject({ localPath: 'Howto/' });
    expect(manifest().pages[placeholder!.id]?.kind).toBeUndefined();
  });

  it('a placeholder page converted to a folder by hand (the documented steps) pulls as the same directory', async () => {
    write('Howto/First.md', '# First\n\nOne.\n');
    const real = createClient({ baseUrl: emulator.url, flavor: 'cloud', credentials: config().credentials });
    const before = Object.assign(Object.create(real) as ConfluenceClient, { supportsFolders: false });
    await runSync(config(), { mode: 'push' }, { client: before });
    const placeholder = emulator.pages('DOCS').find((p) => p.title === 'Howto')!;
    const first = emulator.pages('DOCS').find((p) => p.title === 'First')!;

    // In Confluence: a folder with the same parent and title, the pages moved into it, the placeholder deleted.
    const folderId = folder('Howto', rootId);
    emulator.editPage(first.id, { parentId: folderId });
    emulator.deletePage(placeholder.id);

    const pulled = await run('pull');
    expect(pulled.exitCode).toBe(0);
    expect(read('Howto/First.md')).toContain('One.');
    expect(existsSync(abs('Howto/index.md'))).toBe(false);
    expect(manifest().pages[placeholder.id]).toBeUndefined();
    expect(manifest().pages[folderId]).toMatchObject({ kind: 'folder', localPath: 'Howto/' });
    emulator.resetStats();
    expect((await run('sync')).changeSet.changes).toEqual([]);
    expect(emulator.stats().writes).toBe(0);
  });
});

describe('pages out of sight', () => {
  it('a page under an archived ancestor is confirmed by id and never deleted locally', async () => {
    const chapter = page('Chapter', rootId);
    const section = page('Section', chapter);
    await run('pull');
    expect(read('Chapter/Section.md')).toContain('Section text.');
    await (
      await import('../../src/confluence/create-client.js')
    )
      .createClient({ baseUrl: emulator.url, flavor: 'cloud', credentials: config().credentials })
      .archivePage(chapter);
    const pulled = await run('pull');
    expect(pulled.exitCode).toBe(0);
    // The archived page itself counts as gone; the page under it is still there, only out of sight.
    expect(existsSync(abs('Chapter/Section.md'))).toBe(true);
    expect(pulled.changeSet.changes.find((c) => c.pageId === section)).toBeUndefined();
    expect(emulator.getPage(section)?.status).toBe('current');
  });
});

describe('Data Center', () => {
  it('has no folders: a directory without index is a generated page, as before', async () => {
    await emulator.stop();
    emulator = await startEmulator({ flavor: 'datacenter' });
    rootId = emulator.createPage({ spaceKey: 'DOCS', title: 'Root', body: '<p>root</p>' }).id;
    write('Howto/First.md', '# First\n\nOne.\n');
    const pushed = await run('push', {
      flavor: 'datacenter',
      confluenceUrl: emulator.url,
      credentials: { token: 'emulator-token' },
      parentPageId: rootId,
    });
    expect(pushed.exitCode).toBe(0);
    const howto = emulator.pages('DOCS').find((p) => p.title === 'Howto');
    expect(howto?.parentId).toBe(rootId);
    expect(emulator.pages('DOCS').find((p) => p.title === 'First')?.parentId).toBe(howto?.id);
    expect(emulator.content('DOCS')).toEqual([]);
  });
});
