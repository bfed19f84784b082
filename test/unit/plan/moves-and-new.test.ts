import { describe, expect, it } from 'vitest';
import { SyncError } from '../../../src/errors.js';
import { plan } from '../../../src/sync/plan/plan.js';
import type { Change } from '../../../src/sync/types.js';
import { ROOT, doc, input, manifestOf, remote, tracked } from './fixtures.js';

const pick = (c: Change) => ({
  kind: c.kind,
  pageId: c.pageId,
  localPath: c.localPath,
  previousPath: c.previousPath,
});

describe('pages new on one or both sides', () => {
  it('a new file → create-remote under its parent; a new page → create-local under its parent folder', () => {
    const cs = plan(
      input({
        manifest: manifestOf(tracked('20', 'guide/index.md', 'Guide', 2, 'hg')),
        locals: [
          doc('guide/index.md', 'hg', 'Guide'),
          doc('guide/new.md', 'hn', 'New', { parentPath: 'guide/index.md', labels: ['x'] }),
        ],
        remotes: [
          remote(ROOT, 'Docs', 1, null),
          remote('20', 'Guide', 2),
          remote('30', 'From Confluence', 1, '20'),
        ],
      }),
    );
    expect(cs.changes).toEqual([
      expect.objectContaining({
        kind: 'create-local',
        pageId: '30',
        title: 'From Confluence',
        localPath: 'guide/From Confluence.md',
        parentId: '20',
        parentPath: 'guide/index.md',
        local: 'absent',
        remote: 'new',
      }),
      expect.objectContaining({
        kind: 'create-remote',
        title: 'New',
        localPath: 'guide/new.md',
        parentId: '20',
        parentPath: 'guide/index.md',
        labels: ['x'],
        localHash: 'hn',
        local: 'new',
        remote: 'absent',
      }),
    ]);
    expect(cs.unchanged).toBe(1);
  });

  it('new on both sides with the same title (any case) → one adopt, no duplicate', () => {
    const cs = plan(
      input({
        strategy: 'manual',
        locals: [doc('setup.md', 'h', 'Setup')],
        remotes: [remote(ROOT, 'Docs', 1, null), remote('40', 'SETUP', 7)],
      }),
    );
    expect(cs.changes.map(pick)).toEqual([
      { kind: 'adopt', pageId: '40', localPath: 'setup.md', previousPath: undefined },
    ]);
    expect(cs.changes[0]).toMatchObject({ local: 'new', remote: 'new', fromVersion: 7, outcome: 'planned' });
  });

  it('new on both sides with different titles → one create each way', () => {
    const cs = plan(
      input({
        locals: [doc('a.md', 'h', 'A')],
        remotes: [remote(ROOT, 'Docs', 1, null), remote('41', 'B', 1)],
      }),
    );
    expect(cs.changes.map((c) => c.kind).sort()).toEqual(['create-local', 'create-remote']);
  });

  it('a new remote subtree is created parents first, a page with children as dir/index.md', () => {
    const cs = plan(
      input({
        remotes: [
          remote('52', 'Leaf', 1, '51'),
          remote(ROOT, 'Docs', 1, null),
          remote('51', 'Section', 1, '50'),
          remote('50', 'Top', 1),
        ],
      }),
    );
    expect(cs.changes.map((c) => [c.localPath, c.parentPath, c.docKind])).toEqual([
      ['Top/index.md', null, 'folder-index'],
      ['Top/Section/index.md', 'Top/index.md', 'folder-index'],
      ['Top/Section/Leaf.md', 'Top/Section/index.md', 'file'],
    ]);
  });

  it('remote titles that would clash as file names get distinct, stable paths', () => {
    const cs = plan(
      input({
        locals: [doc('a-b.md', 'h', 'Existing')],
        remotes: [
          remote(ROOT, 'Docs', 1, null),
          remote('61', 'a/b', 1),
          remote('62', 'A:B', 1),
          remote('63', 'notes', 1),
        ],
      }),
    );
    const paths = Object.fromEntries(
      cs.changes.filter((c) => c.kind === 'create-local').map((c) => [c.pageId, c.localPath]),
    );
    expect(paths).toEqual({ '61': 'a-b-61.md', '62': 'A-B-62.md', '63': 'notes.md' });
  });
});

