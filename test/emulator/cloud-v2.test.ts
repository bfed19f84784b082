import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index.js';
import { api, basic, storage } from './test-helpers.js';

let emu: Emulator;
let http: ReturnType<typeof api>;
let docs: { id: string; homepageId: string };

beforeAll(async () => {
  emu = await startEmulator({ port: 0, maxBodyBytes: 64 * 1024 });
  http = api(emu);
});
afterAll(() => emu.stop());
beforeEach(async () => {
  emu.reset();
  const res = await http.get('/wiki/api/v2/spaces?keys=DOCS');
  docs = res.json.results[0];
});

const create = (title: string, extra: Record<string, unknown> = {}) =>
  http.post('/wiki/api/v2/pages', {
    spaceId: docs.id,
    status: 'current',
    title,
    body: storage('<p>x</p>'),
    ...extra,
  });

describe('auth', () => {
  it('answers 401 text/plain without valid Basic credentials', async () => {
    for (const auth of [
      '',
      basic('ci@example.com', 'wrong'),
      basic('someone@example.com', 'emulator-token'),
      'Bearer emulator-token',
    ]) {
      const res = await api(emu, auth).get('/wiki/api/v2/spaces');
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(res.text).toMatch(/^Basic authentication with passwords is deprecated/);
    }
  });
});

describe('spaces', () => {
  it('finds a space by key (comma list or repeated), by id, and 404s an unknown id', async () => {
    const both = await http.get('/wiki/api/v2/spaces?keys=DOCS,READ');
    expect(both.json.results.map((s: { key: string }) => s.key)).toEqual(['DOCS', 'READ']);
    const repeated = await http.get('/wiki/api/v2/spaces?keys=READ&keys=NOPE');
    expect(repeated.json.results).toHaveLength(1);
    expect(docs).toMatchObject({ key: 'DOCS', homepageId: expect.stringMatching(/^\d+$/) });
    expect((await http.get(`/wiki/api/v2/spaces/${docs.id}`)).json.key).toBe('DOCS');
    const missing = await http.get('/wiki/api/v2/spaces/999');
    expect(missing.status).toBe(404);
    expect(missing.json.errors[0]).toMatchObject({ status: 404, code: 'NOT_FOUND', detail: null });
  });
});

describe('create, read, update', () => {
  it('creates under the home page by default and answers 200 with the page', async () => {
    const res = await create('First');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      title: 'First',
      parentId: docs.homepageId,
      spaceId: docs.id,
      status: 'current',
      version: { number: 1 },
      body: { storage: { representation: 'storage', value: '<p>x</p>' } },
    });
    expect(Number(res.json.id)).toBeGreaterThan(Number(docs.homepageId));
    expect(res.json._links.base).toBe(`${http.origin}/wiki`);
  });

  it('accepts the nested body form and root-level=true', async () => {
    const res = await http.post('/wiki/api/v2/pages?root-level=true', {
      spaceId: Number(docs.id),
      title: 'Top',
      body: { storage: storage('<p>top</p>') },
    });
    expect(res.status).toBe(200);
    expect(res.json.parentId).toBeNull();
  });

  it('returns body {} without body-format and the storage body with it', async () => {
    const { json: page } = await create('Read me');
    expect((await http.get(`/wiki/api/v2/pages/${page.id}`)).json.body).toEqual({});
    const withBody = await http.get(`/wiki/api/v2/pages/${page.id}?body-format=storage`);
    expect(withBody.json.body.storage.value).toBe('<p>x</p>');
    expect(withBody.json.version.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await http.get('/wiki/api/v2/pages/424242')).status).toBe(404);
  });

  it('updates with version current+1, keeps history, and refuses a stale version with 409', async () => {
    const { json: page } = await create('Versioned');
    const put = (number: number, value: string, title = 'Versioned') =>
      http.put(`/wiki/api/v2/pages/${page.id}`, {
        id: page.id,
        status: 'current',
        title,
        body: storage(value),
        version: { number, message: 'm' },
      });
    expect((await put(2, '<p>two</p>')).json.version.number).toBe(2);
    const stale = await put(2, '<p>again</p>');
    expect(stale.status).toBe(409);
    expect(stale.json).toEqual({
      errors: [
        {
          status: 409,
          code: 'CONFLICT',
          title:
            'Version must be incremented when updating a page. Current Version: [2]. Provided version: [2]',
          detail: null,
        },
      ],
    });
    expect((await put(5, '<p>skip</p>')).status).toBe(409);
    const old = await http.get(`/wiki/api/v2/pages/${page.id}?version=1&body-format=storage`);
    expect(old.json.body.storage.value).toBe('<p>x</p>');
    expect(old.json.version.number).toBe(1);
    const versions = await http.get(`/wiki/api/v2/pages/${page.id}/versions`);
    expect(versions.json.results.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    const detail = await http.get(`/wiki/api/v2/pages/${page.id}/versions/2`);
    expect(detail.json).toMatchObject({ number: 2, message: 'm', prevVersion: 1, nextVersion: null });
  });

  it('refuses an update without the required fields (zod → 400)', async () => {
    const { json: page } = await create('Strict');
    const res = await http.put(`/wiki/api/v2/pages/${page.id}`, {
      id: page.id,
      title: 'Strict',
      body: storage('<p/>'),
    });
    expect(res.status).toBe(400);
    expect(res.json.errors[0].code).toBe('INVALID_REQUEST_PARAMETER');
    expect((await http.post('/wiki/api/v2/pages', '{not json')).status).toBe(400);
  });

  it('moves a page with parentId and refuses a parent in another space or under itself', async () => {
    const { json: a } = await create('A');
    const { json: b } = await create('B');
    const moved = await http.put(`/wiki/api/v2/pages/${b.id}`, {
      id: b.id,
      status: 'current',
      title: 'B',
      parentId: a.id,
      body: storage('<p/>'),
      version: { number: 2 },
    });
    expect(moved.json.parentId).toBe(a.id);
    const loop = await http.put(`/wiki/api/v2/pages/${a.id}`, {
      id: a.id,
      status: 'current',
      title: 'A',
      parentId: b.id,
      body: storage('<p/>'),
      version: { number: 2 },
    });
    expect(loop.status).toBe(400);
    const readHome = emu.spaces().find((s) => s.key === 'READ')!.homepageId;
    expect((await create('C', { parentId: readHome })).status).toBe(400);
    expect((await create('D', { parentId: '987654' })).status).toBe(404);
  });

  it('renames with PUT /pages/{id}/title (a new version)', async () => {
    const { json: page } = await create('Old name');
    const res = await http.put(`/wiki/api/v2/pages/${page.id}/title`, {
      status: 'current',
      title: 'New name',
    });
    expect(res.json).toMatchObject({ title: 'New name', version: { number: 2 } });
    expect(emu.getPage(page.id)?.body).toBe('<p>x</p>');
  });
});

