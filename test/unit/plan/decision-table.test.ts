/**
 * Every cell of local {unchanged, changed, deleted} × remote {unchanged, changed, deleted} for a page the
 * manifest knows, under every conflict strategy. (Pages new on a side are in new-pages.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import type { ConflictStrategy } from '../../../src/config/types.js';
import { plan } from '../../../src/sync/plan/plan.js';
import type { ChangeKind } from '../../../src/sync/types.js';
import { ROOT, doc, input, manifestOf, remote, tracked } from './fixtures.js';

type State = 'unchanged' | 'changed' | 'deleted';
type Expected = ChangeKind | 'nothing' | 'forget';
const STRATEGIES: ConflictStrategy[] = ['manual', 'local-first', 'remote-first', 'merge'];

// [local, remote, manual, local-first, remote-first, merge]
const TABLE: [State, State, Expected, Expected, Expected, Expected][] = [
  ['unchanged', 'unchanged', 'nothing', 'nothing', 'nothing', 'nothing'],
  ['unchanged', 'changed', 'update-local', 'update-local', 'update-local', 'update-local'],
  ['unchanged', 'deleted', 'delete-local', 'delete-local', 'delete-local', 'delete-local'],
  ['changed', 'unchanged', 'update-remote', 'update-remote', 'update-remote', 'update-remote'],
  ['changed', 'changed', 'conflict', 'update-remote', 'update-local', 'merge'],
  ['changed', 'deleted', 'conflict', 'create-remote', 'delete-local', 'conflict'],
  ['deleted', 'unchanged', 'keep-remote', 'keep-remote', 'keep-remote', 'keep-remote'],
  ['deleted', 'changed', 'conflict', 'keep-remote', 'create-local', 'conflict'],
  ['deleted', 'deleted', 'forget', 'forget', 'forget', 'forget'],
];

function scenario(local: State, remoteState: State) {
  const manifest = manifestOf(tracked('10', 'a.md', 'A', 3, 'h0'));
  const locals = local === 'deleted' ? [] : [doc('a.md', local === 'changed' ? 'h1' : 'h0', 'A')];
  const remotes = [remote(ROOT, 'Docs', 1, null)];
  if (remoteState !== 'deleted') remotes.push(remote('10', 'A', remoteState === 'changed' ? 5 : 3));
  return { manifest, locals, remotes };
}

describe('decision table', () => {
  for (const [local, remoteState, ...expected] of TABLE) {
    STRATEGIES.forEach((strategy, i) => {
      const want = expected[i] as Expected;
      it(`local ${local} × remote ${remoteState}, ${strategy} → ${want}`, () => {
        const cs = plan(input({ ...scenario(local, remoteState), strategy }));
        if (want === 'nothing') {
          expect(cs.changes).toEqual([]);
          expect(cs.unchanged).toBe(1);
          return;
        }
        if (want === 'forget') {
          expect(cs.changes).toEqual([]);
          expect(cs.forget).toEqual(['10']);
          return;
        }
        expect(cs.changes.map((c) => c.kind)).toEqual([want]);
        const change = cs.changes[0]!;
        expect(change.local).toBe(local);
        expect(change.remote).toBe(remoteState);
        expect(change.baseVersion).toBe(3);
        if (want === 'create-remote') {
          expect(change.pageId).toBeUndefined();
          expect(change.replacesPageId).toBe('10');
        } else {
          expect(change.pageId).toBe('10');
        }
        if (want === 'conflict') {
          expect(change.outcome).toBe('conflict');
          expect(change.conflict?.strategy).toBe(strategy);
          expect(change.conflict?.detail).toMatch(/nothing was written for this page/i);
        } else {
          expect(change.outcome).toBe('planned');
        }
        const bothChanged = local !== 'unchanged' && remoteState !== 'unchanged';
        if (bothChanged && want !== 'conflict') expect(change.conflict?.strategy).toBe(strategy);
        if (!bothChanged) expect(change.conflict).toBeUndefined();
      });
    });
  }

  it.each([
    ['keep', 'keep-remote', 'the page stays in Confluence and is no longer synced'],
    ['archive', 'archive-remote', 'the page is archived'],
    ['delete', 'delete-remote', 'the page goes to the trash'],
  ] as const)('a deleted file with onLocalDelete %s → %s', (onLocalDelete, kind, words) => {
    const cs = plan(input({ ...scenario('deleted', 'unchanged'), onLocalDelete }));
    expect(cs.changes.map((c) => [c.kind, c.localPath])).toEqual([[kind, 'a.md']]);
    expect(cs.changes[0]?.reason).toBe(`Deleted locally; onLocalDelete is ${onLocalDelete}: ${words}.`);
  });

  it('says in the reason what changed on each side, with versions', () => {
    const cs = plan(input(scenario('changed', 'changed')));
    expect(cs.changes[0]?.reason).toBe('Edited locally and edited in Confluence (v3 → v5).');
    expect(cs.changes[0]?.fromVersion).toBe(5);
    expect(cs.changes[0]?.localHash).toBe('h1');
  });
});

/**
 * The cells with "new" on one side. A page is new on one side only when the other side has something
 * matching it: a new file with the title of a known page whose file is gone is that page's file (moved and
 * edited); a new page with the title of a known page that was deleted is that page created again.
 */