describe('moves and renames', () => {
  it('a file moved (same bytes) → move-remote keeping the page id', () => {
    const cs = plan(
      input({
        manifest: manifestOf(
          tracked('10', 'a.md', 'A', 3, 'h0'),
          tracked('20', 'guide/index.md', 'Guide', 1, 'hg'),
        ),
        locals: [
          doc('guide/index.md', 'hg', 'Guide'),
          doc('guide/a.md', 'h0', 'A', { parentPath: 'guide/index.md' }),
        ],
        remotes: [remote(ROOT, 'Docs', 1, null), remote('10', 'A', 3), remote('20', 'Guide', 1)],
      }),
    );
    expect(cs.changes.map(pick)).toEqual([
      { kind: 'move-remote', pageId: '10', localPath: 'guide/a.md', previousPath: 'a.md' },
    ]);
    expect(cs.changes[0]).toMatchObject({
      parentId: '20',
      parentPath: 'guide/index.md',
      reason: 'Moved locally from a.md.',
    });
  });

  it('a file moved and edited keeps its page when its title is unchanged', () => {
    const cs = plan(
      input({
        manifest: manifestOf(tracked('10', 'a.md', 'Alpha', 3, 'h0')),
        locals: [doc('b.md', 'h1', 'Alpha')],
        remotes: [remote(ROOT, 'Docs', 1, null), remote('10', 'Alpha', 3)],
      }),
    );
    expect(cs.changes.map(pick)).toEqual([
      { kind: 'move-remote', pageId: '10', localPath: 'b.md', previousPath: 'a.md' },
    ]);
    expect(cs.changes[0]?.reason).toBe('Moved locally from a.md and edited.');
  });

  it('a page renamed in Confluence → move-local when the file is named after the title', () => {
    const cs = plan(
      input({
        manifest: manifestOf(tracked('10', 'Alpha.md', 'Alpha', 3, 'h0')),
        locals: [doc('Alpha.md', 'h0', 'Alpha')],
        remotes: [remote(ROOT, 'Docs', 1, null), remote('10', 'Beta', 4)],
      }),
    );
    expect(cs.changes.map(pick)).toEqual([
      { kind: 'move-local', pageId: '10', localPath: 'Beta.md', previousPath: 'Alpha.md' },
    ]);
    expect(cs.changes[0]).toMatchObject({ title: 'Beta', previousTitle: 'Alpha' });
  });

  it('a renamed page whose file has its own name keeps the file name (update-local)', () => {
    const cs = plan(
      input({
        manifest: manifestOf(tracked('10', 'setup.md', 'Alpha', 3, 'h0')),
        locals: [doc('setup.md', 'h0', 'Alpha')],
        remotes: [remote(ROOT, 'Docs', 1, null), remote('10', 'Beta', 4)],
      }),
    );
    expect(cs.changes.map(pick)).toEqual([
      { kind: 'update-local', pageId: '10', localPath: 'setup.md', previousPath: undefined },
    ]);
  });

  it('a page moved under another parent in Confluence moves the file (and a folder page takes its children)', () => {
    const cs = plan(
      input({
        manifest: manifestOf(
          tracked('20', 'guide/index.md', 'Guide', 1, 'hg'),
          tracked('21', 'guide/one.md', 'One', 1, 'h1', '20'),
          tracked('30', 'api/', 'api', 1, 'hv'),
        ),
        locals: [
          doc('guide/index.md', 'hg', 'Guide'),
          doc('guide/one.md', 'h1', 'One', { parentPath: 'guide/index.md' }),
          doc('api/', 'hv', 'api'),
        ],
        // Guide moved under api (no new version: a move in Confluence)
        remotes: [
          remote(ROOT, 'Docs', 1, null),
          remote('20', 'Guide', 1, '30'),
          remote('21', 'One', 1, '20'),
          remote('30', 'api', 1),
        ],
      }),
    );
    expect(cs.changes.map(pick)).toEqual([
      { kind: 'move-local', pageId: '20', localPath: 'api/guide/index.md', previousPath: 'guide/index.md' },
      { kind: 'move-local', pageId: '21', localPath: 'api/guide/one.md', previousPath: 'guide/one.md' },
    ]);
    expect(cs.changes[0]).toMatchObject({
      parentId: '30',
      parentPath: 'api/',
      remote: 'changed',
      local: 'unchanged',
    });
    expect(cs.changes[1]).toMatchObject({
      remote: 'unchanged',
      reason: 'Its parent moved in Confluence: the file follows it.',
    });
  });

  it('a moved file and an edited page is a conflict under manual', () => {
    const cs = plan(
      input({
        manifest: manifestOf(tracked('10', 'a.md', 'A', 3, 'h0')),
        locals: [doc('b.md', 'h0', 'A')],
        remotes: [remote(ROOT, 'Docs', 1, null), remote('10', 'A', 4)],
      }),
    );
    expect(cs.changes.map((c) => [c.kind, c.outcome])).toEqual([['conflict', 'conflict']]);
  });
});

describe('title collisions', () => {
  it('two local files with the same title (ignoring case) → CS-040 naming both paths, before any change', () => {
    const run = () =>
      plan(
        input({
          locals: [doc('guide/setup.md', 'h1', 'Setup'), doc('ops/Setup.md', 'h2', 'SETUP')],
          remotes: [remote(ROOT, 'Docs', 1, null)],
        }),
      );
    expect(run).toThrow(SyncError);
    try {
      run();
    } catch (e) {
      expect((e as SyncError).code).toBe('CS-040');
      expect((e as SyncError).message).toBe(
        'guide/setup.md and ops/Setup.md would both become the page "SETUP" (titles are unique per space, ignoring case).',
      );
    }
  });
});

