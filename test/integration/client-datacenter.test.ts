/**
 * The Data Center client (REST v1, Bearer personal access token) against the local Confluence:
 * every interface method, the request budget of a listing, and the safety rules under faults.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/confluence/create-client.js';
import type { ClientOptions, ConfluenceClient, Space } from '../../src/confluence/types.js';
import { startEmulator, type Emulator } from '../emulator/index.js';

const TOKEN = 'emulator-token';
let emulator: Emulator;
let sleeps: number[];

beforeAll(async () => {
  emulator = await startEmulator({ flavor: 'datacenter' });
});
afterAll(() => emulator.stop());
beforeEach(() => {
  emulator.reset();
  sleeps = [];
});

function client(options: Partial<ClientOptions> = {}): ConfluenceClient {
  return createClient({
    baseUrl: emulator.url,
    credentials: { token: TOKEN },
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

describe('Data Center client against the emulator', () => {
  it('is detected as Data Center from a non-atlassian.net URL', () => {
    expect(client().flavor).toBe('datacenter');
    expect(client().baseUrl).toBe(emulator.url);
  });

  it('getSpace finds DOCS (with its home page) and says when a space does not exist', async () => {
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
    expect(emulator.getPage(other.id)?.parentId).toBe(space.homepageId);

    const tree = await c.listTree(space, guide.id);
    expect(tree.map((p) => p.id).sort()).toEqual([guide.id, setup.id].sort());
    expect(tree.find((p) => p.id === guide.id)).toMatchObject({
      parentId: space.homepageId,
      spaceId: space.id,
    });
    expect(tree.find((p) => p.id === setup.id)).toMatchObject({
      parentId: guide.id,
      version: 1,
      title: 'Setup',
    });

    await expect(c.getPage(guide.id)).resolves.toMatchObject({
      id: guide.id,
      body: '<p>one</p>',
      version: 1,
    });
    const pages = await c.getPages([setup.id, guide.id]);
    expect(pages.map((p) => [p.id, p.body, p.parentId])).toEqual([
      [setup.id, '<p>s</p>', guide.id],
      [guide.id, '<p>one</p>', space.homepageId],
    ]);
    await expect(c.findPageByTitle(space, 'Setup')).resolves.toMatchObject({
      id: setup.id,
      parentId: guide.id,
    });
    await expect(c.findPageByTitle(space, 'Missing')).resolves.toBeNull();

    const updated = await c.updatePage({
      id: guide.id,
      spaceId: space.id,
      title: 'Guide',
      body: '<p>two</p>',
      baseVersion: 1,
    });
    expect(updated).toMatchObject({ version: 2, parentId: space.homepageId });
    expect(emulator.getPage(guide.id)?.body).toBe('<p>two</p>');

    const moved = await c.movePage({ id: setup.id, spaceId: space.id, parentId: other.id, baseVersion: 1 });
    expect(moved).toMatchObject({ parentId: other.id, title: 'Setup', version: 2 });
    expect(emulator.getPage(setup.id)).toMatchObject({ parentId: other.id, body: '<p>s</p>' });

    await expect(c.getPage(guide.id, 1)).resolves.toMatchObject({ version: 1, body: '<p>one</p>' });

    await c.deletePage(other.id);
    await expect(c.getPage(other.id)).rejects.toMatchObject({ code: 'CS-003' });
    await expect(c.deletePage(other.id)).resolves.toBeUndefined();
  });

  it('reports a title taken (ignoring case) as CS-010', async () => {
    const c = client();
    const space = await docs(c);
    await c.createPage({ spaceId: space.id, title: 'Runbook', body: '<p/>' });
    await expect(c.createPage({ spaceId: space.id, title: 'runbook', body: '<p/>' })).rejects.toMatchObject({
      code: 'CS-010',
    });
  });

  it('reports a stale base version as CS-005 with the current version', async () => {
    const c = client();
    const space = await docs(c);
    const page = await c.createPage({ spaceId: space.id, title: 'Edited', body: '<p>a</p>' });
    emulator.editPage(page.id, { body: '<p>someone else</p>' });
    const error = await c
      .updatePage({ id: page.id, spaceId: space.id, title: 'Edited', body: '<p>mine</p>', baseVersion: 1 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CS-005', message: expect.stringContaining('version 2') });
  });

  it('carries the storage parser message for an invalid body (CS-006)', async () => {
    const c = client();
    const space = await docs(c);
    const error = await c
      .createPage({ spaceId: space.id, title: 'Broken', body: '<p>a &nosuch; b</p>' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CS-006', message: expect.stringContaining('Error parsing xhtml') });
  });

  it('maps a read-only space to CS-004 and a wrong token to CS-001 without echoing it', async () => {
    const c = client();
    const read = await c.getSpace('READ');
    await expect(c.createPage({ spaceId: read.id, title: 'Nope', body: '<p/>' })).rejects.toMatchObject({
      code: 'CS-004',
    });
    const wrong = client({ credentials: { token: 'wrong-pat-456' } });
    const error = (await wrong.getSpace('DOCS').catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ code: 'CS-001' });
    expect(error.message).not.toContain('wrong-pat-456');
  });

  it('labels: add, read, remove', async () => {
    const c = client();
    const space = await docs(c);
    const page = await c.createPage({ spaceId: space.id, title: 'Labelled', body: '<p/>' });
    await c.addLabels(page.id, ['ops', 'runbook']);
    await expect(c.getLabels(page.id).then((l) => l.sort())).resolves.toEqual(['ops', 'runbook']);
    await c.removeLabel(page.id, 'ops');
    await expect(c.getLabels(page.id)).resolves.toEqual(['runbook']);
  });

  it('attachments: upload, list, new version, download', async () => {
    const c = client();
    const space = await docs(c);
    const page = await c.createPage({ spaceId: space.id, title: 'With files', body: '<p/>' });
    const first = await c.uploadAttachment({
      pageId: page.id,
      filename: 'notes.txt',
      data: new TextEncoder().encode('v1'),
      mediaType: 'text/plain',
      comment: 'sha256:1',
    });
    expect(first).toMatchObject({ title: 'notes.txt', version: 1 });
    await c.uploadAttachment({
      pageId: page.id,
      filename: 'notes.txt',
      data: new TextEncoder().encode('version two'),
      mediaType: 'text/plain',
      comment: 'sha256:2',
    });
    const [listed] = await c.listAttachments(page.id);
    expect(listed).toMatchObject({
      id: first.id,
      title: 'notes.txt',
      version: 2,
      comment: 'sha256:2',
      fileSize: 11,
    });
    expect(new TextDecoder().decode(await c.downloadAttachment(listed!))).toBe('version two');
    const { downloadPath: _ignored, ...viaV1Route } = listed!;
    expect(new TextDecoder().decode(await c.downloadAttachment(viaV1Route))).toBe('version two');
  });

  it('lists a 600-page tree with the root plus 3 descendant requests; 120 bodies take 3 CQL requests', async () => {
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
      if (i % 150 === 149) parent = created.id;
    }
    emulator.resetStats();
    const tree = await c.listTree(space, space.homepageId);
    expect(tree).toHaveLength(601);
    expect(tree.find((p) => p.id === ids[150])?.parentId).toBe(ids[149]);
    expect(emulator.stats().byRoute).toEqual({
      'GET /rest/api/content/{id}': 1,
      'GET /rest/api/content/{id}/descendant/page': 3,
    });

    emulator.resetStats();
    const pages = await c.getPages(ids.slice(0, 120));
    expect(pages).toHaveLength(120);
    expect(pages[119]?.body).toBe('<p>119</p>');
    expect(emulator.stats().total).toBe(3);
  });

  it('a create whose connection is reset creates exactly one page', async () => {
    const c = client();
    const space = await docs(c);
    emulator.setFaults({
      failNext: [{ status: 'reset', method: 'POST', pathIncludes: '/rest/api/content' }],
    });
    const created = await c.createPage({ spaceId: space.id, title: 'Once', body: '<p/>' });
    expect(emulator.pages('DOCS').filter((p) => p.title === 'Once')).toEqual([
      expect.objectContaining({ id: created.id }),
    ]);
  });

  it('waits out a 429 with Retry-After', async () => {
    const c = client();
    emulator.setFaults({ failNext: [{ status: 429, retryAfter: '3' }] });
    await expect(c.getSpace('DOCS')).resolves.toMatchObject({ key: 'DOCS' });
    expect(sleeps).toEqual([3000]);
  });
});
