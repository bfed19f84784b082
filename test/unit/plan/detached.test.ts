import { describe, expect, it } from 'vitest';
import { plan } from '../../../src/sync/plan/plan.js';
import type { Change, Manifest, ManifestPage } from '../../../src/sync/types.js';
import { ROOT, doc, input, manifestOf, remote, tracked } from './fixtures.js';

const AT = '2026-11-01T00:00:00.000Z';

function withDetached(
  detached: Record<string, { title: string; localPath: string }>,
  ...pages: ManifestPage[]
): Manifest {
  const m = manifestOf(...pages);
  m.detached = Object.fromEntries(Object.entries(detached).map(([id, d]) => [id, { ...d, at: AT }]));
  return m;
}

const pick = (c: Change) => ({ kind: c.kind, pageId: c.pageId, localPath: c.localPath, outcome: c.outcome });

describe('pages detached by onLocalDelete keep', () => {
  it('a deleted file under keep is reported once as keep-remote (the first run that sees it)', () => {
    const cs = plan(
      input({
        mode: 'push',
        manifest: manifestOf(tracked('20', 'beta.md', 'Beta', 3, 'hb')),
        remotes: [remote(ROOT, 'Docs', 1, null), remote('20', 'Beta', 3)],
      }),
    );
    expect(cs.changes.map(pick)).toEqual([
      { kind: 'keep-remote', pageId: '20', localPath: 'beta.md', outcome: 'planned' },
    ]);
  });

  for (const mode of ['pull', 'sync', 'status', 'check'] as const) {
    it(`${mode}: a detached page is neither pulled back nor counted, even when edited in Confluence`, () => {
      const cs = plan(
        input({
          mode,
          manifest: withDetached({ '20': { title: 'Beta', localPath: 'beta.md' } }),
          remotes: [remote(ROOT, 'Docs', 1, null), remote('20', 'Beta', 7)],
        }),
      );
      expect(cs.changes).toEqual([]);
      expect(cs.unchanged).toBe(0);
      expect(cs.forget).toBeUndefined();
    });
  }

  it('new pages created under a detached page stay outside the synced tree; tracked pages under it stay synced', () => {
    const cs = plan(
      input({
        manifest: withDetached(
          { '20': { title: 'Guide', localPath: 'guide/index.md' } },
          tracked('21', 'guide/kept.md', 'Kept', 2, 'hk', '20'),
        ),
        locals: [doc('guide/kept.md', 'hk', 'Kept')],
        remotes: [
          remote(ROOT, 'Docs', 1, null),
          remote('20', 'Guide', 4),
          remote('21', 'Kept', 2, '20'),
          remote('22', 'Added Later', 1, '20'),
          remote('23', 'Grandchild', 1, '22'),
          remote('30', 'Elsewhere', 1),
        ],
      }),
    );
    expect(cs.changes.map(pick)).toEqual([
      { kind: 'create-local', pageId: '30', localPath: 'Elsewhere.md', outcome: 'planned' },
    ]);
    expect(cs.unchanged).toBe(1);
  });

  it('a new file with the title of a detached page adopts it (case-insensitive) instead of creating a duplicate', () => {
    const cs = plan(
      input({
        mode: 'push',
        manifest: withDetached({ '20': { title: 'Beta', localPath: 'beta.md' } }),
        locals: [doc('notes/beta-again.md', 'hn', 'BETA')],
        remotes: [remote(ROOT, 'Docs', 1, null), remote('20', 'Beta', 5)],
      }),
    );
    expect(cs.changes).toEqual([
      expect.objectContaining({
        kind: 'adopt',
        pageId: '20',
        localPath: 'notes/beta-again.md',
        fromVersion: 5,
        outcome: 'planned',
        reason: expect.stringMatching(/stopped syncing when its file was deleted/),
      }),
    ]);
  });

  it('a detached page gone from the tree is forgotten (deleted, or moved away in Confluence)', () => {
    const cs = plan(
      input({
        mode: 'pull',
        manifest: withDetached({
          '20': { title: 'Beta', localPath: 'beta.md' },
          '21': { title: 'Gamma', localPath: 'g/gamma.md' },
        }),
        remotes: [remote(ROOT, 'Docs', 1, null), remote('21', 'Gamma', 1)],
        paths: ['beta.md'],
      }),
    );
    expect(cs.changes).toEqual([]);
    expect(cs.forget).toEqual(['20']);
  });
});
