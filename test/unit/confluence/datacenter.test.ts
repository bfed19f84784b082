import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Space } from '../../../src/confluence/types.js';
import { DC, dcClient, server, useMockServer, v1Content, v1Error } from './fixtures.js';

useMockServer();

const SPACE: Space = { id: '200', key: 'DOCS', name: 'Docs', homepageId: '10' };

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

describe('Data Center: spaces and listing', () => {
  it('getSpace reads /rest/api/space/{key}?expand=homepage', async () => {
    const { seen, record } = recorder();
    server.use(
      http.get(`${DC}/rest/api/space/DOCS`, async ({ request }) => {
        await record(request);
        return HttpResponse.json({
          id: 200,
          key: 'DOCS',
          name: 'Docs',
          type: 'global',
          homepage: { id: '10', title: 'Home' },
        });
      }),
    );
    await expect(dcClient().client.getSpace('DOCS')).resolves.toEqual(SPACE);
    expect(seen[0]?.url.searchParams.get('expand')).toBe('homepage');
  });

  it('listTree = the root + its descendants, 200 a request, parent = last ancestor', async () => {
    const { seen, record } = recorder();
    const descendants = Array.from({ length: 250 }, (_, i) =>
      v1Content(String(100 + i), { ancestors: ['1', '10', i < 5 ? '10' : '100'], version: 2 }),
    );
    server.use(
      http.get(`${DC}/rest/api/content/10`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(v1Content('10', { ancestors: ['1'], title: 'Docs Home', version: 3 }));
      }),
      http.get(`${DC}/rest/api/content/10/descendant/page`, async ({ request }) => {
        await record(request);
        const params = new URL(request.url).searchParams;
        const start = Number(params.get('start'));
        const limit = Number(params.get('limit'));
        const results = descendants.slice(start, start + limit);
        const more = start + limit < descendants.length;
        return HttpResponse.json({
          results,
          start,
          limit,
          size: results.length,
          _links: more
            ? {
                next: `/rest/api/content/10/descendant/page?expand=version,ancestors&limit=${limit}&start=${start + limit}`,
              }
            : {},
        });
      }),
    );
    const tree = await dcClient().client.listTree(SPACE, '10');
    expect(tree).toHaveLength(251);
    expect(tree[0]).toEqual({
      id: '10',
      title: 'Docs Home',
      parentId: '1',
      version: 3,
      lastModified: '2026-02-02T10:00:00.000Z',
      spaceId: '200',
      status: 'current',
    });
    expect(tree.find((p) => p.id === '110')?.parentId).toBe('100');
    const listings = seen.filter((s) => s.url.pathname.endsWith('/descendant/page'));
    expect(listings.map((s) => [s.url.searchParams.get('start'), s.url.searchParams.get('limit')])).toEqual([
      ['0', '200'],
      ['200', '200'],
    ]);
    expect(listings[0]?.url.searchParams.get('expand')).toBe('version,ancestors,space');
  });

  it('works under a context path (/confluence)', async () => {
    const base = 'https://wiki.acme.com/confluence';
    server.use(
      http.get(`${base}/rest/api/content/10`, () => HttpResponse.json(v1Content('10', { ancestors: [] }))),
      http.get(`${base}/rest/api/content/10/descendant/page`, ({ request }) =>
        HttpResponse.json(
          new URL(request.url).searchParams.get('start') === '0'
            ? {
                results: [v1Content('11')],
                _links: { next: '/rest/api/content/10/descendant/page?limit=1&start=1' },
              }
            : { results: [v1Content('12', { ancestors: ['10', '11'] })], _links: {} },
        ),
      ),
    );
    const tree = await dcClient({ baseUrl: base }).client.listTree(SPACE, '10');
    expect(tree.map((p) => [p.id, p.parentId])).toEqual([
      ['10', null],
      ['11', '10'],
      ['12', '11'],
    ]);
  });
});