type NewCell = ['new', State] | [State, 'new'] | ['new', 'new'];
const NEW_TABLE: [...NewCell, Expected, Expected, Expected, Expected][] = [
  ['new', 'unchanged', 'move-remote', 'move-remote', 'move-remote', 'move-remote'],
  ['new', 'changed', 'conflict', 'move-remote', 'update-local', 'merge'],
  ['new', 'deleted', 'conflict', 'create-remote', 'delete-local', 'conflict'],
  ['unchanged', 'new', 'update-local', 'update-local', 'update-local', 'update-local'],
  ['changed', 'new', 'conflict', 'update-remote', 'update-local', 'merge'],
  ['deleted', 'new', 'conflict', 'keep-remote', 'create-local', 'conflict'],
  ['new', 'new', 'adopt', 'adopt', 'adopt', 'adopt'],
];

function newScenario(local: State | 'new', remoteState: State | 'new') {
  if (local === 'new' && remoteState === 'new') {
    return {
      manifest: manifestOf(),
      locals: [doc('a.md', 'h1', 'A')],
      remotes: [remote(ROOT, 'Docs', 1, null), remote('99', 'a', 1)],
    };
  }
  const manifest = manifestOf(tracked('10', 'a.md', 'A', 3, 'h0'));
  const locals =
    local === 'new'
      ? [doc('renamed.md', 'h1', 'A')]
      : local === 'deleted'
        ? []
        : [doc('a.md', local === 'changed' ? 'h1' : 'h0', 'A')];
  const remotes = [remote(ROOT, 'Docs', 1, null)];
  if (remoteState === 'new') remotes.push(remote('99', 'A', 1));
  else if (remoteState !== 'deleted') remotes.push(remote('10', 'A', remoteState === 'changed' ? 5 : 3));
  return { manifest, locals, remotes };
}

describe('decision table: cells with a new side', () => {
  for (const [local, remoteState, ...expected] of NEW_TABLE) {
    STRATEGIES.forEach((strategy, i) => {
      const want = expected[i] as Expected;
      it(`local ${local} × remote ${remoteState}, ${strategy} → ${want}`, () => {
        const cs = plan(input({ ...newScenario(local, remoteState), strategy }));
        expect(cs.changes.map((c) => c.kind)).toEqual([want]);
        const change = cs.changes[0]!;
        if (remoteState === 'new') expect(change.pageId).toBe('99');
        if (remoteState === 'new' && local !== 'new') expect(change.replacesPageId).toBe('10');
        if (local === 'new' && remoteState !== 'new') {
          expect(change.localPath).toBe('renamed.md');
        }
        expect(change.outcome).toBe(want === 'conflict' ? 'conflict' : 'planned');
      });
    });
  }
});
