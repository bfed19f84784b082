import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Space } from '../../../src/confluence/types.js';
import { CLOUD, TOKEN, USER, cloudClient, server, useMockServer, v2Error, v2Page } from './fixtures.js';

useMockServer();

const SPACE: Space = { id: '100', key: 'DOCS', name: 'Docs', homepageId: '1' };
const SITE = 'https://example.atlassian.net';

/** Records every request a handler saw: URL and parsed JSON body. */
function recorder() {
  const seen: { method: string; url: URL; body: unknown }[] = [];
  const record = async (request: Request) => {
    const text = request.method === 'GET' || request.method === 'DELETE' ? '' : await request.clone().text();
    seen.push({
      method: request.method,
      url: new URL(request.url),
      body: text ? JSON.parse(text) : undefined,
    });
  };
  return { seen, record };
}

describe('Cloud: spaces and listing', () => {
  it('getSpace looks the key up with GET /api/v2/spaces?keys=', async () => {
    const { seen, record } = recorder();
    server.use(
      http.get(`${CLOUD}/api/v2/spaces`, async ({ request }) => {
        await record(request);
        return HttpResponse.json({
          results: [
            { id: '100', key: 'DOCS', name: 'Docs', homepageId: '1', type: 'global', status: 'current' },
          ],
          _links: {},
        });
      }),
    );
    await expect(cloudClient().client.getSpace('DOCS')).resolves.toEqual(SPACE);
    expect(seen[0]?.url.searchParams.get('keys')).toBe('DOCS');
  });

  it('listTree follows _links.next (which already starts with /wiki) and keeps only the subtree of the root', async () => {
    const { seen, record } = recorder();
    const batches = [
      [v2Page('1', { parentId: null }), v2Page('2', { parentId: '1' }), v2Page('3', { parentId: '1' })],
      [v2Page('4', { parentId: '2' }), v2Page('5', { parentId: null, title: 'Other root' })],
      [v2Page('6', { parentId: '5' }), v2Page('7', { parentId: '4', version: 9 })],
    ];
    server.use(
      http.get(`${CLOUD}/api/v2/spaces/100/pages`, async ({ request }) => {
        await record(request);
        const index = Number(new URL(request.url).searchParams.get('cursor') ?? '0');
        const next =
          index + 1 < batches.length
            ? `/wiki/api/v2/spaces/100/pages?cursor=${index + 1}&limit=250`
            : undefined;
        return HttpResponse.json({
          results: batches[index],
          _links: { ...(next ? { next } : {}), base: CLOUD },
        });
      }),
    );
    const tree = await cloudClient().client.listTree(SPACE, '2');
    expect(tree.map((p) => p.id).sort()).toEqual(['2', '4', '7']);
    expect(tree.find((p) => p.id === '7')).toEqual({
      id: '7',
      title: 'Page 7',
      parentId: '4',
      version: 9,
      lastModified: '2026-02-02T10:00:00.000Z',
      spaceId: '100',
      status: 'current',
    });
    expect(seen).toHaveLength(3);
    expect(seen.map((s) => s.url.pathname)).toEqual(Array(3).fill('/wiki/api/v2/spaces/100/pages'));
    expect(Object.fromEntries(seen[0]!.url.searchParams)).toEqual({ limit: '250', sort: 'id' });
    expect(seen[2]?.url.searchParams.get('cursor')).toBe('2');
  });

  it('joins next links under an API gateway prefix too', async () => {
    const gateway = 'https://api.atlassian.com/ex/confluence/abc-123/wiki';
    const paths: string[] = [];
    server.use(
      http.get(`${gateway}/api/v2/spaces/100/pages`, ({ request }) => {
        const url = new URL(request.url);
        paths.push(url.pathname + url.search);
        return HttpResponse.json(
          url.searchParams.get('cursor')
            ? { results: [v2Page('2', { parentId: '1' })], _links: {} }
            : {
                results: [v2Page('1', { parentId: null })],
                _links: { next: '/wiki/api/v2/spaces/100/pages?cursor=c2' },
              },
        );
      }),
    );
    const { client } = cloudClient({ baseUrl: gateway, flavor: 'cloud' });
    await expect(client.listTree(SPACE, '1')).resolves.toHaveLength(2);
    expect(paths[1]).toBe('/ex/confluence/abc-123/wiki/api/v2/spaces/100/pages?cursor=c2');
  });

  it('refuses to follow a next link to another host (credentials stay home)', async () => {
    server.use(
      http.get(`${CLOUD}/api/v2/spaces/100/pages`, () =>
        HttpResponse.json({
          results: [v2Page('1', { parentId: null })],
          _links: { next: 'https://evil.example.net/wiki/api/v2/spaces/100/pages?cursor=x' },
        }),
      ),
    );
    await expect(cloudClient().client.listTree(SPACE, '1')).rejects.toMatchObject({ code: 'CS-012' });
  });

  it('says so when the root page is not in the space', async () => {
    server.use(
      http.get(`${CLOUD}/api/v2/spaces/100/pages`, () =>
        HttpResponse.json({ results: [v2Page('1')], _links: {} }),
      ),
    );
    await expect(cloudClient().client.listTree(SPACE, '999')).rejects.toMatchObject({
      code: 'CS-003',
      message: expect.stringMatching(/Page 999 not found in space DOCS/),
    });
  });
});

