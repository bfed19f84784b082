import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncError } from '../../../src/errors.js';
import { emptyManifest, loadManifest, saveManifest } from '../../../src/sync/state/manifest.js';
import type { Manifest } from '../../../src/sync/types.js';

const URL = 'https://example.atlassian.net/wiki';
const expectSite = { confluenceUrl: URL, spaceKey: 'DOCS' };

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cs-manifest-'));
  file = join(dir, '.confluence-sync.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function sample(): Manifest {
  const m = emptyManifest(URL, 'DOCS', '100');
  m.lastSyncTime = '2026-01-02T03:04:05.000Z';
  m.pages['20'] = {
    id: '20',
    spaceKey: 'DOCS',
    title: 'Setup',
    version: 3,
    parentId: '100',
    lastModified: '2026-01-01T00:00:00.000Z',
    localPath: 'guide/setup.md',
    contentHash: 'a'.repeat(64),
    status: 'synced',
    labels: ['b', 'a'],
    attachments: { 'z.png': { id: 'att2', hash: 'h2', version: 1, localPath: 'guide/z.png' } },
  };
  m.pages['3'] = {
    ...m.pages['20'],
    id: '3',
    title: 'Intro',
    localPath: 'index.md',
    labels: [],
    attachments: {},
  };
  return m;
}

function error(fn: () => unknown): SyncError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SyncError);
    return e as SyncError;
  }
  throw new Error('expected a SyncError');
}

