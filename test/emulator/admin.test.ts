import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index.js';
import { api } from './test-helpers.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'emulator-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('direct access (as a person editing in Confluence)', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0 });
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.reset());

  it('creates, edits (bumping versions), moves and trashes pages; the API sees it', async () => {
    const home = emu.spaces().find((s) => s.key === 'DOCS')!.homepageId;
    const { id } = emu.createPage({ spaceKey: 'DOCS', title: 'Edited in Confluence', body: '<p>1</p>' });
    expect(emu.editPage(id, { body: '<p>2</p>' })).toEqual({ version: 2 });
    expect(emu.editPage(id, { title: 'Renamed' })).toEqual({ version: 3 });
    const page = await api(emu).get(`/wiki/api/v2/pages/${id}?body-format=storage&version=2`);
    expect(page.json).toMatchObject({
      title: 'Edited in Confluence',
      body: { storage: { value: '<p>2</p>' } },
    });
    expect(emu.getPage(id)).toMatchObject({
      title: 'Renamed',
      body: '<p>2</p>',
      version: 3,
      parentId: home,
      status: 'current',
    });
    expect(() => emu.createPage({ spaceKey: 'DOCS', title: 'renamed', body: '<p/>' })).toThrow(
      /already exists/,
    );
    emu.deletePage(id);
    expect(emu.pages('DOCS').find((p) => p.id === id)?.status).toBe('trashed');
    expect(emu.stats().total).toBe(1);
  });

  it('may write to the read-only space (a person with permission), which the API user may not', () => {
    const { id } = emu.createPage({ spaceKey: 'READ', title: 'Admin page', body: '<p/>' });
    expect(emu.pages('READ').map((p) => p.id)).toContain(id);
  });

  it('reset() returns to the seed data', () => {
    emu.createPage({ spaceKey: 'DOCS', title: 'Temporary', body: '<p/>' });
    emu.reset();
    expect(emu.pages('DOCS').map((p) => p.title)).toEqual(['Docs Home']);
  });
});

describe('admin HTTP API', () => {
  it('drives stats, faults, reset and pages from another process', async () => {
    const emu = await startEmulator({ port: 0 });
    try {
      const admin = async (method: string, path: string, body?: unknown) => {
        const res = await fetch(`http://127.0.0.1:${emu.port}/__emulator${path}`, {
          method,
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads arbitrary JSON
        const json: any = text ? JSON.parse(text) : undefined;
        return { status: res.status, json: () => json };
      };
      const created = (
        await admin('POST', '/pages', { spaceKey: 'DOCS', title: 'Via admin', body: '<p>a</p>' })
      ).json();
      expect(created).toMatchObject({ id: expect.any(String), version: 1 });
      expect((await admin('PUT', `/pages/${created.id}`, { body: '<p>b</p>' })).json()).toEqual({
        version: 2,
      });
      const pages = (await admin('GET', '/spaces/DOCS/pages')).json();
      expect(pages.find((p: { id: string }) => p.id === created.id)).toMatchObject({
        body: '<p>b</p>',
        version: 2,
      });
      expect((await admin('PUT', `/pages/${created.id}`, { body: '<p>broken' })).status).toBe(400);
      expect((await admin('DELETE', `/pages/${created.id}`)).status).toBe(204);

      expect((await admin('PUT', '/faults', { failNext: [{ status: 500 }] })).status).toBe(204);
      expect((await api(emu).get('/wiki/api/v2/spaces')).status).toBe(500);
      expect((await admin('PUT', '/faults', { rate429: 7 })).status).toBe(400);
      expect((await admin('PUT', '/faults', { rateLost: 0.5, lostHangMs: 10 })).status).toBe(204);
      expect((await admin('PUT', '/faults', { failNext: [{ status: 'lost' }] })).status).toBe(204);
      expect((await admin('PUT', '/faults', { failNext: [{ status: 'gone' }] })).status).toBe(400);
      await admin('PUT', '/faults', null);
      const stats = (await admin('GET', '/stats')).json();
      expect(stats).toMatchObject({ total: 1, faultsInjected: 1 });
      await admin('POST', '/stats/reset');
      expect((await admin('GET', '/stats')).json().total).toBe(0);
      expect((await admin('GET', '/nothing-here')).status).toBe(404);
      await admin('POST', '/reset');
      expect(emu.pages('DOCS')).toHaveLength(1);
    } finally {
      await emu.stop();
    }
  });
});

describe('persistence', () => {
  it('saves after writes and loads the data file at start', async () => {
    const file = join(dir, 'data.json');
    const first = await startEmulator({ port: 0, dataFile: file });
    const { id } = first.createPage({ spaceKey: 'DOCS', title: 'Persisted', body: '<p>kept</p>' });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([9, 8, 7])]), 'bytes.bin');
    await api(first).put(`/wiki/rest/api/content/${id}/child/attachment`, form, {
      'X-Atlassian-Token': 'no-check',
    });
    expect(JSON.parse(readFileSync(file, 'utf8')).pages.length).toBeGreaterThan(3);
    await first.stop();

    const second = await startEmulator({ port: 0, dataFile: file });
    try {
      expect(second.getPage(id)).toMatchObject({ title: 'Persisted', body: '<p>kept</p>' });
      expect(second.attachments(id)[0]?.data).toEqual(new Uint8Array([9, 8, 7]));
      const next = second.createPage({ spaceKey: 'DOCS', title: 'After restart', body: '<p/>' });
      expect(Number(next.id)).toBeGreaterThan(Number(id));
    } finally {
      await second.stop();
    }
  });

  it('refuses a corrupt data file', async () => {
    const file = join(dir, 'corrupt.json');
    writeFileSync(file, JSON.stringify({ nextId: 1, spaces: 'nope' }));
    await expect(startEmulator({ port: 0, dataFile: file })).rejects.toThrow(/not valid/);
  });
});

describe('cli', () => {
  it('prints the URL, user and token, serves, and saves the data file on Ctrl-C', async () => {
    const file = join(dir, 'cli.json');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/emulator/cli.ts', '--port', '0', '--data', file],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening at (\S+)/.exec(out);
        if (match?.[1] && out.includes('Ctrl-C')) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`cli exited early (${code}): ${out}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/wiki$/);
    expect(out).toContain('ci@example.com');
    expect(out).toContain('CONFLUENCE_API_TOKEN=emulator-token');
    const res = await fetch(`${url}/api/v2/spaces`, {
      headers: { Authorization: `Basic ${Buffer.from('ci@example.com:emulator-token').toString('base64')}` },
    });
    expect(res.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).spaces).toHaveLength(2);
  });
});