describe('Confluence rules', () => {
  it('keeps titles unique per space ignoring case, on create and on rename', async () => {
    await create('Guide');
    const clash = await create('GUIDE');
    expect(clash.status).toBe(400);
    expect(clash.json.errors[0]).toEqual({
      status: 400,
      code: 'BAD_REQUEST',
      title: 'A page with this title already exists: A page already exists with the same TITLE in this space',
      detail: null,
    });
    const { json: other } = await create('Other');
    const rename = await http.put(`/wiki/api/v2/pages/${other.id}/title`, {
      status: 'current',
      title: 'guide',
    });
    expect(rename.status).toBe(400);
  });

  it('lets an archived page keep its title and a trashed page free it', async () => {
    const { json: archived } = await create('Archived');
    await http.put(`/wiki/api/v2/pages/${archived.id}`, {
      id: archived.id,
      status: 'archived',
      title: 'Archived',
      body: storage('<p/>'),
      version: { number: 2 },
    });
    expect((await create('archived')).status).toBe(400);
    const { json: trashed } = await create('Trashed');
    expect((await http.del(`/wiki/api/v2/pages/${trashed.id}`)).status).toBe(204);
    expect((await create('Trashed')).status).toBe(200);
  });

  it('refuses titles over 255 characters and empty titles', async () => {
    expect((await create('x'.repeat(255))).status).toBe(200);
    const long = await create('y'.repeat(256));
    expect(long.status).toBe(400);
    expect(long.json.errors[0].title).toMatch(/255/);
    expect((await create('  ')).status).toBe(400);
  });

  it('refuses a body that is not well-formed storage XML', async () => {
    const res = await create('Broken', { body: storage('<p>one<br></p>') });
    expect(res.status).toBe(400);
    expect(res.json.errors[0].title).toMatch(
      /^Error parsing xhtml: Unexpected close tag <\/p>; expected <\/br>\./,
    );
  });

  it('answers 403 on writes to the read-only space, but lets the user read it', async () => {
    const read = (await http.get('/wiki/api/v2/spaces?keys=READ')).json.results[0];
    expect((await http.get(`/wiki/api/v2/spaces/${read.id}/pages`)).json.results.length).toBeGreaterThan(0);
    const res = await http.post('/wiki/api/v2/pages', {
      spaceId: read.id,
      title: 'Nope',
      body: storage('<p/>'),
    });
    expect(res.status).toBe(403);
    expect(res.json.errors[0].status).toBe(403);
    expect((await http.del(`/wiki/api/v2/pages/${read.homepageId}`)).status).toBe(403);
  });

  it('answers 413 when the request body is over maxBodyBytes', async () => {
    const res = await create('Huge', { body: storage(`<p>${'x'.repeat(70 * 1024)}</p>`) });
    expect(res.status).toBe(413);
  });
});

