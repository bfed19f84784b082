import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { SyncError } from '../../../src/errors.js';
import type { Space } from '../../../src/confluence/types.js';
import { CLOUD, DC, cloudClient, dcClient, server, useMockServer, v1Content, v2Page } from './fixtures.js';

useMockServer();

const task = (finished: boolean, successful = finished, extra: Record<string, unknown> = {}) => ({
  id: 'T1',
  name: { key: 'com.atlassian.confluence.pages.archive.longtask', args: [] },
  elapsedTime: 10,
  percentageComplete: finished ? 100 : 40,
  successful,
  finished,
  messages: [],
  _links: {},
  ...extra,
});

for (const [flavor, base, make] of [
  ['cloud', `${CLOUD}/rest/api`, cloudClient],
  ['datacenter', `${DC}/rest/api`, dcClient],
] as const) {
  describe(`${flavor}: archivePage`, () => {
    it('POSTs {"pages":[{"id":N}]} to /content/archive, then polls the long task until it finished', async () => {
      const bodies: unknown[] = [];
      let polls = 0;
      server.use(
        http.post(`${base}/content/archive`, async ({ request }) => {
          bodies.push(await request.json());
          return HttpResponse.json({ id: 'T1', links: { status: '/rest/api/longtask/T1' } }, { status: 202 });
        }),
        http.get(`${base}/longtask/T1`, () => {
          polls++;
          return HttpResponse.json(task(polls >= 3));
        }),
      );
      const { client, sleeps } = make();
      await client.archivePage('4242');
      expect(bodies).toEqual([{ pages: [{ id: 4242 }] }]);
      expect(polls).toBe(3);
      expect(sleeps).toEqual([250, 500]);
    });

    it('a task that finished unsuccessfully is CS-006 with what Confluence said', async () => {
      server.use(
        http.post(`${base}/content/archive`, () => HttpResponse.json({ id: 7 }, { status: 202 })),
        http.get(`${base}/longtask/7`, () =>
          HttpResponse.json(task(true, false, { errors: [{ translation: 'Page is restricted' }] })),
        ),
      );
      const error = await make()
        .client.archivePage('5')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SyncError);
      expect((error as SyncError).code).toBe('CS-006');
      expect((error as SyncError).message).toBe('Confluence could not archive page 5: Page is restricted.');
    });

    it('a refused request (400, e.g. already archived) fails without polling', async () => {
      server.use(
        http.post(`${base}/content/archive`, () =>
          HttpResponse.json({ statusCode: 400, message: 'Page 5 is already archived' }, { status: 400 }),
        ),
      );
      const error = await make()
        .client.archivePage('5')
        .catch((e: unknown) => e);
      expect((error as SyncError).code).toBe('CS-006');
    });

    it('a site without the archive call (404, e.g. Data Center before 7.10) says so', async () => {
      server.use(
        http.post(`${base}/content/archive`, () =>
          HttpResponse.json({ statusCode: 404, message: 'null for uri' }, { status: 404 }),
        ),
      );
      const error = (await make()
        .client.archivePage('5')
        .catch((e: unknown) => e)) as SyncError;
      expect(error.code).toBe('CS-006');
      expect(error.message).toBe('This Confluence cannot archive pages through its API (page 5).');
      expect(error.hint).toContain('7.10');
    });

    it('a task that never finishes stops with CS-008 after about two minutes of polling', async () => {
      server.use(
        http.post(`${base}/content/archive`, () => HttpResponse.json({ id: 'T1' }, { status: 202 })),
        http.get(`${base}/longtask/T1`, () => HttpResponse.json(task(false))),
      );
      const { client, sleeps } = make();
      const error = await client.archivePage('5').catch((e: unknown) => e);
      expect((error as SyncError).code).toBe('CS-008');
      const waited = sleeps.reduce((a, b) => a + b, 0);
      expect(waited).toBeGreaterThanOrEqual(110_000);
      expect(waited).toBeLessThanOrEqual(130_000);
    });
  });
}

describe('listTree leaves archived pages out of the synced tree', () => {
  const SPACE: Space = { id: '100', key: 'DOCS', name: 'Docs', homepageId: '1' };

  it('cloud: an archived page and the pages under it are not listed', async () => {
    server.use(
      http.get(`${CLOUD}/api/v2/spaces/100/pages`, () =>
        HttpResponse.json({
          results: [
            v2Page('1', { parentId: null }),
            v2Page('2', { parentId: '1' }),
            { ...v2Page('3', { parentId: '1' }), status: 'archived' },
            v2Page('4', { parentId: '3' }),
          ],
          _links: {},
        }),
      ),
    );
    const tree = await cloudClient().client.listTree(SPACE, '1');
    expect(tree.map((p) => p.id).sort()).toEqual(['1', '2']);
  });

  it('datacenter: an archived page and the pages under it are not listed', async () => {
    server.use(
      http.get(`${DC}/rest/api/content/10`, () => HttpResponse.json(v1Content('10', { ancestors: ['1'] }))),
      http.get(`${DC}/rest/api/content/10/descendant/page`, () =>
        HttpResponse.json({
          results: [
            v1Content('11', { ancestors: ['1', '10'] }),
            { ...v1Content('12', { ancestors: ['1', '10'] }), status: 'archived' },
            v1Content('13', { ancestors: ['1', '10', '12'] }),
          ],
          start: 0,
          limit: 200,
          size: 3,
          _links: {},
        }),
      ),
    );
    const tree = await dcClient().client.listTree({ ...SPACE, id: '200', homepageId: '10' }, '10');
    expect(tree.map((p) => p.id).sort()).toEqual(['10', '11']);
  });
});