describe('manifest', () => {
  it('is empty when the file does not exist', () => {
    expect(loadManifest(file, expectSite)).toEqual({
      version: 4,
      confluenceUrl: URL,
      spaceKey: 'DOCS',
      rootPageId: '',
      lastSyncTime: null,
      pages: {},
      detached: {},
    });
  });

  it('round-trips through save and load, atomically, leaving no temp file', () => {
    saveManifest(file, sample());
    expect(readdirSync(dir)).toEqual(['.confluence-sync.json']);
    const loaded = loadManifest(file, expectSite);
    expect(loaded.pages['20']?.localPath).toBe('guide/setup.md');
    expect(loaded.pages['20']?.labels).toEqual(['a', 'b']);
    expect(loaded.rootPageId).toBe('100');
  });

  it('writes a stable key order regardless of insertion order', () => {
    saveManifest(file, sample());
    const first = readFileSync(file, 'utf8');
    const m = sample();
    const reordered: Manifest = { ...m, pages: { '20': m.pages['20']!, '3': m.pages['3']! } };
    saveManifest(file, reordered);
    expect(readFileSync(file, 'utf8')).toBe(first);
    expect(first.indexOf('"3"')).toBeLessThan(first.indexOf('"20"'));
    expect(first.endsWith('}\n')).toBe(true);
  });

  it('refuses a truncated file with CS-030, naming it and how to recover', () => {
    saveManifest(file, sample());
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.slice(0, text.length / 2));
    const e = error(() => loadManifest(file, expectSite));
    expect(e.code).toBe('CS-030');
    expect(e.toLine()).toContain('.confluence-sync.json');
    expect(e.toLine()).toContain(
      'Restore it from git or delete it to start over (pages will be re-linked by title).',
    );
  });

  it('refuses valid JSON that is not a manifest with CS-030 and the offending field', () => {
    writeFileSync(
      file,
      JSON.stringify({
        version: 2,
        confluenceUrl: URL,
        spaceKey: 'DOCS',
        rootPageId: '1',
        lastSyncTime: null,
        pages: { 1: { id: 1 } },
      }),
    );
    const e = error(() => loadManifest(file, expectSite));
    expect(e.code).toBe('CS-030');
    expect(e.message).toContain('pages.1');
  });

  it('says why other JSON is not a manifest', () => {
    writeFileSync(file, JSON.stringify({ hello: 'world' }));
    expect(error(() => loadManifest(file, expectSite)).message).toBe(
      'The manifest .confluence-sync.json is not a confluence-sync manifest (it has no "version" field).',
    );
    writeFileSync(file, '[1, 2]');
    expect(error(() => loadManifest(file, expectSite)).message).toContain('(it is not a JSON object)');
  });

  it('refuses a manifest from a newer release with CS-031', () => {
    writeFileSync(file, JSON.stringify({ version: 9, pages: {} }));
    const e = error(() => loadManifest(file, expectSite));
    expect(e.code).toBe('CS-031');
    expect(e.hint).toContain('Upgrade');
  });

  it('refuses a manifest of another site or space with CS-032', () => {
    saveManifest(file, sample());
    expect(
      error(() => loadManifest(file, { confluenceUrl: 'https://other.atlassian.net/wiki', spaceKey: 'DOCS' }))
        .code,
    ).toBe('CS-032');
    expect(error(() => loadManifest(file, { confluenceUrl: URL, spaceKey: 'OPS' })).toLine()).toContain(
      'space DOCS',
    );
    expect(loadManifest(file, { confluenceUrl: `${URL}/`, spaceKey: 'DOCS' }).pages['3']?.title).toBe(
      'Intro',
    );
  });

  it('migrates a schema 1 manifest forward without losing pages', () => {
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        confluenceUrl: URL,
        lastSyncTime: '2025-05-05T00:00:00.000Z',
        pages: {
          '7': {
            id: '7',
            spaceKey: 'DOCS',
            title: 'Old',
            version: 4,
            parentId: null,
            lastModified: '2025-05-05T00:00:00.000Z',
            localPath: 'old.md',
            contentHash: 'abc',
            status: 'modified',
          },
        },
      }),
    );
    const m = loadManifest(file, expectSite);
    expect(m.version).toBe(4);
    expect(m.detached).toEqual({});
    expect(m.spaceKey).toBe('DOCS');
    expect(m.rootPageId).toBe('');
    expect(m.pages['7']).toEqual({
      id: '7',
      spaceKey: 'DOCS',
      title: 'Old',
      version: 4,
      parentId: null,
      lastModified: '2025-05-05T00:00:00.000Z',
      localPath: 'old.md',
      contentHash: 'abc',
      status: 'modified',
      labels: [],
      attachments: {},
    });
  });

  it('migrates a schema 2 manifest to 4: same pages, no detached pages yet', () => {
    const v2 = JSON.parse(JSON.stringify(sample())) as Record<string, unknown>;
    v2.version = 2;
    delete v2.detached;
    writeFileSync(file, JSON.stringify(v2));
    const m = loadManifest(file, expectSite);
    expect(m.version).toBe(4);
    expect(m.detached).toEqual({});
    expect(m.pages).toEqual(sample().pages);
    saveManifest(file, m);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 4, detached: {} });
  });

  it('migrates a schema 3 manifest to 4 (every record a page) and keeps folder records across save and load', () => {
    const v3 = JSON.parse(JSON.stringify(sample())) as Record<string, unknown>;
    v3.version = 3;
    writeFileSync(file, JSON.stringify(v3));
    const m = loadManifest(file, expectSite);
    expect(m.version).toBe(4);
    expect(m.pages).toEqual(sample().pages);
    expect(Object.values(m.pages).some((p) => p.kind !== undefined)).toBe(false);

    m.pages['30'] = {
      ...m.pages['20']!,
      id: '30',
      title: 'Guides',
      localPath: 'Guides/',
      version: 1,
      kind: 'folder',
    };
    saveManifest(file, m);
    expect(loadManifest(file, expectSite).pages['30']).toMatchObject({
      kind: 'folder',
      localPath: 'Guides/',
    });
    const broken = JSON.parse(readFileSync(file, 'utf8')) as { pages: Record<string, { kind: string }> };
    broken.pages['30']!.kind = 'whiteboard';
    writeFileSync(file, JSON.stringify(broken));
    expect(() => loadManifest(file, expectSite)).toThrow(/pages\.30\.kind/);
  });

  it('keeps detached pages across save and load, sorted by page id', () => {
    const m = sample();
    m.detached = {
      '100': { title: 'Gone Later', localPath: 'b.md', at: '2026-02-02T00:00:00.000Z' },
      '9': { title: 'Gone', localPath: 'a.md', at: '2026-02-01T00:00:00.000Z' },
    };
    saveManifest(file, m);
    const text = readFileSync(file, 'utf8');
    const section = text.slice(text.indexOf('"detached"'));
    expect(section.indexOf('"9"')).toBeGreaterThan(0);
    expect(section.indexOf('"9"')).toBeLessThan(section.indexOf('"100"'));
    expect(loadManifest(file, expectSite).detached).toEqual(m.detached);
  });

  it('refuses a detached entry without a title with CS-030 naming the field', () => {
    const m = JSON.parse(JSON.stringify(sample())) as Record<string, unknown>;
    m.detached = { '9': { localPath: 'a.md', at: 'x' } };
    writeFileSync(file, JSON.stringify(m));
    const e = error(() => loadManifest(file, expectSite));
    expect(e.code).toBe('CS-030');
    expect(e.message).toContain('detached.9.title');
  });
});

