/** Inline comments as Confluence Cloud makes them: a marker in the body, no new page version. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index.js';
import { api, storage } from './test-helpers.js';

const CLOUD_PAGE =
  '<p local-id="35ce97f93c5c">Deploy the <strong>service</strong> to the cluster.</p><p local-id="4a8bfc667ef7">Run the service tests.</p>';

describe('inline comments (Cloud REST v2)', () => {
  let emu: Emulator;
  let pageId: string;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0 });
  });
  afterAll(() => emu.stop());
  beforeEach(async () => {
    emu.reset();
    const spaceId = emu.spaces().find((s) => s.key === 'DOCS')!.id;
    const created = await api(emu).post('/wiki/api/v2/pages', {
      spaceId,
      status: 'current',
      title: 'Commented page',
      body: storage(CLOUD_PAGE),
    });
    expect(created.status).toBe(200);
    pageId = created.json.id;
  });

  const comment = (selection: string, count: number, index: number) =>
    api(emu).post('/wiki/api/v2/inline-comments', {
      pageId,
      body: storage('<p>Which cluster?</p>'),
      inlineCommentProperties: {
        textSelection: selection,
        textSelectionMatchCount: count,
        textSelectionMatchIndex: index,
      },
    });

  it('a page created through the API keeps the editor attributes it was given', async () => {
    const page = await api(emu).get(`/wiki/api/v2/pages/${pageId}?body-format=storage`);
    expect(page.json.body.storage.value).toBe(CLOUD_PAGE);
  });

  it('wraps the chosen occurrence of the selection in a marker, without a new page version', async () => {
    const made = await comment('service', 2, 1);
    expect(made.status).toBe(201);
    expect(made.headers.get('location')).toBe(`/wiki/api/v2/inline-comments/${made.json.id}`);
    const ref = made.json.properties.inlineMarkerRef as string;
    expect(ref).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.json).toMatchObject({ pageId, resolutionStatus: 'open' });

    const page = await api(emu).get(`/wiki/api/v2/pages/${pageId}?body-format=storage`);
    expect(page.json.version.number).toBe(1);
    expect(page.json.body.storage.value).toBe(
      `<p local-id="35ce97f93c5c">Deploy the <strong>service</strong> to the cluster.</p><p local-id="4a8bfc667ef7">Run the <ac:inline-comment-marker ac:ref="${ref}">service</ac:inline-comment-marker> tests.</p>`,
    );
  });

  it('a selection across an element edge wraps the whole element', async () => {
    const made = await comment('Deploy the service', 1, 0);
    const ref = made.json.properties.inlineMarkerRef as string;
    expect(emu.getPage(pageId)!.body).toContain(
      `<ac:inline-comment-marker ac:ref="${ref}">Deploy the <strong>service</strong></ac:inline-comment-marker> to the cluster.`,
    );
  });

  it('refuses a selection that is not on the page, or a wrong match count', async () => {
    expect((await comment('kubernetes', 1, 0)).status).toBe(400);
    expect((await comment('service', 1, 0)).status).toBe(400);
    expect((await comment('service', 2, 2)).status).toBe(400);
    expect(emu.getPage(pageId)!.body).toBe(CLOUD_PAGE);
  });

  it('lists a page’s comments with resolutionStatus; one whose marker left the body is dangling', async () => {
    const first = await comment('cluster', 1, 0);
    await comment('tests', 1, 0);
    const list = await api(emu).get(`/wiki/api/v2/pages/${pageId}/inline-comments?body-format=storage`);
    expect(list.status).toBe(200);
    expect(list.json.results.map((c: { resolutionStatus: string }) => c.resolutionStatus)).toEqual([
      'open',
      'open',
    ]);
    expect(list.json.results[0].body.storage.value).toBe('<p>Which cluster?</p>');

    // someone replaces the body without the first marker
    const body = emu
      .getPage(pageId)!
      .body.replace(
        /<ac:inline-comment-marker ac:ref="[^"]*">cluster<\/ac:inline-comment-marker>/,
        'cluster',
      );
    emu.editPage(pageId, { body });
    const after = await api(emu).get(`/wiki/api/v2/pages/${pageId}/inline-comments`);
    expect(
      after.json.results.map((c: { id: string; resolutionStatus: string }) => [c.id, c.resolutionStatus]),
    ).toEqual([
      [first.json.id, 'dangling'],
      [after.json.results[1].id, 'open'],
    ]);
    const open = await api(emu).get(`/wiki/api/v2/pages/${pageId}/inline-comments?resolution-status=open`);
    expect(open.json.results).toHaveLength(1);
    const one = await api(emu).get(`/wiki/api/v2/inline-comments/${first.json.id}`);
    expect(one.json).toMatchObject({ id: first.json.id, resolutionStatus: 'dangling' });
  });

  it('a person comments through the admin API, on Data Center too', async () => {
    const dc = await startEmulator({ port: 0, flavor: 'datacenter' });
    try {
      const { id } = dc.createPage({ spaceKey: 'DOCS', title: 'DC page', body: '<p>one two one</p>' });
      const res = await fetch(`http://127.0.0.1:${dc.port}/__emulator/pages/${id}/inline-comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ textSelection: 'one', matchIndex: 1 }),
      });
      const made = (await res.json()) as { markerRef: string; resolutionStatus: string };
      expect(made.resolutionStatus).toBe('open');
      expect(dc.getPage(id)).toMatchObject({
        version: 1,
        body: `<p>one two <ac:inline-comment-marker ac:ref="${made.markerRef}">one</ac:inline-comment-marker></p>`,
      });
      expect(dc.inlineComments(id)).toEqual([{ ...made }]);
    } finally {
      await dc.stop();
    }
  });
});