describe('Cloud: reading pages', () => {
  it('getPages asks for 250 ids a request with storage bodies, and keeps the caller’s order', async () => {
    const { seen, record } = recorder();
    server.use(
      http.get(`${CLOUD}/api/v2/pages`, async ({ request }) => {
        await record(request);
        const ids = new URL(request.url).searchParams.get('id')!.split(',');
        // Confluence returns them in its own order, and skips ids it does not have
        const found = ids.filter((id) => id !== '13').reverse();
        return HttpResponse.json({
          results: found.map((id) => v2Page(id, { body: `<p>${id}</p>` })),
          _links: {},
        });
      }),
    );
    const ids = Array.from({ length: 300 }, (_, i) => String(i + 1));
    const pages = await cloudClient().client.getPages([...ids, '1']);
    expect(seen).toHaveLength(2);
    expect(seen[0]?.url.searchParams.get('id')?.split(',')).toHaveLength(250);
    expect(seen[1]?.url.searchParams.get('id')?.split(',')).toHaveLength(50);
    expect(seen[0]?.url.searchParams.get('body-format')).toBe('storage');
    expect(seen[0]?.url.searchParams.get('limit')).toBe('250');
    expect(pages).toHaveLength(299);
    expect(pages.slice(0, 3).map((p) => [p.id, p.body])).toEqual([
      ['1', '<p>1</p>'],
      ['2', '<p>2</p>'],
      ['3', '<p>3</p>'],
    ]);
  });

  it('getPage reads a historical version with ?version=', async () => {
    const { seen, record } = recorder();
    server.use(
      http.get(`${CLOUD}/api/v2/pages/123`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(v2Page('123', { version: 3, body: '<p>old</p>' }));
      }),
    );
    await expect(cloudClient().client.getPage('123', 3)).resolves.toMatchObject({
      version: 3,
      body: '<p>old</p>',
    });
    expect(Object.fromEntries(seen[0]!.url.searchParams)).toEqual({ 'body-format': 'storage', version: '3' });
  });

  it('a page without its storage body is a bad response, never an empty page', async () => {
    server.use(http.get(`${CLOUD}/api/v2/pages/123`, () => HttpResponse.json(v2Page('123'))));
    await expect(cloudClient().client.getPage('123')).rejects.toMatchObject({ code: 'CS-012' });
  });

  it('findPageByTitle filters by space and exact title', async () => {
    const { seen, record } = recorder();
    server.use(
      http.get(`${CLOUD}/api/v2/pages`, async ({ request }) => {
        await record(request);
        const title = new URL(request.url).searchParams.get('title');
        return HttpResponse.json({
          results: title === 'Guide' ? [v2Page('5', { title: 'Guide' })] : [],
          _links: {},
        });
      }),
    );
    const { client } = cloudClient();
    await expect(client.findPageByTitle(SPACE, 'Guide')).resolves.toMatchObject({ id: '5', title: 'Guide' });
    await expect(client.findPageByTitle(SPACE, 'guide')).resolves.toBeNull();
    expect(seen[0]?.url.searchParams.get('space-id')).toBe('100');
  });
});