describe('Data Center: reading pages', () => {
  it('getPages fetches bodies through CQL, 50 ids a request', async () => {
    const { seen, record } = recorder();
    server.use(
      http.get(`${DC}/rest/api/content/search`, async ({ request }) => {
        await record(request);
        const cql = new URL(request.url).searchParams.get('cql')!;
        const ids = cql.match(/^id in \((.*)\)$/)![1]!.split(',');
        return HttpResponse.json({
          results: ids.map((id) => v1Content(id, { body: `<p>${id}</p>` })),
          _links: {},
        });
      }),
    );
    const ids = Array.from({ length: 120 }, (_, i) => String(1000 + i));
    const pages = await dcClient().client.getPages([...ids, 'not-a-number']);
    expect(pages).toHaveLength(120);
    expect(pages[0]).toMatchObject({ id: '1000', body: '<p>1000</p>', parentId: '10', spaceId: '200' });
    expect(seen).toHaveLength(3);
    expect(seen[0]?.url.searchParams.get('cql')).toBe(`id in (${ids.slice(0, 50).join(',')})`);
    expect(seen[0]?.url.searchParams.get('expand')).toBe('body.storage,version,ancestors,space');
    expect(seen[2]?.url.searchParams.get('limit')).toBe('50');
  });

  it('getPage reads a historical version with status=historical&version=N', async () => {
    const { seen, record } = recorder();
    server.use(
      http.get(`${DC}/rest/api/content/55`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(v1Content('55', { version: 2, body: '<p>v2</p>' }));
      }),
    );
    await expect(dcClient().client.getPage('55', 2)).resolves.toMatchObject({
      version: 2,
      body: '<p>v2</p>',
    });
    expect(Object.fromEntries(seen[0]!.url.searchParams)).toEqual({
      expand: 'body.storage,version,ancestors,space',
      status: 'historical',
      version: '2',
    });
  });

  it('findPageByTitle asks /rest/api/content?spaceKey=&title=&type=page', async () => {
    const { seen, record } = recorder();
    server.use(
      http.get(`${DC}/rest/api/content`, async ({ request }) => {
        await record(request);
        return HttpResponse.json({ results: [v1Content('66', { title: 'Guide' })], _links: {} });
      }),
    );
    await expect(dcClient().client.findPageByTitle(SPACE, 'Guide')).resolves.toMatchObject({ id: '66' });
    const params = seen[0]!.url.searchParams;
    expect([params.get('spaceKey'), params.get('title'), params.get('type')]).toEqual([
      'DOCS',
      'Guide',
      'page',
    ]);
  });
});

describe('Data Center: writing pages', () => {
  it('createPage POSTs /rest/api/content by space key, under the home page when no parent is given', async () => {
    const { seen, record } = recorder();
    server.use(
      http.get(`${DC}/rest/api/space/DOCS`, () =>
        HttpResponse.json({ id: 200, key: 'DOCS', name: 'Docs', homepage: { id: 10 } }),
      ),
      http.post(`${DC}/rest/api/content`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(v1Content('77', { title: 'New', ancestors: ['1', '10'] }));
      }),
    );
    const { client } = dcClient();
    await client.getSpace('DOCS');
    const created = await client.createPage({
      spaceId: '200',
      title: 'New',
      body: '<p>n</p>',
      message: 'from git',
    });
    expect(created).toMatchObject({ id: '77', parentId: '10', version: 1, spaceId: '200' });
    expect(seen[0]?.body).toEqual({
      type: 'page',
      title: 'New',
      space: { key: 'DOCS' },
      status: 'current',
      ancestors: [{ id: '10' }],
      body: { storage: { value: '<p>n</p>', representation: 'storage' } },
      version: { message: 'from git' },
    });
  });

  it('a create answer without expansions still yields a full summary', async () => {
    server.use(
      http.post(`${DC}/rest/api/content`, () => HttpResponse.json({ id: 78, title: 'Bare', type: 'page' })),
    );
    const created = await dcClient().client.createPage({
      spaceId: '200',
      spaceKey: 'DOCS',
      parentId: '10',
      title: 'Bare',
      body: '<p/>',
    });
    expect(created).toEqual({
      id: '78',
      title: 'Bare',
      parentId: '10',
      version: 1,
      lastModified: '',
      spaceId: '200',
    });
  });

  it('refuses to create in a space it was never told the key of', async () => {
    await expect(
      dcClient().client.createPage({ spaceId: '999', parentId: '10', title: 'X', body: '<p/>' }),
    ).rejects.toMatchObject({ code: 'CS-099' });
  });

  it('create after a timeout looks the title up and returns the page it made', async () => {
    let posts = 0;
    server.use(
      http.post(`${DC}/rest/api/content`, () => {
        posts += 1;
        return HttpResponse.error();
      }),
      http.get(`${DC}/rest/api/content`, () =>
        HttpResponse.json({
          results: [v1Content('79', { title: 'New', ancestors: ['1', '10'] })],
          _links: {},
        }),
      ),
    );
    const created = await dcClient().client.createPage({
      spaceId: '200',
      spaceKey: 'DOCS',
      parentId: '10',
      title: 'New',
      body: '<p/>',
    });
    expect(created).toMatchObject({ id: '79', parentId: '10' });
    expect(posts).toBe(1);
  });

  it('updatePage PUTs version baseVersion + 1 and moves with ancestors', async () => {
    const { seen, record } = recorder();
    server.use(
      http.put(`${DC}/rest/api/content/55`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(v1Content('55', { title: 'Guide', version: 8, ancestors: ['1', '20'] }));
      }),
    );
    const updated = await dcClient().client.updatePage({
      id: '55',
      spaceId: '200',
      title: 'Guide',
      parentId: '20',
      body: '<p>u</p>',
      baseVersion: 7,
    });
    expect(updated).toMatchObject({ version: 8, parentId: '20' });
    expect(seen[0]?.body).toEqual({
      id: '55',
      type: 'page',
      title: 'Guide',
      status: 'current',
      ancestors: [{ id: '20' }],
      body: { storage: { value: '<p>u</p>', representation: 'storage' } },
      version: { number: 8, message: '' },
    });
  });

  it('an update retried after a reset, meeting its own version as a 409, succeeds', async () => {
    let puts = 0;
    server.use(
      http.put(`${DC}/rest/api/content/55`, () => {
        puts += 1;
        return puts === 1
          ? HttpResponse.error()
          : HttpResponse.json(v1Error(409, 'Version must be incremented on update. Current version is: 8'), {
              status: 409,
            });
      }),
      http.get(`${DC}/rest/api/content/55`, () =>
        HttpResponse.json(v1Content('55', { title: 'Guide', version: 8, body: '<p>u</p>' })),
      ),
    );
    await expect(
      dcClient().client.updatePage({
        id: '55',
        spaceId: '200',
        title: 'Guide',
        body: '<p>u</p>',
        baseVersion: 7,
      }),
    ).resolves.toMatchObject({ id: '55', version: 8 });
  });

  it('movePage re-sends the current body under the new ancestor', async () => {
    const { seen, record } = recorder();
    server.use(
      http.get(`${DC}/rest/api/content/55`, () =>
        HttpResponse.json(v1Content('55', { title: 'Guide', version: 3, body: '<p>keep</p>' })),
      ),
      http.put(`${DC}/rest/api/content/55`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(v1Content('55', { title: 'Guide 2', version: 4, ancestors: ['30'] }));
      }),
    );
    const moved = await dcClient().client.movePage({
      id: '55',
      spaceId: '200',
      parentId: '30',
      title: 'Guide 2',
      baseVersion: 3,
    });
    expect(moved).toMatchObject({ parentId: '30', title: 'Guide 2', version: 4 });
    expect(seen[0]?.body).toMatchObject({
      title: 'Guide 2',
      ancestors: [{ id: '30' }],
      body: { storage: { value: '<p>keep</p>' } },
      version: { number: 4 },
    });
  });

  it('deletePage DELETEs /rest/api/content/{id}; 404 means already gone', async () => {
    const deleted: string[] = [];
    server.use(
      http.delete(`${DC}/rest/api/content/:id`, ({ params }) => {
        deleted.push(String(params.id));
        return params.id === '55'
          ? new HttpResponse(null, { status: 204 })
          : HttpResponse.json(v1Error(404, 'No content found with id: ContentId{id=56}'), { status: 404 });
      }),
    );
    const { client } = dcClient();
    await client.deletePage('55');
    await client.deletePage('56');
    expect(deleted).toEqual(['55', '56']);
  });
});

