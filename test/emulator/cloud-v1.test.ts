import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index.js';
import { api, basic } from './test-helpers.js';

let emu: Emulator;
let http: ReturnType<typeof api>;
let pageId: string;

const V1 = '/wiki/rest/api';
const NOCHECK = { 'X-Atlassian-Token': 'no-check' };

function form(
  files: { name: string; data: string | Uint8Array; type?: string }[],
  comment?: string,
): FormData {
  const f = new FormData();
  for (const file of files) f.append('file', new Blob([file.data], { type: file.type ?? '' }), file.name);
  if (comment !== undefined) f.append('comment', comment);
  f.append('minorEdit', 'true');
  return f;
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  http = api(emu);
});
afterAll(() => emu.stop());
beforeEach(() => {
  emu.reset();
  pageId = emu.createPage({ spaceKey: 'DOCS', title: 'Attachments', body: '<p/>' }).id;
});

describe('v1 attachments', () => {
  it('needs X-Atlassian-Token no-check or nocheck (403 XSRF check failed otherwise)', async () => {
    const url = `${V1}/content/${pageId}/child/attachment`;
    const refused = await http.post(url, form([{ name: 'a.txt', data: 'a' }]));
    expect(refused.status).toBe(403);
    expect(refused.text).toBe('XSRF check failed');
    expect(
      (await http.post(url, form([{ name: 'a.txt', data: 'a' }]), { 'X-Atlassian-Token': 'nocheck' })).status,
    ).toBe(200);
  });

  it('POST creates, refuses the same file name; PUT adds a version; /data replaces by id', async () => {
    const url = `${V1}/content/${pageId}/child/attachment`;
    const created = await http.post(url, form([{ name: 'diagram.svg', data: '<svg/>' }], 'hash:1'), NOCHECK);
    expect(created.status).toBe(200);
    const att = created.json.results[0];
    expect(att).toMatchObject({
      id: expect.stringMatching(/^att\d+$/),
      title: 'diagram.svg',
      version: { number: 1 },
    });
    expect(att.extensions).toMatchObject({ mediaType: 'image/svg+xml', fileSize: 6, comment: 'hash:1' });

    const dup = await http.post(url, form([{ name: 'diagram.svg', data: 'x' }]), NOCHECK);
    expect(dup.status).toBe(400);
    expect(dup.json.message).toBe(
      'Cannot add a new attachment with same file name as an existing attachment: diagram.svg',
    );

    const put = await http.put(url, form([{ name: 'diagram.svg', data: '<svg>2</svg>' }], 'hash:2'), NOCHECK);
    expect(put.json.results[0]).toMatchObject({ id: att.id, version: { number: 2 } });
    const putNew = await http.put(url, form([{ name: 'other.txt', data: 'o' }]), NOCHECK);
    expect(putNew.json.results[0].version.number).toBe(1);

    const data = await http.post(
      `${url}/${att.id}/data`,
      form([{ name: 'ignored.svg', data: '<svg>3</svg>' }]),
      NOCHECK,
    );
    expect(data.json).toMatchObject({ id: att.id, title: 'diagram.svg', version: { number: 3 } });
    expect(emu.attachments(pageId).find((a) => a.title === 'diagram.svg')).toMatchObject({ version: 3 });

    // Cloud: the REST download redirects to the media host (another origin), which serves the bytes.
    const redirect = await fetch(`${http.origin}${url}/${att.id}/download`, {
      headers: { Authorization: basic() },
      redirect: 'manual',
    });
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.headers.get('location')!);
    expect(location.origin).not.toBe(http.origin);
    expect((await fetch(location)).status).toBe(200);
    expect((await fetch(location, { headers: { Authorization: basic() } })).status).toBe(400);
    const download = await http.get(`${url}/${att.id}/download`);
    expect(download.text).toBe('<svg>3</svg>');
    expect((await http.get(`${url}/${att.id}/download?version=1`)).text).toBe('<svg/>');
    // The servlet path of downloadLink refuses API tokens on Cloud since 2026 (CHANGE-2735).
    const servlet = await http.get(`/wiki/download/attachments/${pageId}/diagram.svg?version=1`);
    expect(servlet.status).toBe(401);
    const listed = await http.get(`${url}?filename=diagram.svg`);
    expect(listed.json.results).toHaveLength(1);
    expect(listed.json.results[0]._links.download).toMatch(
      new RegExp(`^/download/attachments/${pageId}/diagram.svg\\?version=3`),
    );
  });

  it('keeps binary data intact', async () => {
    const bytes = new Uint8Array(256).map((_, i) => i);
    await http.put(
      `${V1}/content/${pageId}/child/attachment`,
      form([{ name: 'bin.dat', data: bytes }]),
      NOCHECK,
    );
    expect(emu.attachments(pageId)[0]?.data).toEqual(bytes);
  });

  it('answers 400 without a file field and 404 for an unknown page', async () => {
    const noFile = new FormData();
    noFile.append('comment', 'x');
    expect((await http.post(`${V1}/content/${pageId}/child/attachment`, noFile, NOCHECK)).status).toBe(400);
    const missing = await http.post(
      `${V1}/content/999999/child/attachment`,
      form([{ name: 'a', data: 'a' }]),
      NOCHECK,
    );
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ statusCode: 404, reason: 'Not Found' });
  });
});