describe('manifest: what a pull request may not put in it', () => {
  it('migrates a schema 3 manifest to 4: same pages, no remote body hashes yet', () => {
    const v3 = JSON.parse(JSON.stringify(sample())) as Record<string, unknown>;
    v3.version = 3;
    writeFileSync(file, JSON.stringify(v3));
    const m = loadManifest(file, expectSite);
    expect(m.version).toBe(4);
    expect(m.pages['20']?.remoteHash).toBeUndefined();
    expect(m.pages).toEqual(sample().pages);
  });

  it.each([
    '../outside.md',
    '../../x.md',
    'a/../../x.md',
    '/etc/passwd',
    'a\\b.md',
    'x\u0000.md',
    '',
    '.',
    './a.md',
    'a//b.md',
    'a/./b.md',
    '..',
    '.git/config',
    'docs/.github/workflows/x.md',
    '.hidden.md',
  ])('refuses localPath %j with CS-030 naming the page', (bad) => {
    const m = JSON.parse(JSON.stringify(sample())) as Manifest;
    m.pages['20']!.localPath = bad;
    writeFileSync(file, JSON.stringify(m));
    expect(() => loadManifest(file, expectSite)).toThrow(
      expect.objectContaining({ code: 'CS-030', message: expect.stringMatching(/pages\.20\.localPath/) }),
    );
  });

  it.each(['.git/config', 'guide/.env'])('refuses an attachment path %j with CS-030', (bad) => {
    const m = JSON.parse(JSON.stringify(sample())) as Manifest;
    m.pages['20']!.attachments['z.png']!.localPath = bad;
    writeFileSync(file, JSON.stringify(m));
    expect(() => loadManifest(file, expectSite)).toThrow(
      expect.objectContaining({
        code: 'CS-030',
        message: expect.stringMatching(/attachments\.z\.png\.localPath/),
      }),
    );
  });

  it.each([
    [
      'two pages on one file',
      (m: Manifest) => (m.pages['3']!.localPath = 'guide/setup.md'),
      /pages 3 and 20 the same file/,
    ],
    [
      'two pages on one file, spelled NFC and NFD',
      (m: Manifest) => {
        m.pages['20']!.localPath = 'Caf\u00e9.md';
        m.pages['3']!.localPath = 'Cafe\u0301.md';
      },
      /the same file/,
    ],
    [
      "an attachment on another page's file",
      (m: Manifest) => (m.pages['20']!.attachments['z.png']!.localPath = 'index.md'),
      /attachment "z\.png" of page 20 the file of page 3/,
    ],
  ])('refuses %s with CS-030', (_name, edit, message) => {
    const m = JSON.parse(JSON.stringify(sample())) as Manifest;
    edit(m);
    writeFileSync(file, JSON.stringify(m));
    expect(() => loadManifest(file, expectSite)).toThrow(
      expect.objectContaining({ code: 'CS-030', message: expect.stringMatching(message) }),
    );
  });

  it('two pages may share an image file', () => {
    const m = JSON.parse(JSON.stringify(sample())) as Manifest;
    m.pages['3']!.attachments = { 'z.png': { id: 'att9', hash: 'h2', version: 1, localPath: 'guide/z.png' } };
    writeFileSync(file, JSON.stringify(m));
    expect(loadManifest(file, expectSite).pages['3']!.attachments['z.png']!.localPath).toBe('guide/z.png');
  });

  it('accepts folder paths with a trailing slash and nested files', () => {
    const m = JSON.parse(JSON.stringify(sample())) as Manifest;
    m.pages['20']!.localPath = 'guide/sub/';
    writeFileSync(file, JSON.stringify(m));
    expect(loadManifest(file, expectSite).pages['20']?.localPath).toBe('guide/sub/');
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses a page id %s with CS-030 naming it', (key) => {
    const text = JSON.stringify(sample()).replace('"20":', `"${key}":`);
    writeFileSync(file, text);
    expect(() => loadManifest(file, expectSite)).toThrow(
      expect.objectContaining({ code: 'CS-030', message: expect.stringContaining(`pages.${key}`) }),
    );
  });

  it('loads maps without a prototype', () => {
    writeFileSync(file, JSON.stringify(sample()));
    const m = loadManifest(file, expectSite);
    expect(Object.getPrototypeOf(m.pages)).toBeNull();
    expect(Object.getPrototypeOf(m.detached)).toBeNull();
    expect(Object.getPrototypeOf(m.pages['20']!.attachments)).toBeNull();
    expect('toString' in m.pages).toBe(false);
  });
});