describe('Data Center: labels and attachments', () => {
  it('labels go through v1', async () => {
    const { seen, record } = recorder();
    server.use(
      http.get(`${DC}/rest/api/content/55/label`, () =>
        HttpResponse.json({
          results: [{ prefix: 'global', name: 'ops', id: '1' }],
          start: 0,
          limit: 200,
          size: 1,
        }),
      ),
      http.post(`${DC}/rest/api/content/55/label`, async ({ request }) => {
        await record(request);
        return HttpResponse.json({ results: [] });
      }),
      http.delete(`${DC}/rest/api/content/55/label`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(v1Error(404, 'label not found'), { status: 404 });
      }),
    );
    const { client } = dcClient();
    await expect(client.getLabels('55')).resolves.toEqual(['ops']);
    await client.addLabels('55', ['new']);
    await client.removeLabel('55', 'gone');
    expect(seen[0]?.body).toEqual([{ prefix: 'global', name: 'new' }]);
    expect(seen[1]?.url.searchParams.get('name')).toBe('gone');
  });

  it('attachments: list, upload (multipart PUT with the XSRF header), download', async () => {
    let xsrf: string | null = null;
    const attachment = {
      id: 'att5',
      type: 'attachment',
      title: 'a.txt',
      version: { number: 1 },
      container: { id: '55' },
      metadata: { mediaType: 'text/plain', comment: 'c1' },
      extensions: { mediaType: 'text/plain', fileSize: 5, comment: 'c1' },
      _links: { download: '/download/attachments/55/a.txt?version=1' },
    };
    server.use(
      http.get(`${DC}/rest/api/content/55/child/attachment`, () =>
        HttpResponse.json({ results: [attachment], start: 0, limit: 200, size: 1, _links: {} }),
      ),
      http.put(`${DC}/rest/api/content/55/child/attachment`, ({ request }) => {
        xsrf = request.headers.get('x-atlassian-token');
        return HttpResponse.json({ results: [{ ...attachment, version: { number: 2 } }], size: 1 });
      }),
      http.get(`${DC}/download/attachments/55/a.txt`, () => HttpResponse.text('hello')),
    );
    const { client } = dcClient();
    const [listed] = await client.listAttachments('55');
    expect(listed).toEqual({
      id: 'att5',
      pageId: '55',
      title: 'a.txt',
      mediaType: 'text/plain',
      fileSize: 5,
      version: 1,
      comment: 'c1',
      downloadPath: '/download/attachments/55/a.txt?version=1',
    });
    const uploaded = await client.uploadAttachment({
      pageId: '55',
      filename: 'a.txt',
      data: new TextEncoder().encode('hello'),
      mediaType: 'text/plain',
    });
    expect(uploaded.version).toBe(2);
    expect(xsrf).toBe('no-check');
    expect(new TextDecoder().decode(await client.downloadAttachment(listed!))).toBe('hello');
  });
});