describe('v1 labels', () => {
  it('adds (array or single object), lists and removes by ?name=', async () => {
    const url = `${V1}/content/${pageId}/label`;
    expect((await http.post(url, [{ prefix: 'global', name: 'one' }, { name: 'two' }])).json.size).toBe(2);
    await http.post(url, { name: 'three' });
    expect((await http.get(url)).json.results.map((l: { name: string }) => l.name)).toEqual([
      'one',
      'two',
      'three',
    ]);
    expect((await http.del(`${url}?name=two`)).status).toBe(204);
    expect(emu.getPage(pageId)?.labels).toEqual(['one', 'three']);
    expect((await http.del(`${url}?name=two`)).status).toBe(404);
    expect((await http.post(url, [{ name: 'has space' }])).status).toBe(400);
  });
});

describe('v1 CQL search (Cloud: cursor paging)', () => {
  it('filters by space, type, title, id in, ancestor, label, lastmodified and orders', async () => {
    const a = emu.createPage({ spaceKey: 'DOCS', parentId: pageId, title: 'Alpha', body: '<p/>' });
    const b = emu.createPage({ spaceKey: 'DOCS', parentId: a.id, title: 'Beta', body: '<p/>' });
    await http.post(`${V1}/content/${b.id}/label`, [{ name: 'tagged' }]);
    const search = async (cql: string, extra = '') =>
      (await http.get(`${V1}/content/search?cql=${encodeURIComponent(cql)}${extra}`)).json.results.map(
        (r: { title: string }) => r.title,
      );
    expect(await search('space = DOCS and type = page order by title asc')).toEqual([
      'Alpha',
      'Attachments',
      'Beta',
      'Docs Home',
    ]);
    expect(await search('space = "READ"')).toEqual(['Read Only Home', 'Read Only Reference']);
    expect(await search('title = "alpha"')).toEqual(['Alpha']);
    expect(await search(`id in (${a.id}, ${b.id}) order by id desc`)).toEqual(['Beta', 'Alpha']);
    expect(await search(`ancestor = ${pageId}`)).toEqual(['Alpha', 'Beta']);
    expect(await search('label = tagged')).toEqual(['Beta']);
    expect(await search('type = blogpost')).toEqual([]);
    expect(
      await search('space = DOCS and lastmodified > "2000-01-01 00:00" and lastmodified < "2999/01/01"'),
    ).toHaveLength(4);
    expect(await search('space = DOCS and lastmodified >= "2999-01-01 00:00"')).toEqual([]);
    expect(await search('space = DOCS and not title ~ "a"')).toEqual(['Docs Home']);

    const page1 = await http.get(
      `${V1}/content/search?cql=${encodeURIComponent('space = DOCS order by id')}&limit=3&expand=body.storage,version`,
    );
    expect(page1.json.results).toHaveLength(3);
    expect(page1.json.results[0].body.storage.value).toBe('<p>Welcome to the documentation space.</p>');
    expect(page1.json.totalSize).toBe(4);
    expect(page1.json._links.next).toMatch(/^\/rest\/api\/content\/search\?.*cursor=/);
    const page2 = await http.get(`/wiki${page1.json._links.next}`);
    expect(page2.json.results).toHaveLength(1);
    expect(page2.json._links.next).toBeUndefined();
  });

  it('answers 400 for CQL it cannot parse', async () => {
    for (const cql of [
      'space = ',
      'nonsense = 1',
      'lastmodified > "2024-01-31T13:45:00Z"',
      'title = "open',
    ]) {
      const res = await http.get(`${V1}/content/search?cql=${encodeURIComponent(cql)}`);
      expect(res.status, cql).toBe(400);
      expect(res.json.message).toMatch(/^Could not parse cql/);
    }
  });
});

describe('v1 content CRUD on Cloud', () => {
  it('works by default (200) and answers 410 GoneException when cloudV1Content is gone', async () => {
    expect((await http.get(`${V1}/content/${pageId}?expand=body.storage`)).json.body.storage.value).toBe(
      '<p/>',
    );
    const gone = await startEmulator({ port: 0, cloudV1Content: 'gone' });
    try {
      const res = await api(gone).get(`${V1}/content/${pageId}`);
      expect(res.status).toBe(410);
      expect(res.json.message).toBe(
        'com.atlassian.confluence.api.service.exceptions.GoneException: This deprecated endpoint has been removed.',
      );
      // what is still in the v1 spec keeps working
      expect((await api(gone).get(`${V1}/content/search?cql=type=page`)).status).toBe(200);
    } finally {
      await gone.stop();
    }
  });

  it('marks served deprecated calls with a Deprecation header; through the OAuth gateway they are gone', async () => {
    const served = await http.get(`${V1}/content/${pageId}`);
    expect(served.headers.get('deprecation')).toBeTruthy();
    const gateway = await http.get(`/ex/confluence/cloud-id-123${V1}/content/${pageId}`);
    expect(gateway.status).toBe(410);
    const v2 = await http.get(`/ex/confluence/cloud-id-123/wiki/api/v2/pages/${pageId}`);
    expect(v2.json.title).toBe('Attachments');
  });

  it('v1 answers use the v1 error envelope and messages', async () => {
    const res = await http.put(`${V1}/content/${pageId}`, {
      type: 'page',
      title: 'Attachments',
      version: { number: 1 },
    });
    expect(res.status).toBe(409);
    expect(res.json).toEqual({
      statusCode: 409,
      data: { authorized: true, valid: true, allowedInReadOnlyMode: true, errors: [], successful: false },
      message: 'Version must be incremented on update. Current version is: 1',
      reason: 'Conflict',
    });
  });
});