describe('delete', () => {
  it('trashes (204), moves children up to the parent, purges only a trashed page', async () => {
    const { json: parent } = await create('Parent');
    const { json: child } = await create('Child', { parentId: parent.id });
    expect((await http.del(`/wiki/api/v2/pages/${parent.id}?purge=true`)).status).toBe(400);
    expect((await http.del(`/wiki/api/v2/pages/${parent.id}`)).status).toBe(204);
    expect((await http.get(`/wiki/api/v2/pages/${parent.id}`)).status).toBe(404);
    expect((await http.get(`/wiki/api/v2/pages/${parent.id}?status=trashed`)).json.status).toBe('trashed');
    expect(emu.getPage(child.id)?.parentId).toBe(docs.homepageId);
    expect((await http.del(`/wiki/api/v2/pages/${parent.id}?purge=true`)).status).toBe(204);
    expect(emu.getPage(parent.id)).toBeUndefined();
    expect((await http.del(`/wiki/api/v2/pages/${parent.id}`)).status).toBe(404);
  });

  it('restores a trashed page with a PUT status current', async () => {
    const { json: page } = await create('Back');
    await http.del(`/wiki/api/v2/pages/${page.id}`);
    const res = await http.put(`/wiki/api/v2/pages/${page.id}`, {
      id: page.id,
      status: 'current',
      title: 'Back',
      body: storage('<p/>'),
      version: { number: 2 },
    });
    expect(res.status).toBe(200);
    expect(emu.getPage(page.id)).toMatchObject({ status: 'current', version: 1 });
  });
});

describe('lists and pagination', () => {
  it('pages through a space with cursor, Link header and _links.next that starts with /wiki', async () => {
    for (let i = 0; i < 6; i++) await create(`Page ${i}`);
    const seen: string[] = [];
    let next: string | undefined = `/wiki/api/v2/spaces/${docs.id}/pages?limit=3&sort=id`;
    let requests = 0;
    while (next) {
      const res = await http.get(next);
      requests++;
      seen.push(...res.json.results.map((p: { id: string }) => p.id));
      next = res.json._links.next;
      if (next) {
        expect(next.startsWith('/wiki/api/v2/spaces/')).toBe(true);
        expect(res.headers.get('link')).toBe(`<${next}>; rel="next", <${http.origin}/wiki>; rel="base"`);
      }
    }
    expect(requests).toBe(3);
    expect(seen).toHaveLength(7);
    expect([...seen].sort((a, b) => Number(a) - Number(b))).toEqual(seen);
    expect((await http.get(`/wiki/api/v2/spaces/${docs.id}/pages?cursor=garbage`)).status).toBe(400);
  });

  it('caps limit at 250, filters by title, status, depth and sorts', async () => {
    await create('Zeta');
    await create('Alpha');
    const titles = (
      await http.get(`/wiki/api/v2/spaces/${docs.id}/pages?sort=-title&limit=999`)
    ).json.results.map((p: { title: string }) => p.title);
    expect(titles).toEqual(['Zeta', 'Docs Home', 'Alpha']);
    const byTitle = await http.get(`/wiki/api/v2/spaces/${docs.id}/pages?title=Alpha&body-format=storage`);
    expect(byTitle.json.results).toHaveLength(1);
    expect(byTitle.json.results[0].body.storage.value).toBe('<p>x</p>');
    expect((await http.get(`/wiki/api/v2/spaces/${docs.id}/pages?title=alpha`)).json.results).toHaveLength(0);
    const roots = await http.get(`/wiki/api/v2/spaces/${docs.id}/pages?depth=root`);
    expect(roots.json.results.map((p: { title: string }) => p.title)).toEqual(['Docs Home']);
    expect((await http.get(`/wiki/api/v2/spaces/${docs.id}/pages?sort=bogus`)).status).toBe(400);
  });

  it('GET /pages takes ids comma-separated or repeated, and space-id', async () => {
    const { json: a } = await create('A');
    const { json: b } = await create('B');
    const comma = await http.get(`/wiki/api/v2/pages?id=${a.id},${b.id}&body-format=storage`);
    expect(comma.json.results.map((p: { id: string }) => p.id)).toEqual([a.id, b.id]);
    const repeated = await http.get(`/wiki/api/v2/pages?id=${a.id}&id=${b.id}&space-id=${docs.id}`);
    expect(repeated.json.results).toHaveLength(2);
    const byTitle = await http.get(`/wiki/api/v2/pages?title=B&space-id=${docs.id}`);
    expect(byTitle.json.results.map((p: { id: string }) => p.id)).toEqual([b.id]);
  });
});

