import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index.js';
import { specProblems } from './openapi-check.js';
import { api, storage } from './test-helpers.js';

let emu: Emulator;
let http: ReturnType<typeof api>;
let docs: { id: string; homepageId: string };
const V2 = '/wiki/api/v2';

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  http = api(emu);
});
afterAll(() => emu.stop());
beforeEach(async () => {
  emu.reset();
  const res = await http.get(`${V2}/spaces?keys=DOCS`);
  docs = res.json.results[0];
});

const folder = async (title: string, parentId?: string) => {
  const res = await http.post(`${V2}/folders`, { spaceId: docs.id, title, parentId });
  expect(res.status).toBe(200);
  expect(specProblems('createFolder', res.json)).toEqual([]);
  return res.json as { id: string; title: string; parentId: string; parentType: string };
};

const page = async (title: string, parentId: string) => {
  const res = await http.post(`${V2}/pages`, {
    spaceId: docs.id,
    status: 'current',
    title,
    parentId,
    body: storage('<p>x</p>'),
  });
  expect(res.status).toBe(200);
  return res.json as { id: string; parentId: string; parentType: string };
};

describe('folders (Cloud v2)', () => {
  it('creates, reads and deletes a folder; pages under it say parentType folder', async () => {
    const guides = await folder('Guides', docs.homepageId);
    expect(guides).toMatchObject({ title: 'Guides', parentId: docs.homepageId, parentType: 'page' });
    const read = await http.get(`${V2}/folders/${guides.id}`);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({
      id: guides.id,
      type: 'folder',
      status: 'current',
      version: { number: 1 },
    });
    expect(specProblems('getFolderById', read.json)).toEqual([]);

    const child = await page('Install', guides.id);
    expect(child).toMatchObject({ parentId: guides.id, parentType: 'folder' });
    const listing = await http.get(`${V2}/spaces/${docs.id}/pages?limit=250`);
    expect(specProblems('getPagesInSpace', listing.json)).toEqual([]);
    // Folders are not pages: the space's page listing and GET /pages/{id} do not show them.
    expect(listing.json.results.map((p: { id: string }) => p.id)).not.toContain(guides.id);
    expect((await http.get(`${V2}/pages/${guides.id}`)).status).toBe(404);

    expect((await http.del(`${V2}/folders/${guides.id}`)).status).toBe(204);
    expect((await http.get(`${V2}/folders/${guides.id}`)).status).toBe(404);
    // Like a page's, a deleted folder's children move up to its parent.
    const moved = await http.get(`${V2}/pages/${child.id}`);
    expect(moved.json).toMatchObject({ parentId: docs.homepageId, parentType: 'page' });
  });

  it('folders do not reserve page titles, but two folders may not share one (ignoring case)', async () => {
    await page('Guides', docs.homepageId);
    await folder('Guides', docs.homepageId);
    const clash = await http.post(`${V2}/folders`, {
      spaceId: docs.id,
      title: 'guides',
      parentId: docs.homepageId,
    });
    expect(clash.status).toBe(400);
    expect(clash.json.errors[0].title).toBe('A folder exists with the same title in this space');
  });

  it('lists direct children, descendants and ancestors of every type, with `type`', async () => {
    const a = await folder('A', docs.homepageId);
    const b = await folder('B', a.id);
    const p = await page('Deep page', b.id);
    const board = emu.createContent({ spaceKey: 'DOCS', kind: 'whiteboard', title: 'Board', parentId: a.id });
    const db = emu.createContent({ spaceKey: 'DOCS', kind: 'database', title: 'Table', parentId: p.id });

    const direct = await http.get(`${V2}/folders/${a.id}/direct-children`);
    expect(specProblems('getFolderDirectChildren', direct.json)).toEqual([]);
    expect(direct.json.results.map((c: { id: string; type: string }) => [c.id, c.type])).toEqual([
      [b.id, 'folder'],
      [board.id, 'whiteboard'],
    ]);

    const desc = await http.get(`${V2}/pages/${docs.homepageId}/descendants?depth=5&limit=250`);
    expect(specProblems('getPageDescendants', desc.json)).toEqual([]);
    const ours = desc.json.results
      .filter((d: { id: string }) => [a.id, b.id, p.id, board.id, db.id].includes(d.id))
      .map((d: { id: string; type: string; depth: number; parentId: string }) => [
        d.id,
        d.type,
        d.depth,
        d.parentId,
      ]);
    expect(ours).toEqual([
      [a.id, 'folder', 1, docs.homepageId],
      [b.id, 'folder', 2, a.id],
      [board.id, 'whiteboard', 2, a.id],
      [p.id, 'page', 3, b.id],
      [db.id, 'database', 4, p.id],
    ]);
    const folderDesc = await http.get(`${V2}/folders/${a.id}/descendants?depth=1`);
    expect(specProblems('getFolderDescendants', folderDesc.json)).toEqual([]);
    expect(folderDesc.json.results.map((d: { id: string }) => d.id)).toEqual([b.id, board.id]);

    const pageAnc = await http.get(`${V2}/pages/${p.id}/ancestors`);
    expect(specProblems('getPageAncestors', pageAnc.json)).toEqual([]);
    expect(pageAnc.json.results).toEqual([
      { id: docs.homepageId, type: 'page' },
      { id: a.id, type: 'folder' },
      { id: b.id, type: 'folder' },
    ]);
    const folderAnc = await http.get(`${V2}/folders/${b.id}/ancestors`);
    expect(specProblems('getFolderAncestors', folderAnc.json)).toEqual([]);
    expect(folderAnc.json.results.map((x: { id: string }) => x.id)).toEqual([docs.homepageId, a.id]);

    const pageChildren = await http.get(`${V2}/pages/${p.id}/direct-children`);
    expect(specProblems('getPageDirectChildren', pageChildren.json)).toEqual([]);
    expect(pageChildren.json.results).toMatchObject([{ id: db.id, type: 'database', title: 'Table' }]);
    // A folder id is not a whiteboard: the typed routes answer 404 for the wrong type.
    expect((await http.get(`${V2}/whiteboards/${a.id}/direct-children`)).status).toBe(404);
  });

  it('renames and moves a folder through v1 PUT /content/{id} (type folder), version + 1', async () => {
    const a = await folder('A', docs.homepageId);
    const b = await folder('B', docs.homepageId);
    const stale = await http.put(`/wiki/rest/api/content/${b.id}`, {
      type: 'folder',
      title: 'B2',
      version: { number: 1 },
    });
    expect(stale.status).toBe(409);
    const res = await http.put(`/wiki/rest/api/content/${b.id}`, {
      type: 'folder',
      title: 'B2',
      ancestors: [{ id: a.id }],
      version: { number: 2 },
    });
    expect(res.status).toBe(200);
    const read = await http.get(`${V2}/folders/${b.id}`);
    expect(read.json).toMatchObject({
      title: 'B2',
      parentId: a.id,
      parentType: 'folder',
      version: { number: 2 },
    });
    const cycle = await http.put(`/wiki/rest/api/content/${a.id}`, {
      type: 'folder',
      title: 'A',
      ancestors: [{ id: b.id }],
      version: { number: 2 },
    });
    expect(cycle.status).toBe(400);
  });

  it('a page moves into a folder by update; the page keeps its id and a missing folder parent is 404', async () => {
    const f = await folder('Target', docs.homepageId);
    const p = await page('Mover', docs.homepageId);
    const moved = await http.put(`${V2}/pages/${p.id}`, {
      id: p.id,
      status: 'current',
      title: 'Mover',
      parentId: f.id,
      body: storage('<p>x</p>'),
      version: { number: 2 },
    });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ id: p.id, parentId: f.id, parentType: 'folder' });
    const orphan = await http.post(`${V2}/pages`, {
      spaceId: docs.id,
      status: 'current',
      title: 'Orphan',
      parentId: '999999',
      body: storage('<p>x</p>'),
    });
    expect(orphan.status).toBe(404);
  });

  it('the direct API holds whiteboards, databases and embeds in the tree', () => {
    const w = emu.createContent({ spaceKey: 'DOCS', kind: 'whiteboard', title: 'Plan' });
    emu.createContent({ spaceKey: 'DOCS', kind: 'embed', title: 'Figma', parentId: w.id });
    expect(emu.content('DOCS').map((c) => [c.kind, c.title, c.parentId])).toEqual([
      ['whiteboard', 'Plan', docs.homepageId],
      ['embed', 'Figma', w.id],
    ]);
    emu.deleteContent(w.id);
    expect(emu.content('DOCS').find((c) => c.kind === 'embed')?.parentId).toBe(docs.homepageId);
  });
});

describe('the spec check itself', () => {
  it('flags wrong types, values outside an enum and non-nullable nulls', () => {
    expect(
      specProblems('getFolderDescendants', {
        results: [{ id: 5, status: 'trashed', depth: 'one', childPosition: null }],
      }),
    ).toEqual([
      'getFolderDescendants.results[0].depth: expected integer, got string',
      'getFolderDescendants.results[0].id: expected string, got integer',
      'getFolderDescendants.results[0].status: "trashed" is not one of ["current","archived"]',
    ]);
    expect(specProblems('getFolderById', { id: '1', title: null })).toEqual([
      'getFolderById.title: null is not allowed',
    ]);
  });
});
