import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncError } from '../../../src/errors.js';
import { emptyManifest } from '../../../src/sync/state/manifest.js';
import { scanLocal } from '../../../src/sync/state/scan.js';

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'cs-scan-'));
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

const config = (extra: Partial<{ include: string[]; exclude: string[] }> = {}) => ({
  cwd,
  localRoot: 'docs',
  includePatterns: extra.include ?? ['**/*.md'],
  excludePatterns: extra.exclude ?? ['**/node_modules/**', '**/.git/**'],
});
const manifest = () => emptyManifest('https://x.example.com', 'DOCS', '1');

function write(path: string, content: string | Buffer): void {
  const abs = join(cwd, 'docs', path);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, content);
}

async function scanError(): Promise<SyncError> {
  try {
    await scanLocal(config(), manifest());
  } catch (e) {
    expect(e).toBeInstanceOf(SyncError);
    return e as SyncError;
  }
  throw new Error('expected a SyncError');
}

describe('scanLocal', () => {
  it('maps files and folders to a tree with titles, labels, kinds and parents', async () => {
    write('intro.md', '---\ntitle: Welcome\nlabels: [Getting Started, docs]\n---\n# Ignored heading\n');
    write('guide/index.md', 'Setext title\n============\n\ntext\n');
    write('guide/setup.md', 'no heading here\n');
    write('guide/deep/leaf.md', '# Leaf *one*\n');
    write('api.md', '# API\n');
    write('api/v1.md', '# V1\n');
    write('notes.txt', 'not included');
    write('node_modules/pkg/readme.md', '# excluded');

    const { docs, warnings } = await scanLocal(config(), manifest());
    expect(warnings).toEqual([]);
    expect(docs.map((d) => [d.path, d.kind, d.title, d.parentPath])).toEqual([
      ['api.md', 'file', 'API', null],
      ['api/v1.md', 'file', 'V1', 'api.md'],
      ['guide/deep/', 'virtual-folder', 'deep', 'guide/index.md'],
      ['guide/deep/leaf.md', 'file', 'Leaf one', 'guide/deep/'],
      ['guide/index.md', 'folder-index', 'Setext title', null],
      ['guide/setup.md', 'file', 'setup', 'guide/index.md'],
      ['intro.md', 'file', 'Welcome', null],
    ]);
    const intro = docs.find((d) => d.path === 'intro.md')!;
    expect(intro.labels).toEqual(['docs', 'getting-started']);
    expect(intro.hash).toBe(createHash('sha256').update(intro.content).digest('hex'));
  });

  it('gives a virtual folder a hash of its child names that survives a move of the folder', async () => {
    write('a/x.md', '# X\n');
    write('a/y.md', '# Y\n');
    const before = (await scanLocal(config(), manifest())).docs.find((d) => d.path === 'a/')!;
    rmSync(join(cwd, 'docs', 'a'), { recursive: true });
    write('b/x.md', '# X\n');
    write('b/y.md', '# Y\n');
    const after = (await scanLocal(config(), manifest())).docs.find((d) => d.path === 'b/')!;
    expect(after.hash).toBe(before.hash);
    write('b/z.md', '# Z\n');
    const grown = (await scanLocal(config(), manifest())).docs.find((d) => d.path === 'b/')!;
    expect(grown.hash).not.toBe(before.hash);
  });

  it('takes README.md as the folder page, and keeps README.md beside index.md as a page with a warning', async () => {
    write('one/README.md', '# One\n');
    write('two/index.md', '# Two\n');
    write('two/README.md', '# Two readme\n');
    const { docs, warnings } = await scanLocal(config(), manifest());
    expect(docs.map((d) => [d.path, d.kind, d.parentPath])).toEqual([
      ['one/README.md', 'folder-index', null],
      ['two/README.md', 'file', 'two/index.md'],
      ['two/index.md', 'folder-index', null],
    ]);
    expect(warnings).toEqual([
      'two/README.md is an ordinary page: two/index.md is the page of the folder two/.',
    ]);
  });

  it('reuses the manifest title for a file whose hash is unchanged', async () => {
    write('a.md', 'plain\n');
    const first = (await scanLocal(config(), manifest())).docs[0]!;
    expect(first.title).toBe('a');
    const m = manifest();
    m.pages['5'] = {
      id: '5',
      spaceKey: 'DOCS',
      title: 'Alpha From Confluence',
      version: 1,
      parentId: null,
      lastModified: '',
      localPath: 'a.md',
      contentHash: first.hash,
      status: 'synced',
      labels: ['kept'],
      attachments: {},
    };
    const again = (await scanLocal(config(), m)).docs[0]!;
    expect([again.title, again.labels]).toEqual(['Alpha From Confluence', ['kept']]);
    write('a.md', 'plain, edited\n');
    expect((await scanLocal(config(), m)).docs[0]!.title).toBe('a');
  });

  it('skips a symlink inside the docs folder with a warning', async () => {
    write('real.md', '# Real\n');
    symlinkSync(join(cwd, 'docs', 'real.md'), join(cwd, 'docs', 'alias.md'));
    symlinkSync(join(cwd, 'docs', 'nowhere.md'), join(cwd, 'docs', 'broken.md'));
    const { docs, warnings } = await scanLocal(config(), manifest());
    expect(docs.map((d) => d.path)).toEqual(['real.md']);
    expect(warnings).toEqual([
      'alias.md: skipped, it is a symlink (its target inside the docs folder is synced on its own).',
      'broken.md: skipped, it is a broken symlink.',
    ]);
  });

  it('refuses a symlink that leaves the docs folder (CS-041), unless it is excluded', async () => {
    write('real.md', '# Real\n');
    mkdirSync(join(cwd, 'outside'));
    writeFileSync(join(cwd, 'outside', 'secret.md'), '# Secret\n');
    symlinkSync(join(cwd, 'outside'), join(cwd, 'docs', 'escape'));
    const e = await scanError();
    expect(e.code).toBe('CS-041');
    expect(e.toLine()).toBe(
      'CS-041 escape is a symlink that leaves the docs folder. — Replace the link with the file itself, or add it to excludePatterns; nothing was read or written.',
    );
    const { docs } = await scanLocal(config({ exclude: ['escape'] }), manifest());
    expect(docs.map((d) => d.path)).toEqual(['real.md']);
  });

  it('refuses a non-UTF-8 file with CS-042 naming it', async () => {
    write('latin1.md', Buffer.from([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a]));
    const e = await scanError();
    expect(e.code).toBe('CS-042');
    expect(e.message).toBe('latin1.md is not valid UTF-8 text.');
  });

  it('refuses a binary .md with CS-042', async () => {
    write('image.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    expect((await scanError()).message).toContain('image.md looks binary');
  });

  it('refuses broken front matter with CS-045 and the line', async () => {
    write('bad.md', '---\ntitle: ok\nlabels: [a\n---\n# Bad\n');
    const e = await scanError();
    expect(e.code).toBe('CS-045');
    expect(e.message).toMatch(/^The front matter of bad\.md is not valid YAML at line \d+\.$/);
  });

  it('honours include and exclude patterns; a missing folder is empty only for a first pull', async () => {
    write('keep/a.md', '# A\n');
    write('drafts/b.md', '# B\n');
    write('c.markdown', '# C\n');
    const { docs } = await scanLocal(
      config({ include: ['**/*.md', '**/*.markdown'], exclude: ['drafts/**'] }),
      manifest(),
    );
    expect(docs.map((d) => d.path)).toEqual(['c.markdown', 'keep/', 'keep/a.md']);
    expect(docs.find((d) => d.path === 'c.markdown')?.title).toBe('C');
    rmSync(join(cwd, 'docs'), { recursive: true });
    // Allowed only when asked (a first pull); otherwise a missing docs folder is CS-023, never "all deleted".
    expect(await scanLocal(config(), manifest(), { allowMissingRoot: true })).toEqual({
      docs: [],
      warnings: [],
    });
    await expect(scanLocal(config(), manifest())).rejects.toMatchObject({
      code: 'CS-023',
      message: expect.stringMatching(/localRoot/),
    });
  });

  it("files in a page's attachments folder are not docs, unless the manifest tracks them as pages", async () => {
    write('page.md', '# Page\n');
    write('page.assets/notes.md', '# Notes\n');
    write('page.assets/deep/more.md', '# More\n');
    write('page.assets/tracked.md', '# Tracked\n');
    write('guide/index.md', '# Guide\n');
    write('guide/_assets/readme.md', '# Attached readme\n');
    // no design.md beside it: an ordinary folder
    write('design.assets/overview.md', '# Overview\n');
    const m = manifest();
    m.pages['1'] = {
      id: '1',
      spaceKey: 'DOCS',
      title: 'Tracked',
      version: 2,
      parentId: null,
      lastModified: '2026-01-01T00:00:00Z',
      localPath: 'page.assets/tracked.md',
      contentHash: 'x',
      status: 'synced',
      labels: [],
      attachments: {},
    };
    const { docs, others, warnings } = await scanLocal(config(), m);
    expect(docs.map((d) => d.path)).toEqual([
      'design.assets/',
      'design.assets/overview.md',
      'guide/index.md',
      'page.assets/',
      'page.assets/tracked.md',
      'page.md',
    ]);
    expect(others).toEqual(
      expect.arrayContaining(['page.assets/notes.md', 'page.assets/deep/more.md', 'guide/_assets/readme.md']),
    );
    expect(warnings).toContain(
      "page.assets/notes.md is in a page's attachments folder: an attachment, not synced as a page.",
    );
  });
});
