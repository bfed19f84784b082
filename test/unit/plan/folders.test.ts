/**
 * Cloud folders in the plan: a new directory without index file is a folder (Data Center: a generated page),
 * folders and pages never share a title space, a placeholder page of an earlier version stays a page, a folder
 * record never pairs with an index file, a folder has no content (children coming and going change nothing),
 * and a page confirmed present by id is never taken for deleted.
 */
import { describe, expect, it } from 'vitest';
import { plan } from '../../../src/sync/plan/plan.js';
import type { Change, ManifestPage, RemoteNode } from '../../../src/sync/types.js';
import { ROOT, doc, input, manifestOf, remote, tracked } from './fixtures.js';

const folderRemote = (id: string, title: string, parentId: string | null = ROOT): RemoteNode => ({
  ...remote(id, title, 1, parentId),
  kind: 'folder',
});
const folderRecord = (id: string, localPath: string, title: string, parentId = ROOT): ManifestPage => ({
  ...tracked(id, localPath, title, 1, 'h-dir', parentId),
  kind: 'folder',
});
const brief = (changes: Change[]) => changes.map((c) => [c.kind, c.localPath, c.nodeKind ?? 'page']);

describe('new directories', () => {
  // [folders supported, expected kind of the change for "Guide/"]
  const TABLE: [boolean, 'folder' | 'page'][] = [
    [true, 'folder'],
    [false, 'page'],
  ];
  for (const [folders, kind] of TABLE) {
    it(`${folders ? 'Cloud' : 'Data Center'}: a directory without index file becomes a ${kind}`, () => {
      const cs = plan(
        input({
          folders,
          locals: [
            doc('Guide/', 'h-dir', 'Guide'),
            doc('Guide/setup.md', 'h1', 'Setup', { parentPath: 'Guide/' }),
          ],
        }),
      );
      expect(brief(cs.changes)).toEqual([
        ['create-remote', 'Guide/', kind],
        ['create-remote', 'Guide/setup.md', 'page'],
      ]);
    });
  }

  it('a folder and a page may share a title on Cloud; on Data Center they collide (CS-040)', () => {
    const locals = [doc('Guide/', 'h-dir', 'Guide'), doc('notes.md', 'h1', 'Guide')];
    expect(brief(plan(input({ folders: true, locals })).changes)).toEqual([
      ['create-remote', 'Guide/', 'folder'],
      ['create-remote', 'notes.md', 'page'],
    ]);
    expect(() => plan(input({ folders: false, locals }))).toThrow(/CS-040|would both become the page/);
  });

  it('two directories with the same name would be two folders with one title: CS-013 before anything is written', () => {
    const locals = [doc('a/Setup/', 'h1', 'Setup'), doc('b/Setup/', 'h2', 'Setup')];
    expect(() => plan(input({ folders: true, locals }))).toThrowError(
      expect.objectContaining({ code: 'CS-013' }) as Error,
    );
  });

  it('a new directory and a new folder with the same title are adopted; a new page of that title is not', () => {
    const cs = plan(
      input({
        folders: true,
        locals: [doc('Guide/', 'h-dir', 'Guide')],
        remotes: [remote(ROOT, 'Docs', 1, null), remote('20', 'Guide', 1), folderRemote('30', 'Guide')],
      }),
    );
    expect(cs.changes.map((c) => [c.kind, c.pageId, c.localPath, c.nodeKind ?? 'page'])).toEqual([
      ['create-local', '20', 'Guide-20.md', 'page'],
      ['adopt', '30', 'Guide/', 'folder'],
    ]);
  });
});

describe('folders Confluence has', () => {
  it('a new folder pulls as a directory path, and its page goes inside it', () => {
    const cs = plan(
      input({
        folders: true,
        remotes: [
          remote(ROOT, 'Docs', 1, null),
          folderRemote('30', 'Guides'),
          remote('40', 'Install', 1, '30'),
        ],
      }),
    );
    expect(cs.changes.map((c) => [c.kind, c.localPath, c.docKind, c.parentPath])).toEqual([
      ['create-local', 'Guides/', 'virtual-folder', null],
      ['create-local', 'Guides/Install.md', 'file', 'Guides/'],
    ]);
  });

  it('a folder has no content: a file added to its directory changes nothing for the folder', () => {
    const cs = plan(
      input({
        folders: true,
        manifest: manifestOf(folderRecord('30', 'Guides/', 'Guides')),
        locals: [
          doc('Guides/', 'h-other-children', 'Guides'),
          doc('Guides/new.md', 'h1', 'New', { parentPath: 'Guides/' }),
        ],
        remotes: [remote(ROOT, 'Docs', 1, null), folderRemote('30', 'Guides')],
      }),
    );
    expect(brief(cs.changes)).toEqual([['create-remote', 'Guides/new.md', 'page']]);
    expect(cs.changes[0]?.parentId).toBe('30');
  });

  it('a folder renamed in Confluence moves its directory', () => {
    const cs = plan(
      input({
        folders: true,
        manifest: manifestOf(folderRecord('30', 'Guides/', 'Guides')),
        locals: [doc('Guides/', 'h-dir', 'Guides')],
        remotes: [remote(ROOT, 'Docs', 1, null), folderRemote('30', 'Manuals')],
      }),
    );
    expect(cs.changes.map((c) => [c.kind, c.previousPath, c.localPath, c.nodeKind])).toEqual([
      ['move-local', 'Guides/', 'Manuals/', 'folder'],
    ]);
  });

  it('a folder record never pairs with an index file: the directory gained a page, the folder is left', () => {
    const cs = plan(
      input({
        folders: true,
        manifest: manifestOf(folderRecord('30', 'Guides/', 'Guides')),
        locals: [doc('Guides/index.md', 'h1', 'Guides')],
        remotes: [remote(ROOT, 'Docs', 1, null), folderRemote('30', 'Guides')],
      }),
    );
    expect(brief(cs.changes)).toEqual([
      ['create-remote', 'Guides/index.md', 'page'],
      ['keep-remote', 'Guides/', 'folder'],
    ]);
  });
});

describe('earlier versions and pages out of sight', () => {
  it('a placeholder page made for a directory by an earlier version stays a page', () => {
    const cs = plan(
      input({
        folders: true,
        manifest: manifestOf(tracked('20', 'Guide/', 'Guide', 2, 'h-dir')),
        locals: [doc('Guide/', 'h-dir', 'Guide'), doc('Guide/a.md', 'h1', 'A', { parentPath: 'Guide/' })],
        remotes: [remote(ROOT, 'Docs', 1, null), remote('20', 'Guide', 2)],
      }),
    );
    expect(brief(cs.changes)).toEqual([['create-remote', 'Guide/a.md', 'page']]);
    expect(cs.changes[0]?.parentId).toBe('20');
  });

  it('a page missing from the listing but confirmed present by id is left alone, not deleted', () => {
    const manifest = manifestOf(tracked('20', 'a.md', 'A', 2, 'h1'));
    const locals = [doc('a.md', 'h1', 'A')];
    const remotes = [remote(ROOT, 'Docs', 1, null)];
    expect(plan(input({ manifest, locals, remotes })).changes.map((c) => c.kind)).toEqual(['delete-local']);
    const hidden = plan(input({ manifest, locals, remotes, hidden: new Set(['20']) }));
    expect(hidden.changes).toEqual([]);
    expect(hidden.unchanged).toBe(1);
  });
});
