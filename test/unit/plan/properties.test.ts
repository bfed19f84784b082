/**
 * Invariants of plan over random trees: every page and path appears in at most one change, parents
 * come before their children, and new local paths never clash with existing ones or leave localRoot.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plan } from '../../../src/sync/plan/plan.js';
import type { PageSummary } from '../../../src/confluence/types.js';
import type { LocalDoc, ManifestPage } from '../../../src/sync/types.js';
import { ROOT, doc, input, manifestOf, remote, tracked } from './fixtures.js';

const TITLES = ['Alpha', 'alpha', 'Beta', 'Gamma', 'a/b', 'a:b', 'CON', 'Index', 'Überblick', '..', 'Setup'];

interface World {
  pages: { id: string; title: string; parent: number | null; version: number }[];
  trackedMask: boolean[];
  localEdit: ('same' | 'edit' | 'gone' | 'move')[];
  remoteEdit: ('same' | 'edit' | 'gone')[];
  extraLocals: string[];
}

const world = fc.integer({ min: 0, max: 8 }).chain((n) =>
  fc.record({
    pages: fc.tuple(
      ...Array.from({ length: n }, (_, i) =>
        fc.record({
          id: fc.constant(String(100 + i)),
          title: fc.constantFrom(...TITLES),
          parent: i === 0 ? fc.constant(null) : fc.option(fc.integer({ min: 0, max: i - 1 }), { nil: null }),
          version: fc.integer({ min: 1, max: 3 }),
        }),
      ),
    ),
    trackedMask: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    localEdit: fc.array(fc.constantFrom('same', 'edit', 'gone', 'move'), { minLength: n, maxLength: n }),
    remoteEdit: fc.array(fc.constantFrom('same', 'edit', 'gone'), { minLength: n, maxLength: n }),
    extraLocals: fc.uniqueArray(fc.constantFrom('x.md', 'Alpha.md', 'alpha/', 'beta.md', 'Setup.md'), {
      maxLength: 3,
    }),
  }),
) as fc.Arbitrary<World>;

function build(w: World) {
  // Unique titles per space, ignoring case (Confluence's rule), so drop later duplicates.
  const seen = new Set<string>();
  const pages = w.pages.filter((p) => !seen.has(p.title.toLowerCase()) && seen.add(p.title.toLowerCase()));
  const pathOf = new Map<string, string>();
  const manifestPages: ManifestPage[] = [];
  const locals: LocalDoc[] = [];
  const remotes: PageSummary[] = [remote(ROOT, 'Docs', 1, null)];
  pages.forEach((p, i) => {
    const parent = p.parent === null ? null : pages[p.parent];
    const parentPath = parent ? (pathOf.get(parent.id) ?? null) : null;
    const folder = parentPath ? parentPath.replace(/index\.md$/, '') : '';
    const path = `${folder}p${p.id}/index.md`;
    pathOf.set(p.id, path);
    const parentId = parent?.id ?? ROOT;
    if (w.trackedMask[i]) manifestPages.push(tracked(p.id, path, p.title, p.version, `h${p.id}`, parentId));
    const le = w.trackedMask[i] ? w.localEdit[i] : 'same';
    if (le !== 'gone') {
      const localPath = le === 'move' ? `${folder}moved${p.id}/index.md` : path;
      locals.push(doc(localPath, le === 'edit' ? `e${p.id}` : `h${p.id}`, p.title, { parentPath }));
    }
    const re = w.trackedMask[i] ? w.remoteEdit[i] : 'same';
    if (re !== 'gone') remotes.push(remote(p.id, p.title, p.version + (re === 'edit' ? 1 : 0), parentId));
  });
  for (const extra of w.extraLocals) {
    const title = `Extra ${extra}`;
    if (!locals.some((d) => d.path === extra)) locals.push(doc(extra, `x${extra}`, title));
  }
  return { manifest: manifestOf(...manifestPages), locals, remotes };
}

describe('plan invariants', () => {
  it('holds for random trees under every strategy', () => {
    fc.assert(
      fc.property(
        world,
        fc.constantFrom('manual', 'local-first', 'remote-first', 'merge' as const),
        (w, strategy) => {
          const { manifest, locals, remotes } = build(w);
          const cs = plan(input({ manifest, locals, remotes, strategy }));

          const ids = cs.changes.flatMap((c) => (c.pageId ? [c.pageId] : []));
          expect(new Set(ids).size).toBe(ids.length);

          const removals = new Set(['delete-local', 'delete-remote', 'archive-remote', 'keep-remote']);
          const kept = cs.changes.filter((c) => !removals.has(c.kind));
          const paths = kept.map((c) => c.localPath!.toLowerCase());
          expect(new Set(paths).size).toBe(paths.length);

          const position = new Map(kept.map((c, i) => [c.localPath, i]));
          kept.forEach((c, i) => {
            if (c.parentPath && position.has(c.parentPath))
              expect(position.get(c.parentPath)!).toBeLessThan(i);
          });

          const existing = new Set(locals.map((d) => d.path.toLowerCase()));
          for (const c of cs.changes.filter((c) => c.kind === 'create-local')) {
            expect(existing.has(c.localPath!.toLowerCase())).toBe(false);
            expect(c.localPath).not.toMatch(/(^|\/)\.\.?(\/|$)|^\//);
          }
          expect(cs.unchanged + cs.changes.length + (cs.forget?.length ?? 0)).toBeGreaterThanOrEqual(
            Object.keys(manifest.pages).length,
          );
        },
      ),
      // The example: a page adopted under a parent whose file sorts after its own (parents-first by parentPath, not depth).
      {
        numRuns: 300,
        examples: [
          [
            {
              pages: [
                { id: '100', title: 'Setup', parent: null, version: 1 },
                { id: '101', title: 'Setup', parent: null, version: 1 },
                { id: '102', title: 'Überblick', parent: null, version: 1 },
                { id: '103', title: 'Setup', parent: null, version: 1 },
                { id: '104', title: 'Alpha', parent: 3, version: 1 },
                { id: '105', title: 'CON', parent: null, version: 1 },
                { id: '106', title: 'Alpha', parent: null, version: 1 },
                { id: '107', title: 'Alpha', parent: null, version: 1 },
              ],
              trackedMask: [false, false, true, false, false, false, false, false],
              localEdit: ['same', 'same', 'move', 'same', 'same', 'same', 'same', 'same'],
              remoteEdit: ['same', 'same', 'edit', 'same', 'same', 'same', 'same', 'same'],
              extraLocals: [],
            },
            'manual',
          ] as [World, 'manual'],
        ],
      },
    );
  });
});