describe('Cloud: writing pages', () => {
  it('createPage POSTs the v2 shape', async () => {
    const { seen, record } = recorder();
    server.use(
      http.post(`${CLOUD}/api/v2/pages`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(v2Page('9', { title: 'New', parentId: '1' }));
      }),
    );
    const created = await cloudClient().client.createPage({
      spaceId: '100',
      parentId: '1',
      title: 'New',
      body: '<p>hi</p>',
    });
    expect(created).toMatchObject({ id: '9', title: 'New', parentId: '1', version: 1 });
    expect(seen[0]?.body).toEqual({
      spaceId: '100',
      status: 'current',
      title: 'New',
      parentId: '1',
      body: { representation: 'storage', value: '<p>hi</p>' },
    });
  });

  it('never blindly repeats a create: after a lost answer it finds the page it made', async () => {
    let posts = 0;
    server.use(
      http.post(`${CLOUD}/api/v2/pages`, () => {
        posts += 1;
        return HttpResponse.error();
      }),
      http.get(`${CLOUD}/api/v2/pages`, () =>
        HttpResponse.json({ results: [v2Page('9', { title: 'New', parentId: '1' })], _links: {} }),
      ),
    );
    const created = await cloudClient().client.createPage({
      spaceId: '100',
      parentId: '1',
      title: 'New',
      body: '<p/>',
    });
    expect(created).toMatchObject({ id: '9', title: 'New' });
    expect(posts).toBe(1);
  });

  it('a 5xx on create is ambiguous too: look first, then create again if the page is not there', async () => {
    let posts = 0;
    let lookups = 0;
    server.use(
      http.post(`${CLOUD}/api/v2/pages`, () => {
        posts += 1;
        return posts === 1
          ? new HttpResponse(null, { status: 502 })
          : HttpResponse.json(v2Page('9', { title: 'New' }));
      }),
      http.get(`${CLOUD}/api/v2/pages`, () => {
        lookups += 1;
        return HttpResponse.json({ results: [], _links: {} });
      }),
    );
    const { client, sleeps } = cloudClient();
    await expect(
      client.createPage({ spaceId: '100', parentId: '1', title: 'New', body: '<p/>' }),
    ).resolves.toMatchObject({ id: '9' });
    expect([posts, lookups]).toEqual([2, 1]);
    expect(sleeps).toEqual([750]);
  });

  it('a same-titled page under another parent is not ours: the create reports the title clash', async () => {
    let posts = 0;
    server.use(
      http.post(`${CLOUD}/api/v2/pages`, () => {
        posts += 1;
        return posts === 1
          ? HttpResponse.error()
          : HttpResponse.json(
              v2Error(
                400,
                'BAD_REQUEST',
                'A page with this title already exists: A page already exists with the same TITLE in this space',
              ),
              { status: 400 },
            );
      }),
      http.get(`${CLOUD}/api/v2/pages`, () =>
        HttpResponse.json({ results: [v2Page('77', { title: 'New', parentId: '42' })], _links: {} }),
      ),
    );
    await expect(
      cloudClient().client.createPage({ spaceId: '100', parentId: '1', title: 'New', body: '<p/>' }),
    ).rejects.toMatchObject({ code: 'CS-010' });
    expect(posts).toBe(2);
  });

  it('without a parent, the found page must hang under the space home page', async () => {
    server.use(
      http.get(`${CLOUD}/api/v2/spaces`, () =>
        HttpResponse.json({
          results: [{ id: '100', key: 'DOCS', name: 'Docs', homepageId: '1' }],
          _links: {},
        }),
      ),
      http.post(`${CLOUD}/api/v2/pages`, () => HttpResponse.error()),
      http.get(`${CLOUD}/api/v2/pages`, () =>
        HttpResponse.json({ results: [v2Page('9', { title: 'New', parentId: '1' })], _links: {} }),
      ),
    );
    const { client } = cloudClient();
    await client.getSpace('DOCS');
    await expect(client.createPage({ spaceId: '100', title: 'New', body: '<p/>' })).resolves.toMatchObject({
      id: '9',
    });
  });

  it('gives up after the configured retries when every create attempt is lost', async () => {
    let posts = 0;
    server.use(
      http.post(`${CLOUD}/api/v2/pages`, () => {
        posts += 1;
        return HttpResponse.error();
      }),
      http.get(`${CLOUD}/api/v2/pages`, () => HttpResponse.json({ results: [], _links: {} })),
    );
    await expect(
      cloudClient({ retries: 2 }).client.createPage({
        spaceId: '100',
        parentId: '1',
        title: 'New',
        body: '<p/>',
      }),
    ).rejects.toMatchObject({ code: 'CS-002' });
    expect(posts).toBe(3);
  });

  it('updatePage PUTs baseVersion + 1 with the full v2 shape', async () => {
    const { seen, record } = recorder();
    server.use(
      http.put(`${CLOUD}/api/v2/pages/123`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(v2Page('123', { title: 'Guide', version: 5, parentId: '7' }));
      }),
    );
    const updated = await cloudClient().client.updatePage({
      id: '123',
      spaceId: '100',
      title: 'Guide',
      parentId: '7',
      body: '<p>new</p>',
      baseVersion: 4,
      message: 'sync from git',
    });
    expect(updated).toMatchObject({ id: '123', version: 5, parentId: '7' });
    expect(seen[0]?.body).toEqual({
      id: '123',
      status: 'current',
      title: 'Guide',
      spaceId: '100',
      parentId: '7',
      body: { representation: 'storage', value: '<p>new</p>' },
      version: { number: 5, message: 'sync from git' },
    });
  });

  it('an update whose answer was lost, retried into a 409, is a success when the page holds our version', async () => {
    let puts = 0;
    server.use(
      http.put(`${CLOUD}/api/v2/pages/123`, () => {
        puts += 1;
        return puts === 1
          ? HttpResponse.error()
          : HttpResponse.json(
              v2Error(
                409,
                'CONFLICT',
                'Version must be incremented when updating a page. Current Version: [5]. Provided version: [5]',
              ),
              { status: 409 },
            );
      }),
      http.get(`${CLOUD}/api/v2/pages/123`, () =>
        HttpResponse.json(v2Page('123', { title: 'Guide', version: 5, body: '<p>new</p>' })),
      ),
    );
    const updated = await cloudClient().client.updatePage({
      id: '123',
      spaceId: '100',
      title: 'Guide',
      body: '<p>new</p>',
      baseVersion: 4,
    });
    expect(updated).toMatchObject({ id: '123', version: 5, title: 'Guide' });
    expect(updated).not.toHaveProperty('body');
    expect(puts).toBe(2);
  });

  it('…but stays a conflict when someone else wrote that version', async () => {
    let puts = 0;
    server.use(
      http.put(`${CLOUD}/api/v2/pages/123`, () => {
        puts += 1;
        return puts === 1
          ? new HttpResponse(null, { status: 503 })
          : HttpResponse.json(v2Error(409, 'CONFLICT', 'Current Version: [5]. Provided version: [5]'), {
              status: 409,
            });
      }),
      http.get(`${CLOUD}/api/v2/pages/123`, () =>
        HttpResponse.json(
          v2Page('123', { title: 'Renamed in Confluence', version: 5, body: '<p>theirs</p>' }),
        ),
      ),
    );
    await expect(
      cloudClient().client.updatePage({
        id: '123',
        spaceId: '100',
        title: 'Guide',
        body: '<p/>',
        baseVersion: 4,
      }),
    ).rejects.toMatchObject({ code: 'CS-005' });
  });

  it('a plain 409 is a conflict without a second look', async () => {
    server.use(
      http.put(`${CLOUD}/api/v2/pages/123`, () =>
        HttpResponse.json(v2Error(409, 'CONFLICT', 'Current Version: [6]. Provided version: [5]'), {
          status: 409,
        }),
      ),
    );
    await expect(
      cloudClient().client.updatePage({
        id: '123',
        spaceId: '100',
        title: 'Guide',
        body: '<p/>',
        baseVersion: 4,
      }),
    ).rejects.toMatchObject({ code: 'CS-005', message: expect.stringContaining('version 6') });
  });

  it('movePage keeps the body and title, changes the parent', async () => {
    const { seen, record } = recorder();
    server.use(
      http.get(`${CLOUD}/api/v2/pages/123`, () =>
        HttpResponse.json(v2Page('123', { title: 'Guide', version: 4, parentId: '1', body: '<p>keep</p>' })),
      ),
      http.put(`${CLOUD}/api/v2/pages/123`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(v2Page('123', { title: 'Guide', version: 5, parentId: '8' }));
      }),
    );
    const moved = await cloudClient().client.movePage({
      id: '123',
      spaceId: '100',
      parentId: '8',
      baseVersion: 4,
    });
    expect(moved).toMatchObject({ parentId: '8', version: 5 });
    expect(seen[0]?.body).toMatchObject({
      title: 'Guide',
      parentId: '8',
      body: { value: '<p>keep</p>' },
      version: { number: 5 },
    });
  });

  it('deletePage: 204, and a page already gone is fine', async () => {
    const deleted: string[] = [];
    server.use(
      http.delete(`${CLOUD}/api/v2/pages/:id`, ({ params }) => {
        deleted.push(String(params.id));
        return params.id === '1'
          ? new HttpResponse(null, { status: 204 })
          : HttpResponse.json(v2Error(404, 'NOT_FOUND', 'Not Found'), { status: 404 });
      }),
    );
    const { client } = cloudClient();
    await client.deletePage('1');
    await client.deletePage('2');
    expect(deleted).toEqual(['1', '2']);
  });
});