describe('a page deleted and created again in Confluence with the same title', () => {
  it('links the file to the new page instead of deleting it and creating a second file', () => {
    const cs = plan(
      input({
        manifest: manifestOf(tracked('10', 'a.md', 'Alpha', 3, 'h0')),
        locals: [doc('a.md', 'h0', 'Alpha')],
        remotes: [remote(ROOT, 'Docs', 1, null), remote('99', 'Alpha', 1)],
      }),
    );
    expect(cs.changes.map(pick)).toEqual([
      { kind: 'update-local', pageId: '99', localPath: 'a.md', previousPath: undefined },
    ]);
    expect(cs.changes[0]).toMatchObject({
      replacesPageId: '10',
      remote: 'changed',
      reason: 'Deleted and created again in Confluence (page 10 → 99).',
    });
    expect(cs.changes[0]?.baseVersion).toBeUndefined();
  });

  it('is a conflict under manual when the file was edited too', () => {
    const cs = plan(
      input({
        manifest: manifestOf(tracked('10', 'a.md', 'Alpha', 3, 'h0')),
        locals: [doc('a.md', 'h1', 'Alpha')],
        remotes: [remote(ROOT, 'Docs', 1, null), remote('99', 'Alpha', 1)],
      }),
    );
    expect(cs.changes.map((c) => [c.kind, c.pageId, c.replacesPageId])).toEqual([['conflict', '99', '10']]);
  });
});

describe('a folder that changes how it is represented keeps its page', () => {
  it.each([
    ['guide/', 'guide/index.md'],
    ['guide/', 'guide/README.md'],
    ['guide/', 'guide.md'],
    ['guide/index.md', 'guide/'],
    ['guide.md', 'guide/index.md'],
  ])('%s → %s is a move of page 20, not a delete and a create', (before, after) => {
    const cs = plan(
      input({
        manifest: manifestOf(
          tracked('20', before, 'Guide', 2, 'old'),
          tracked('21', 'guide/a.md', 'A', 1, 'ha', '20'),
        ),
        locals: [doc(after, 'new', 'Guide Book'), doc('guide/a.md', 'ha', 'A', { parentPath: after })],
        remotes: [remote(ROOT, 'Docs', 1, null), remote('20', 'Guide', 2), remote('21', 'A', 1, '20')],
      }),
    );
    expect(cs.changes.map(pick)).toEqual([
      { kind: 'move-remote', pageId: '20', localPath: after, previousPath: before },
    ]);
    expect(cs.changes[0]).toMatchObject({ title: 'Guide Book', previousTitle: 'Guide' });
  });
});

describe('titles Confluence cannot hold', () => {
  const refused = (title: string, path = 'bad.md') => {
    try {
      plan(input({ locals: [doc(path, 'h', title), doc('ok.md', 'h2', 'Fine')] }));
    } catch (e) {
      expect(e).toBeInstanceOf(SyncError);
      return (e as SyncError).toLine();
    }
    throw new Error('not refused');
  };

  it.each([
    ['before\u0000after', 'contains a control character'],
    ['bell\u0007', 'contains a control character'],
    ['x'.repeat(256), 'has 256 characters (Confluence allows 255)'],
    ['   ', 'is empty'],
  ])('%j → CS-044 naming the file', (title, problem) => {
    expect(refused(title)).toMatch(
      new RegExp(`^CS-044 The title of bad\\.md ${problem.replace(/[()]/g, '\\$&')}\\. — `),
    );
  });

  it('keeps a title the page already has in Confluence (pulled as it is)', () => {
    const cs = plan(
      input({
        manifest: manifestOf(tracked('10', 'bell.md', 'bell\u0007', 1, 'h')),
        locals: [doc('bell.md', 'h', 'bell\u0007')],
        remotes: [remote(ROOT, 'Docs', 1, null), remote('10', 'bell\u0007', 1)],
      }),
    );
    expect(cs.changes).toEqual([]);
  });

  it('two titles equal once Unicode-normalised → CS-040, unless both pages already exist', () => {
    const nfc = 'Caf\u00e9';
    const nfd = 'Cafe\u0301';
    expect(() => plan(input({ locals: [doc('nfc.md', 'h1', nfc), doc('nfd.md', 'h2', nfd)] }))).toThrow(
      /nfc\.md and nfd\.md would both become the page/,
    );
    const cs = plan(
      input({
        manifest: manifestOf(tracked('10', 'nfc.md', nfc, 1, 'h1'), tracked('11', 'nfd.md', nfd, 1, 'h2')),
        locals: [doc('nfc.md', 'h1', nfc), doc('nfd.md', 'h2', nfd)],
        remotes: [remote(ROOT, 'Docs', 1, null), remote('10', nfc, 1), remote('11', nfd, 1)],
      }),
    );
    expect(cs.unchanged).toBe(2);
  });
});
