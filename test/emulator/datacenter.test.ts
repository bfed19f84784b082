import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index.js';
import { api, basic } from './test-helpers.js';

let emu: Emulator;
let http: ReturnType<typeof api>;
let homeId: string;

const V1 = '/rest/api';
const storage = (value: string) => ({ storage: { value, representation: 'storage' } });

beforeAll(async () => {
  emu = await startEmulator({ port: 0, flavor: 'datacenter' });
  http = api(emu);
});
afterAll(() => emu.stop());
beforeEach(() => {
  emu.reset();
  homeId = emu.spaces().find((s) => s.key === 'DOCS')!.homepageId;
});

const create = (title: string, parentId = homeId, body = '<p>dc</p>') =>
  http.post(`${V1}/content`, {
    type: 'page',
    title,
    space: { key: 'DOCS' },
    ancestors: [{ id: parentId }],
    body: storage(body),
  });

describe('Data Center', () => {
  it('has its URL at the root (no /wiki) and no REST v2', async () => {
    expect(emu.url).toBe(`http://127.0.0.1:${emu.port}`);
    expect((await http.get('/wiki/api/v2/spaces')).status).toBe(404);
  });

  it('accepts a Bearer personal access token or Basic, and answers 401 otherwise', async () => {
    expect((await http.get(`${V1}/space/DOCS`)).status).toBe(200);
    expect((await api(emu, basic()).get(`${V1}/space/DOCS`)).status).toBe(200);
    const refused = await api(emu, 'Bearer wrong-token').get(`${V1}/space/DOCS`);
    expect(refused.status).toBe(401);
    expect(refused.text).toMatch(/AUTHENTICATED_FAILED/);
  });

  it('GET /space/{key}?expand=homepage gives the home page; unknown keys 404', async () => {
    const res = await http.get(`${V1}/space/DOCS?expand=homepage`);
    expect(res.json).toMatchObject({
      key: 'DOCS',
      homepage: { id: homeId, title: 'Docs Home', type: 'page' },
    });
    const missing = await http.get(`${V1}/space/NOPE`);
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ statusCode: 404, message: 'No space with key : NOPE' });
  });

  it('creates, finds by title, reads with expand, updates with version+1, reads history', async () => {
    const created = await create('DC Page');
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ type: 'page', title: 'DC Page', version: { number: 1 } });
    expect(created.json.ancestors.at(-1).id).toBe(homeId);
    const id = created.json.id;

    const found = await http.get(
      `${V1}/content?spaceKey=DOCS&title=${encodeURIComponent('DC Page')}&type=page&expand=version`,
    );
    expect(found.json.results.map((r: { id: string }) => r.id)).toEqual([id]);

    const read = await http.get(`${V1}/content/${id}?expand=body.storage,version,ancestors,space`);
    expect(read.json.body.storage).toMatchObject({ value: '<p>dc</p>', representation: 'storage' });
    expect(read.json.ancestors.map((a: { id: string }) => a.id)).toEqual([homeId]);
    expect(read.json.space.key).toBe('DOCS');
    const lean = await http.get(`${V1}/content/${id}`);
    expect(lean.json.body).toBeUndefined();
    expect(lean.json._expandable.body).toBeDefined();

    const update = (number: number | undefined, body: string) =>
      http.put(`${V1}/content/${id}`, {
        type: 'page',
        title: 'DC Page',
        body: storage(body),
        ...(number === undefined ? {} : { version: { number, message: 'sync' } }),
      });
    expect((await update(2, '<p>two</p>')).json.version.number).toBe(2);
    const stale = await update(2, '<p>stale</p>');
    expect(stale.status).toBe(409);
    expect(stale.json.message).toBe('Version must be incremented on update. Current version is: 2');
    const noVersion = await update(undefined, '<p>x</p>');
    expect(noVersion.status).toBe(400);
    expect(noVersion.json.message).toBe(
      'Must supply an incremented version when updating Content. No version supplied.',
    );

    const old = await http.get(`${V1}/content/${id}?status=historical&version=1&expand=body.storage`);
    expect(old.json).toMatchObject({
      status: 'historical',
      version: { number: 1 },
      body: { storage: { value: '<p>dc</p>' } },
    });
    const history = await http.get(`${V1}/content/${id}/version`);
    expect(history.json.results.map((v: { number: number }) => v.number)).toEqual([2, 1]);
  });

  it('creates a top-level page when no ancestors are given (v1 does not default to the home page)', async () => {
    const res = await http.post(`${V1}/content`, {
      type: 'page',
      title: 'Top',
      space: { key: 'DOCS' },
      body: storage('<p/>'),
    });
    expect(res.status).toBe(200);
    expect(res.json.ancestors).toEqual([]);
    expect(emu.getPage(res.json.id)?.parentId).toBeNull();
  });

  it('moves with ancestors, refuses duplicate titles with the v1 message', async () => {
    const { json: a } = await create('A');
    const { json: b } = await create('B');
    const moved = await http.put(`${V1}/content/${b.id}`, {
      type: 'page',
      title: 'B',
      ancestors: [{ id: a.id }],
      version: { number: 2 },
    });
    expect(moved.json.ancestors.map((x: { id: string }) => x.id)).toEqual([homeId, a.id]);
    expect(emu.getPage(b.id)?.body).toBe('<p>dc</p>');
    const dup = await create('a');
    expect(dup.status).toBe(400);
    expect(dup.json.message).toBe(
      'A page with this title already exists: A page already exists with the title a in the space with key DOCS',
    );
  });

  it('lists children and descendants with start/limit paging (limit capped at 200)', async () => {
    const { json: parent } = await create('Parent');
    for (let i = 0; i < 5; i++) {
      const { json: child } = await create(`Child ${i}`, parent.id);
      await create(`Grandchild ${i}`, child.id);
    }
    const first = await http.get(`${V1}/content/${parent.id}/child/page?limit=2&expand=version`);
    expect(first.json).toMatchObject({ start: 0, limit: 2, size: 2 });
    expect(first.json._links.next).toBe(
      `${V1}/content/${parent.id}/child/page?limit=2&expand=version&start=2`,
    );
    const all: string[] = [];
    let next: string | undefined =
      `${V1}/content/${parent.id}/descendant/page?expand=version,ancestors&limit=4`;
    while (next) {
      const res = await http.get(next);
      all.push(...res.json.results.map((r: { title: string }) => r.title));
      next = res.json._links.next;
    }
    expect(all).toHaveLength(10);
    expect(all.slice(0, 5)).toEqual(['Child 0', 'Child 1', 'Child 2', 'Child 3', 'Child 4']);
    expect((await http.get(`${V1}/content/${parent.id}/descendant/page?limit=1000`)).json.limit).toBe(200);
  });

  it('deletes to the trash (204) and purges with status=trashed', async () => {
    const { json: page } = await create('Gone soon');
    expect((await http.del(`${V1}/content/${page.id}`)).status).toBe(204);
    expect((await http.get(`${V1}/content/${page.id}`)).status).toBe(404);
    expect((await http.get(`${V1}/content/${page.id}?status=trashed`)).json.status).toBe('trashed');
    expect((await http.del(`${V1}/content/${page.id}?status=trashed`)).status).toBe(204);
    expect((await http.get(`${V1}/content/${page.id}?status=trashed`)).status).toBe(404);
  });

  it('pages CQL search by start/limit and serves attachments at /download', async () => {
    for (let i = 0; i < 3; i++) await create(`Found ${i}`);
    const res = await http.get(
      `${V1}/content/search?cql=${encodeURIComponent('title ~ "Found" order by title')}&limit=2`,
    );
    expect(res.json.results.map((r: { title: string }) => r.title)).toEqual(['Found 0', 'Found 1']);
    expect(res.json._links.next).toMatch(/start=2/);
    const form = new FormData();
    form.append('file', new Blob(['dc bytes']), 'dc.txt');
    const up = await http.put(`${V1}/content/${homeId}/child/attachment`, form, {
      'X-Atlassian-Token': 'no-check',
    });
    expect(up.status).toBe(200);
    expect((await http.get(`/download/attachments/${homeId}/dc.txt`)).text).toBe('dc bytes');
  });

  it('refuses writes to the read-only space with 403 in the v1 envelope', async () => {
    const res = await http.post(`${V1}/content`, {
      type: 'page',
      title: 'No',
      space: { key: 'READ' },
      body: storage('<p/>'),
    });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ statusCode: 403, reason: 'Forbidden' });
  });
});