describe('Cloud: labels and attachments', () => {
  it('reads labels with v2 (paged), writes them with v1', async () => {
    const { seen, record } = recorder();
    server.use(
      http.get(`${CLOUD}/api/v2/pages/5/labels`, ({ request }) =>
        HttpResponse.json(
          new URL(request.url).searchParams.get('cursor')
            ? { results: [{ id: '2', name: 'beta', prefix: 'global' }], _links: {} }
            : {
                results: [{ id: '1', name: 'alpha', prefix: 'global' }],
                _links: { next: '/wiki/api/v2/pages/5/labels?cursor=n' },
              },
        ),
      ),
      http.post(`${CLOUD}/rest/api/content/5/label`, async ({ request }) => {
        await record(request);
        return HttpResponse.json({ results: [], size: 0 });
      }),
      http.delete(`${CLOUD}/rest/api/content/5/label`, async ({ request }) => {
        await record(request);
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { client } = cloudClient();
    await expect(client.getLabels('5')).resolves.toEqual(['alpha', 'beta']);
    await client.addLabels('5', ['gamma', 'delta']);
    await client.addLabels('5', []);
    await client.removeLabel('5', 'a/b');
    expect(seen[0]?.body).toEqual([
      { prefix: 'global', name: 'gamma' },
      { prefix: 'global', name: 'delta' },
    ]);
    expect(seen).toHaveLength(2);
    expect(seen[1]?.url.searchParams.get('name')).toBe('a/b');
  });

  it('lists attachments with v2, uploads with v1 multipart, downloads through the REST endpoint (not the listed servlet link)', async () => {
    let upload: { token: string | null; fields: Record<string, string>; file?: File } | undefined;
    const bytes = new Uint8Array([0, 1, 2, 250]);
    server.use(
      http.get(`${CLOUD}/api/v2/pages/5/attachments`, () =>
        HttpResponse.json({
          results: [
            {
              id: 'att77',
              status: 'current',
              title: 'diagram.png',
              pageId: '5',
              mediaType: 'image/png',
              fileSize: 4,
              comment: 'sha256:abc',
              version: { number: 2 },
              downloadLink: '/download/attachments/5/diagram.png?version=2&api=v2',
            },
          ],
          _links: {},
        }),
      ),
      http.put(`${CLOUD}/rest/api/content/5/child/attachment`, async ({ request }) => {
        const form = await request.formData();
        const fields: Record<string, string> = {};
        let file: File | undefined;
        form.forEach((value, key) => {
          if (typeof value === 'string') fields[key] = value;
          else file = value;
        });
        upload = { token: request.headers.get('x-atlassian-token'), fields, file };
        return HttpResponse.json({
          results: [
            {
              id: 'att77',
              type: 'attachment',
              title: 'diagram.png',
              version: { number: 3 },
              metadata: { mediaType: 'image/png', comment: 'sha256:def' },
              extensions: { mediaType: 'image/png', fileSize: 4, comment: 'sha256:def' },
              _links: { download: '/download/attachments/5/diagram.png?version=3' },
            },
          ],
          size: 1,
        });
      }),
      // Cloud's servlet refuses API tokens since 2026 (CHANGE-2735): never used.
      http.get(
        `${SITE}/wiki/download/attachments/5/diagram.png`,
        () => new HttpResponse(null, { status: 401 }),
      ),
      http.get(`${CLOUD}/rest/api/content/5/child/attachment/att77/download`, () =>
        HttpResponse.arrayBuffer(bytes.buffer),
      ),
      http.get(`${CLOUD}/rest/api/content/5/child/attachment/att9/download`, () =>
        HttpResponse.arrayBuffer(new Uint8Array([9]).buffer),
      ),
    );
    const { client } = cloudClient();
    const [listed] = await client.listAttachments('5');
    expect(listed).toEqual({
      id: 'att77',
      pageId: '5',
      title: 'diagram.png',
      mediaType: 'image/png',
      fileSize: 4,
      version: 2,
      comment: 'sha256:abc',
      downloadPath: '/download/attachments/5/diagram.png?version=2&api=v2',
    });

    const uploaded = await client.uploadAttachment({
      pageId: '5',
      filename: 'diagram.png',
      data: bytes,
      mediaType: 'image/png',
      comment: 'sha256:def',
    });
    expect(uploaded).toMatchObject({ id: 'att77', version: 3, comment: 'sha256:def', fileSize: 4 });
    expect(upload?.token).toBe('no-check');
    expect(upload?.fields).toEqual({ minorEdit: 'true', comment: 'sha256:def' });
    expect(upload?.file?.name).toBe('diagram.png');
    expect(new Uint8Array(await upload!.file!.arrayBuffer())).toEqual(bytes);

    await expect(client.downloadAttachment(listed!)).resolves.toEqual(bytes);
    const { downloadPath: _unused, ...withoutLink } = listed!;
    await expect(client.downloadAttachment({ ...withoutLink, id: 'att9' })).resolves.toEqual(
      new Uint8Array([9]),
    );
  });

  it('sends the same credentials on every call and never to another host', async () => {
    const auth: (string | null)[] = [];
    server.use(
      http.get(`${CLOUD}/api/v2/pages/5/attachments`, ({ request }) => {
        auth.push(request.headers.get('authorization'));
        return HttpResponse.json({
          results: [
            {
              id: 'att1',
              title: 'x.bin',
              version: { number: 1 },
              downloadLink: 'https://media.evil.example/download/x.bin',
            },
          ],
        });
      }),
    );
    server.use(
      http.get(`${CLOUD}/rest/api/content/5/child/attachment/att1/download`, ({ request }) => {
        auth.push(request.headers.get('authorization'));
        return new HttpResponse(null, {
          status: 302,
          headers: { Location: 'https://media.evil.example/x.bin' },
        });
      }),
    );
    const { client } = cloudClient();
    const [attachment] = await client.listAttachments('5');
    // the listed link to another host is never used; the REST endpoint's redirect there is refused
    await expect(client.downloadAttachment(attachment!)).rejects.toMatchObject({ code: 'CS-025' });
    const basic = `Basic ${Buffer.from(`${USER}:${TOKEN}`).toString('base64')}`;
    expect(auth).toEqual([basic, basic]);
  });
});
