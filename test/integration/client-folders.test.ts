/**
 * Cloud's content tree through the client, against the emulator: pages under folders at any depth,
 * whiteboards and databases listed apart, archived branches left out, the depth-5 cut-off of the
 * descendants call followed, the request budget, and the folder calls (Data Center: none).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/confluence/create-client.js';
import type { ConfluenceClient, Space } from '../../src/confluence/types.js';
import { startEmulator, type Emulator } from '../emulator/index.js';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ flavor: 'cloud' });
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

function client(e: Emulator = emulator): ConfluenceClient {
  return createClient({
    baseUrl: e.url,
    credentials:
      e.flavor === 'cloud'
        ? { username: 'ci@example.com', token: 'emulator-token' }
        : { token: 'emulator-token' },
    flavor: e.flavor,
    sleep: async () => undefined,
  });
}

const page = (title: string, parentId: string) =>
  emulator.createPage({ spaceKey: 'DOCS', parentId, title, body: `<p>${title}</p>` }).id;
const content = (kind: 'folder' | 'whiteboard' | 'database' | 'embed', title: string, parentId: string) =>
  emulator.createContent({ spaceKey: 'DOCS', kind, title, parentId }).id;

describe('listContentTree (Cloud)', () => {
  it('lists pages under folders two levels deep, and the folders and whiteboards apart', async () => {
    const c = client();
    const space = (await c.getSpace('DOCS')) as Space & { homepageId: string };
    const root = page('Docs root', space.homepageId);
    const outside = page('Elsewhere', space.homepageId);
    content('folder', 'Not ours', outside);
    const guides = content('folder', 'Guides', root);
    const setup = content('folder', 'Setup', guides);
    const install = page('Install', setup);
    const board = content('whiteboard', 'Plan', guides);
    const table = content('database', 'Tracker', install);
    const intro = page('Intro', root);

    emulator.resetStats();
    const tree = await c.listContentTree(space, root);
    expect(emulator.stats().byRoute).toEqual({
      'GET /wiki/api/v2/spaces/{id}/pages': 1,
      'GET /wiki/api/v2/pages/{id}/descendants': 1,
    });
    expect(tree.pages.map((p) => [p.title, p.parentId, p.parentType]).sort()).toEqual(
      [
        ['Docs root', space.homepageId, undefined],
        ['Install', setup, 'folder'],
        ['Intro', root, undefined],
      ].sort(),
    );
    expect(tree.pages.find((p) => p.id === install)?.version).toBe(1);
    expect(tree.others).toEqual([
      { id: guides, type: 'folder', title: 'Guides', parentId: root },
      { id: setup, type: 'folder', title: 'Setup', parentId: guides },
      { id: board, type: 'whiteboard', title: 'Plan', parentId: guides },
      { id: table, type: 'database', title: 'Tracker', parentId: install },
    ]);
    expect(tree.pages.map((p) => p.id)).toContain(intro);
    // listTree keeps its old meaning: pages reachable through pages only.
    expect((await c.listTree(space, root)).map((p) => p.title).sort()).toEqual(['Docs root', 'Intro']);
  });

  it('a space without folders costs the page listing alone, unless everything is asked for', async () => {
    const c = client();
    const space = (await c.getSpace('DOCS')) as Space & { homepageId: string };
    const root = page('Root', space.homepageId);
    page('Child', root);
    const board = content('whiteboard', 'Board', root);
    emulator.resetStats();
    const plain = await c.listContentTree(space, root);
    expect(plain.pages.map((p) => p.title).sort()).toEqual(['Child', 'Root']);
    expect(plain.others).toEqual([]);
    expect(emulator.stats().byRoute).toEqual({ 'GET /wiki/api/v2/spaces/{id}/pages': 1 });

    emulator.resetStats();
    const full = await c.listContentTree(space, root, { everything: true });
    expect(full.others).toEqual([{ id: board, type: 'whiteboard', title: 'Board', parentId: root }]);
    expect(emulator.stats().byRoute).toEqual({
      'GET /wiki/api/v2/spaces/{id}/pages': 1,
      'GET /wiki/api/v2/pages/{id}/descendants': 1,
    });
  });

  it('follows the depth-5 cut-off of /descendants below folders and pages with children', async () => {
    const c = client();
    const space = (await c.getSpace('DOCS')) as Space & { homepageId: string };
    const root = page('Root', space.homepageId);
    let parent = root;
    for (let i = 1; i <= 4; i++) parent = page(`Level ${i}`, parent);
    const deepFolder = content('folder', 'Depth five', parent); // depth 5 below the root
    const deepPage = page('Depth six', deepFolder);
    const chainPage = page('Level 5 page', parent); // a page at depth 5 with a page child
    const belowChain = page('Level 6 page', chainPage);
    const leafAtFive = page('Leaf at five', parent); // no page children: not walked further

    emulator.resetStats();
    const tree = await c.listContentTree(space, root);
    const ids = tree.pages.map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining([deepPage, belowChain, leafAtFive]));
    expect(tree.others.map((o) => o.id)).toEqual([deepFolder]);
    expect(emulator.stats().byRoute).toEqual({
      'GET /wiki/api/v2/spaces/{id}/pages': 1,
      'GET /wiki/api/v2/pages/{id}/descendants': 2,
      'GET /wiki/api/v2/folders/{id}/descendants': 1,
    });
  });

  it('leaves archived pages and everything under them out; an archived root is not found', async () => {
    const c = client();
    const space = (await c.getSpace('DOCS')) as Space & { homepageId: string };
    const root = page('Root', space.homepageId);
    const old = page('Old', root);
    const folderUnderOld = content('folder', 'Old folder', old);
    page('Under old folder', folderUnderOld);
    await c.archivePage(old);
    const tree = await c.listContentTree(space, root);
    expect(tree.pages.map((p) => p.title)).toEqual(['Root']);
    expect(tree.others).toEqual([]);
    await expect(c.listContentTree(space, old)).rejects.toMatchObject({ code: 'CS-003' });
  });

  it('lists 1,000 pages and 50 folders in ceil(1000/250) + ceil(1050/250) requests', async () => {
    const c = client();
    const space = (await c.getSpace('DOCS')) as Space & { homepageId: string };
    const root = page('Root', space.homepageId);
    const folders: string[] = [];
    for (let f = 0; f < 50; f++)
      folders.push(content('folder', `Folder ${f}`, f < 10 ? root : folders[f % 10]!));
    for (let i = 0; i < 999; i++) page(`Page ${i}`, folders[i % 50]!);
    emulator.resetStats();
    const tree = await c.listContentTree(space, root);
    expect(tree.pages).toHaveLength(1000);
    expect(tree.others).toHaveLength(50);
    // The space has the seeded pages too: 1,003 pages → 5 listing requests.
    expect(emulator.stats().byRoute).toEqual({
      'GET /wiki/api/v2/spaces/{id}/pages': 5,
      'GET /wiki/api/v2/pages/{id}/descendants': 5,
    });
  });
});

describe('folder calls', () => {
  it('create, read, rename + move (same id), delete; a folder title taken is CS-013', async () => {
    const c = client();
    const space = (await c.getSpace('DOCS')) as Space & { homepageId: string };
    const a = await c.createFolder({ spaceId: space.id, parentId: space.homepageId, title: 'A' });
    const b = await c.createFolder({ spaceId: space.id, parentId: space.homepageId, title: 'B' });
    expect(a).toEqual({ id: a.id, type: 'folder', title: 'A', parentId: space.homepageId });
    // A page may share a folder's title.
    page('A', space.homepageId);
    await expect(
      c.createFolder({ spaceId: space.id, parentId: space.homepageId, title: 'a' }),
    ).rejects.toMatchObject({ code: 'CS-013' });

    const moved = await c.updateFolder({ id: b.id, title: 'B renamed', parentId: a.id });
    expect(moved).toEqual({ id: b.id, type: 'folder', title: 'B renamed', parentId: a.id });
    expect(emulator.content('DOCS').find((x) => x.id === b.id)).toMatchObject({
      title: 'B renamed',
      parentId: a.id,
      version: 2,
    });
    await expect(c.getFolder(b.id)).resolves.toEqual(moved);

    await c.deleteFolder(b.id);
    await expect(c.getFolder(b.id)).resolves.toBeNull();
    await expect(c.deleteFolder(b.id)).resolves.toBeUndefined();
    await expect(c.updateFolder({ id: b.id, title: 'x' })).rejects.toMatchObject({ code: 'CS-003' });
  });
});

describe('Data Center', () => {
  it('has no folders: the tree is its pages, the folder calls refuse with CS-014', async () => {
    const dc = await startEmulator({ flavor: 'datacenter' });
    try {
      const c = client(dc);
      expect(c.supportsFolders).toBe(false);
      const space = (await c.getSpace('DOCS')) as Space & { homepageId: string };
      const tree = await c.listContentTree(space, space.homepageId);
      expect(tree.others).toEqual([]);
      expect(tree.pages.map((p) => p.id)).toContain(space.homepageId);
      await expect(
        c.createFolder({ spaceId: space.id, parentId: space.homepageId, title: 'X' }),
      ).rejects.toMatchObject({ code: 'CS-014' });
    } finally {
      await dc.stop();
    }
  });
});