describe('tree', () => {
  it('serves children, direct-children, descendants (depth) and ancestors (top-down)', async () => {
    const { json: a } = await create('A');
    const { json: b } = await create('B', { parentId: a.id });
    const { json: c } = await create('C', { parentId: b.id });
    const kids = await http.get(`/wiki/api/v2/pages/${docs.homepageId}/children`);
    expect(kids.json.results.map((p: { title: string }) => p.title)).toEqual(['A']);
    const direct = await http.get(`/wiki/api/v2/pages/${a.id}/direct-children`);
    expect(direct.json.results[0]).toMatchObject({ id: b.id, type: 'page', title: 'B' });
    const twoLevels = await http.get(`/wiki/api/v2/pages/${docs.homepageId}/descendants`);
    expect(twoLevels.json.results.map((p: { id: string; depth: number }) => [p.id, p.depth])).toEqual([
      [a.id, 1],
      [b.id, 2],
    ]);
    const all = await http.get(`/wiki/api/v2/pages/${docs.homepageId}/descendants?depth=9`);
    expect(all.json.results).toHaveLength(3);
    const ancestors = await http.get(`/wiki/api/v2/pages/${c.id}/ancestors`);
    expect(ancestors.json.results).toEqual([
      { id: docs.homepageId, type: 'page' },
      { id: a.id, type: 'page' },
      { id: b.id, type: 'page' },
    ]);
  });
});

describe('labels, attachments, properties', () => {
  it('reads labels written through v1 and attachments uploaded through v1', async () => {
    const { json: page } = await create('Labelled');
    await http.post(`/wiki/rest/api/content/${page.id}/label`, [
      { prefix: 'global', name: 'Alpha' },
      { name: 'beta' },
    ]);
    const labels = await http.get(`/wiki/api/v2/pages/${page.id}/labels`);
    expect(labels.json.results.map((l: { name: string }) => l.name)).toEqual(['alpha', 'beta']);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }), 'a.png');
    form.append('file', new Blob(['hello']), 'b.txt');
    await http.post(`/wiki/rest/api/content/${page.id}/child/attachment`, form, {
      'X-Atlassian-Token': 'no-check',
    });
    const list = await http.get(`/wiki/api/v2/pages/${page.id}/attachments`);
    expect(list.json.results).toHaveLength(2);
    const png = (await http.get(`/wiki/api/v2/pages/${page.id}/attachments?filename=a.png`)).json.results;
    expect(png).toHaveLength(1);
    expect(png[0]).toMatchObject({
      id: expect.stringMatching(/^att\d+$/),
      title: 'a.png',
      mediaType: 'image/png',
      fileSize: 3,
    });
    const download = await fetch(
      `${http.origin}/wiki/rest/api/content/${page.id}/child/attachment/${png[0].id}/download`,
      { headers: { Authorization: basic() } },
    );
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    const servlet = await fetch(`${http.origin}/wiki${png[0].downloadLink}`, {
      headers: { Authorization: basic() },
    });
    expect(servlet.status).toBe(401);
  });

  it('creates, reads, updates (version+1) and deletes content properties', async () => {
    const { json: page } = await create('Props');
    const base = `/wiki/api/v2/pages/${page.id}/properties`;
    const created = await http.post(base, { key: 'sync', value: { hash: 'abc' } });
    expect(created.json).toMatchObject({ key: 'sync', value: { hash: 'abc' }, version: { number: 1 } });
    expect((await http.post(base, { key: 'sync', value: 1 })).status).toBe(400);
    const id = created.json.id;
    expect((await http.put(`${base}/${id}`, { key: 'sync', value: 2, version: { number: 1 } })).status).toBe(
      409,
    );
    expect(
      (await http.put(`${base}/${id}`, { key: 'sync', value: 2, version: { number: 2 } })).json.value,
    ).toBe(2);
    expect((await http.get(`${base}?key=sync`)).json.results).toHaveLength(1);
    expect((await http.del(`${base}/${id}`)).status).toBe(204);
    expect((await http.get(`${base}/${id}`)).status).toBe(404);
  });
});
