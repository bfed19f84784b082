/**
 * The Cloud client against the local Confluence (test/emulator): every interface method, the
 * request budget of a listing, and the safety rules under injected faults.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/confluence/create-client.js';
import type { ClientOptions, ConfluenceClient, Space } from '../../src/confluence/types.js';
import { startEmulator, type Emulator } from '../emulator/index.js';

const TOKEN = 'emulator-token';
let emulator: Emulator;
let sleeps: number[];

beforeAll(async () => {
  emulator = await startEmulator({ flavor: 'cloud' });
});
afterAll(() => emulator.stop());
beforeEach(() => {
  emulator.reset();
  sleeps = [];
});

function client(options: Partial<ClientOptions> = {}): ConfluenceClient {
  return createClient({
    baseUrl: emulator.url,
    credentials: { username: 'ci@example.com', token: TOKEN },
    flavor: 'cloud',
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...options,
  });
}

async function docs(c: ConfluenceClient): Promise<Space & { homepageId: string }> {
  const space = await c.getSpace('DOCS');
  expect(space.homepageId).not.toBeNull();
  return space as Space & { homepageId: string };
}

describe('Cloud client against the emulator', () => {
  it('talks to the emulator as Cloud (http allowed on loopback)', () => {
    expect(client().flavor).toBe('cloud');
    expect(client().baseUrl).toBe(emulator.url);
  });

  it('getSpace finds DOCS and says when a space does not exist', async () => {
    const c = client();
    await expect(c.getSpace('DOCS')).resolves.toEqual({
      id: '100001',
      key: 'DOCS',
      name: 'Documentation',
      homepageId: '100002',
    });
    await expect(c.getSpace('NOPE')).rejects.toMatchObject({ code: 'CS-003' });
  });

  it('create, read, list, find, update, move, read history, delete', async () => {
    const c = client();
    const space = await docs(c);
    const guide = await c.createPage({
      spaceId: space.id,
      parentId: space.homepageId,
      title: 'Guide',
      body: '<p>one</p>',
    });
    expect(guide).toMatchObject({
      title: 'Guide',
      parentId: space.homepageId,
      version: 1,
      spaceId: space.id,
    });
    const setup = await c.createPage({
      spaceId: space.id,
      parentId: guide.id,
      title: 'Setup',
      body: '<p>s</p>',
    });
    const other = await c.createPage({ spaceId: space.id, title: 'Other', body: '<p>o</p>' });
    expect(other.parentId).toBe(space.homepageId);

    const tree = await c.listTree(space, guide.id);
    expect(tree.map((p) => p.id).sort()).toEqual([guide.id, setup.id].sort());
    expect(tree.find((p) => p.id === setup.id)).toMatchObject({
      parentId: guide.id,
      version: 1,
      title: 'Setup',
    });
    expect(tree[0]?.lastModified).toMatch(/^\d{4}-\d\d-\d\dT/);

    await expect(c.getPage(guide.id)).resolves.toMatchObject({
      id: guide.id,
      body: '<p>one</p>',
      version: 1,
    });
    const pages = await c.getPages([setup.id, guide.id]);
    expect(pages.map((p) => [p.id, p.body])).toEqual([
      [setup.id, '<p>s</p>'],
      [guide.id, '<p>one</p>'],
    ]);
    await expect(c.findPageByTitle(space, 'Setup')).resolves.toMatchObject({ id: setup.id });
    await expect(c.findPageByTitle(space, 'Missing')).resolves.toBeNull();

    const updated = await c.updatePage({
      id: guide.id,
      spaceId: space.id,
      title: 'Guide',
      body: '<p>two</p>',
      baseVersion: 1,
      message: 'from git',
    });
    expect(updated.version).toBe(2);
    expect(emulator.getPage(guide.id)?.body).toBe('<p>two</p>');

    const moved = await c.movePage({
      id: setup.id,
      spaceId: space.id,
      parentId: other.id,
      title: 'Setup 2',
      baseVersion: 1,
    });
    expect(moved).toMatchObject({ parentId: other.id, title: 'Setup 2', version: 2 });
    expect(emulator.getPage(setup.id)).toMatchObject({ parentId: other.id, body: '<p>s</p>' });

    await expect(c.getPage(guide.id, 1)).resolves.toMatchObject({ version: 1, body: '<p>one</p>' });

    await c.deletePage(other.id);
    await expect(c.getPage(other.id)).rejects.toMatchObject({ code: 'CS-003' });
    await expect(c.deletePage('999999999')).resolves.toBeUndefined();
  });

  it('reports a title taken (ignoring case) as CS-010', async () => {
    const c = client();
    const space = await docs(c);
    await c.createPage({ spaceId: space.id, title: 'Runbook', body: '<p/>' });
    await expect(c.createPage({ spaceId: space.id, title: 'RUNBOOK', body: '<p/>' })).rejects.toMatchObject({
      code: 'CS-010',
    });
  });

  it('reports a stale base version as CS-005 with the current version', async () => {
    const c = client();
    const space = await docs(c);
    const page = await c.createPage({ spaceId: space.id, title: 'Edited', body: '<p>a</p>' });
    emulator.editPage(page.id, { body: '<p>someone else</p>' });
    emulator.editPage(page.id, { body: '<p>and again</p>' });
    const error = await c
      .updatePage({ id: page.id, spaceId: space.id, title: 'Edited', body: '<p>mine</p>', baseVersion: 1 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CS-005', message: expect.stringContaining('version 3') });
    expect(emulator.getPage(page.id)?.body).toBe('<p>and again</p>');
  });

  it('carries the storage parser message for an invalid body (CS-006)', async () => {
    const c = client();
    const space = await docs(c);
    const error = await c
      .createPage({ spaceId: space.id, title: 'Broken', body: '<p>open <b>bold</p>' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CS-006', message: expect.stringContaining('Error parsing xhtml') });
  });

  it('maps a read-only space to CS-004 and a wrong token to CS-001', async () => {
    const read = await client().getSpace('READ');
    await expect(
      client().createPage({ spaceId: read.id, title: 'Nope', body: '<p/>' }),
    ).rejects.toMatchObject({
      code: 'CS-004',
    });
    const wrong = client({ credentials: { username: 'ci@example.com', token: 'wrong-token-123' } });
    const error = (await wrong.getSpace('DOCS').catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ code: 'CS-001' });
    expect(error.message).not.toContain('wrong-token-123');
  });

  it('labels: add, read, remove', async () => {
    const c = client();
    const space = await docs(c);
    const page = await c.createPage({ spaceId: space.id, title: 'Labelled', body: '<p/>' });
    await c.addLabels(page.id, ['ops', 'runbook']);
    await expect(c.getLabels(page.id).then((l) => l.sort())).resolves.toEqual(['ops', 'runbook']);
    await c.removeLabel(page.id, 'ops');
    await expect(c.getLabels(page.id)).resolves.toEqual(['runbook']);
    await expect(c.removeLabel(page.id, 'never-there')).resolves.toBeUndefined();
  });

  it('attachments: upload, list, new version, download', async () => {
    const c = client();
    const space = await docs(c);
    const page = await c.createPage({ spaceId: space.id, title: 'With files', body: '<p/>' });
    const bytes = new Uint8Array([137, 80, 78, 71, 0, 255]);
    const first = await c.uploadAttachment({
      pageId: page.id,
      filename: 'logo.png',
      data: bytes,
      mediaType: 'image/png',
      comment: 'sha256:1',
    });
    expect(first).toMatchObject({ title: 'logo.png', version: 1, pageId: page.id });
    const second = await c.uploadAttachment({
      pageId: page.id,
      filename: 'logo.png',
      data: new Uint8Array([1, 2, 3]),
      mediaType: 'image/png',
      comment: 'sha256:2',
    });
    expect(second).toMatchObject({ id: first.id, version: 2 });
    const [listed] = await c.listAttachments(page.id);
    expect(listed).toMatchObject({
      id: first.id,
      title: 'logo.png',
      version: 2,
      comment: 'sha256:2',
      fileSize: 3,
    });
    // Through the REST endpoint and its 302 to the media host (the listed servlet path answers 401),
    // and without sending the site's credentials there.
    await expect(c.downloadAttachment(listed!)).resolves.toEqual(new Uint8Array([1, 2, 3]));
    const { downloadPath: _ignored, ...viaV1Route } = listed!;
    await expect(c.downloadAttachment(viaV1Route)).resolves.toEqual(new Uint8Array([1, 2, 3]));
    expect(emulator.mediaCredentialLeaks()).toBe(0);
    expect(emulator.attachments(page.id)).toHaveLength(1);
  });

  it('lists a 600-page tree in 3 requests and fetches 300 bodies in 2', async () => {
    const c = client();
    const space = await docs(c);
    const ids: string[] = [];
    let parent = space.homepageId;
    for (let i = 0; i < 600; i++) {
      const created = emulator.createPage({
        spaceKey: 'DOCS',
        parentId: parent,
        title: `Page ${i}`,
        body: `<p>${i}</p>`,
      });
      ids.push(created.id);
      if (i % 100 === 99) parent = created.id;
    }
    emulator.resetStats();
    const tree = await c.listTree(space, space.homepageId);
    expect(tree).toHaveLength(601);
    expect(emulator.stats().byRoute).toEqual({ 'GET /wiki/api/v2/spaces/{id}/pages': 3 });

    emulator.resetStats();
    const pages = await c.getPages(ids.slice(0, 300));
    expect(pages).toHaveLength(300);
    expect(pages[299]?.body).toBe('<p>299</p>');
    expect(emulator.stats().total).toBe(2);
  });

  it('waits out a 429 (Retry-After) and retries a 503', async () => {
    const c = client();
    emulator.setFaults({
      failNext: [
        { status: 429, retryAfter: '2', pathIncludes: '/spaces' },
        { status: 503, pathIncludes: '/spaces' },
      ],
    });
    await expect(c.getSpace('DOCS')).resolves.toMatchObject({ key: 'DOCS' });
    // the 503 carries no Retry-After: second retry backs off 2000 ms × (0.5 + 0.5 × 0.5)
    expect(sleeps).toEqual([2000, 1500]);
    expect(emulator.stats().faultsInjected).toBe(2);
  });

  it('a create whose connection is reset creates exactly one page', async () => {
    const c = client();
    const space = await docs(c);
    emulator.setFaults({ failNext: [{ status: 'reset', method: 'POST', pathIncludes: '/api/v2/pages' }] });
    const created = await c.createPage({ spaceId: space.id, title: 'Once', body: '<p/>' });
    expect(emulator.pages('DOCS').filter((p) => p.title === 'Once')).toEqual([
      expect.objectContaining({ id: created.id }),
    ]);
    expect(emulator.stats().byRoute['POST /wiki/api/v2/pages']).toBe(2);
    expect(emulator.stats().byRoute['GET /wiki/api/v2/pages']).toBe(1);
  });

  it('stops with CS-011 once Confluence keeps failing', async () => {
    const c = client({ retries: 1, circuitBreakerThreshold: 2 });
    emulator.setFaults({ rate5xx: 1, seed: 1 });
    await expect(c.getSpace('DOCS')).rejects.toMatchObject({ code: 'CS-008' });
    await expect(c.getSpace('DOCS')).rejects.toMatchObject({ code: 'CS-008' });
    const before = emulator.stats().total;
    await expect(c.getSpace('DOCS')).rejects.toMatchObject({ code: 'CS-011' });
    expect(emulator.stats().total).toBe(before);
  });

  it('times out a hanging request (CS-002)', async () => {
    const c = client({ timeoutMs: 50, retries: 0 });
    emulator.setFaults({ failNext: [{ status: 'hang' }], hangMs: 2000 });
    await expect(c.getSpace('DOCS')).rejects.toMatchObject({ code: 'CS-002' });
  });
});
