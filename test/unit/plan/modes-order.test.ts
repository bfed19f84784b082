import { describe, expect, it } from 'vitest';
import { plan } from '../../../src/sync/plan/plan.js';
import type { SyncMode } from '../../../src/sync/types.js';
import { ROOT, doc, input, manifestOf, remote, tracked } from './fixtures.js';

/** One local edit (a.md), one remote edit (b.md), one conflict (c.md). */
function mixed(mode: SyncMode) {
  return input({
    mode,
    manifest: manifestOf(
      tracked('10', 'a.md', 'A', 1, 'a0'),
      tracked('11', 'b.md', 'B', 1, 'b0'),
      tracked('12', 'c.md', 'C', 1, 'c0'),
    ),
    locals: [doc('a.md', 'a1', 'A'), doc('b.md', 'b0', 'B'), doc('c.md', 'c1', 'C')],
    remotes: [
      remote(ROOT, 'Docs', 1, null),
      remote('10', 'A', 1),
      remote('11', 'B', 2),
      remote('12', 'C', 2),
    ],
  });
}

describe('modes', () => {
  it.each([
    ['push', { 'a.md': 'planned', 'b.md': 'skipped', 'c.md': 'conflict' }],
    ['pull', { 'a.md': 'skipped', 'b.md': 'planned', 'c.md': 'conflict' }],
    ['sync', { 'a.md': 'planned', 'b.md': 'planned', 'c.md': 'conflict' }],
    ['status', { 'a.md': 'planned', 'b.md': 'planned', 'c.md': 'conflict' }],
    ['check', { 'a.md': 'planned', 'b.md': 'planned', 'c.md': 'conflict' }],
  ] as const)('%s: outcomes per direction', (mode, outcomes) => {
    const cs = plan(mixed(mode));
    expect(cs.mode).toBe(mode);
    expect(Object.fromEntries(cs.changes.map((c) => [c.localPath, c.outcome]))).toEqual(outcomes);
  });

  it('copies startedAt, dryRun, site and space into the change set', () => {
    const cs = plan({ ...mixed('status'), startedAt: '2026-02-03T04:05:06.000Z', dryRun: true });
    expect(cs).toMatchObject({
      startedAt: '2026-02-03T04:05:06.000Z',
      dryRun: true,
      spaceKey: 'DOCS',
      confluenceUrl: 'https://example.atlassian.net/wiki',
      durationMs: 0,
    });
  });
});

describe('paths filter', () => {
  it('keeps only changes at or under the given paths (before or after a move)', () => {
    const base = mixed('sync');
    expect(plan({ ...base, paths: ['a.md', 'c.md'] }).changes.map((c) => c.localPath)).toEqual([
      'a.md',
      'c.md',
    ]);
    const moved = input({
      manifest: manifestOf(tracked('10', 'old/a.md', 'A', 1, 'a0')),
      locals: [doc('new/a.md', 'a0', 'A', { parentPath: 'new/' }), doc('new/', 'v', 'new')],
      remotes: [remote(ROOT, 'Docs', 1, null), remote('10', 'A', 1)],
    });
    // The move lands in a new folder: the folder's page is part of the run (see 'ancestors' below).
    expect(plan({ ...moved, paths: ['old'] }).changes.map((c) => c.kind)).toEqual([
      'create-remote',
      'move-remote',
    ]);
    expect(plan({ ...moved, paths: ['./new/'] }).changes.map((c) => c.kind)).toEqual([
      'create-remote',
      'move-remote',
    ]);
    expect(plan({ ...moved, paths: ['elsewhere'] }).changes).toEqual([]);
  });
});

describe('paths filter: ancestors the selected changes stand on', () => {
  const nested = input({
    manifest: manifestOf(tracked('10', 'kept/index.md', 'Kept', 1, 'k0')),
    locals: [
      doc('kept/index.md', 'k1', 'Kept'),
      doc('kept/new.md', 'n', 'New', { parentPath: 'kept/index.md' }),
      doc('how-to/', 'v1', 'how-to'),
      doc('how-to/deep/index.md', 'd', 'Deep', { parentPath: 'how-to/' }),
      doc('how-to/deep/setup.md', 's', 'Setup', { parentPath: 'how-to/deep/index.md' }),
      doc('how-to/other.md', 'o', 'Other', { parentPath: 'how-to/' }),
    ],
    remotes: [remote(ROOT, 'Docs', 1, null), remote('10', 'Kept', 1)],
  });
  it.each([
    [['how-to/deep/setup.md'], ['how-to/', 'how-to/deep/index.md', 'how-to/deep/setup.md']],
    [['how-to/deep/'], ['how-to/', 'how-to/deep/index.md', 'how-to/deep/setup.md']],
    [['how-to/other.md'], ['how-to/', 'how-to/other.md']],
    // An existing parent with its own (content) change is not dragged in: it is already in Confluence.
    [['kept/new.md'], ['kept/new.md']],
  ])('%j → %j', (paths, expected) => {
    expect(plan({ ...nested, mode: 'push', paths }).changes.map((c) => c.localPath)).toEqual(expected);
  });
});

describe('order', () => {
  it('creates and moves parents before children; removes children before parents', () => {
    const cs = plan(
      input({
        onLocalDelete: 'delete',
        manifest: manifestOf(
          tracked('20', 'gone/index.md', 'Gone', 1, 'g'),
          tracked('21', 'gone/child.md', 'Child', 1, 'c', '20'),
        ),
        locals: [
          doc('z/deep/leaf.md', 'l', 'Leaf', { parentPath: 'z/deep/' }),
          doc('z/deep/', 'v2', 'deep', { parentPath: 'z/index.md' }),
          doc('z/index.md', 'zi', 'Zed'),
        ],
        remotes: [remote(ROOT, 'Docs', 1, null), remote('20', 'Gone', 1), remote('21', 'Child', 1, '20')],
      }),
    );
    expect(cs.changes.map((c) => [c.kind, c.localPath])).toEqual([
      ['create-remote', 'z/index.md'],
      ['create-remote', 'z/deep/'],
      ['create-remote', 'z/deep/leaf.md'],
      ['delete-remote', 'gone/child.md'],
      ['delete-remote', 'gone/index.md'],
    ]);
    expect(cs.changes[1]).toMatchObject({ parentPath: 'z/index.md', docKind: 'virtual-folder' });
    expect(cs.changes[1]?.parentId).toBeUndefined();
  });
});
