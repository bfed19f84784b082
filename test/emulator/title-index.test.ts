import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import { startEmulator } from './index.js';
import { currentVersion } from './model.js';
import { seedData } from './seed.js';
import { Store } from './store.js';

const AUTHOR = 'tester';
const isTitleClash = (e: unknown) =>
  e instanceof ApiError && e.status === 400 && /already exists/.test(e.message);

/** What the rule says, by scanning the space: another page that is not trashed holds the title. */
function clashByScan(store: Store, spaceId: string, title: string, selfId: string | null): boolean {
  return store
    .pagesInSpace(spaceId)
    .some(
      (p) =>
        p.id !== selfId &&
        p.status !== 'trashed' &&
        currentVersion(p).title.toLowerCase() === title.toLowerCase(),
    );
}

const TITLES = ['Guide', 'guide', 'GUIDE', 'Setup', 'setup', 'FAQ', 'Docs Home', 'docs home'];
const op = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), title: fc.constantFrom(...TITLES) }),
  fc.record({ kind: fc.constant('rename' as const), pick: fc.nat(), title: fc.constantFrom(...TITLES) }),
  fc.record({ kind: fc.constant('trash' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('restore' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('archive' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('purge' as const), pick: fc.nat() }),
);

describe('title index', () => {
  it('accepts and refuses exactly what a scan of the space would, through any mix of writes', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const store = new Store(seedData());
        const space = store.spaceByKey('DOCS')!;
        const pages = () => store.pagesInSpace(space.id);
        const pick = (n: number, status?: string) => {
          const list = pages().filter((p) => p.id !== space.homepageId && (!status || p.status === status));
          return list.length > 0 ? list[n % list.length] : undefined;
        };
        for (const o of ops) {
          let expected: boolean;
          let run: () => void;
          if (o.kind === 'create') {
            expected = clashByScan(store, space.id, o.title, null);
            run = () => store.createPage({ spaceId: space.id, title: o.title, body: '<p/>' }, AUTHOR);
          } else if (o.kind === 'rename' || o.kind === 'archive') {
            const page = pick(o.pick, o.kind === 'archive' ? 'current' : undefined);
            if (!page || page.status === 'trashed') continue;
            const v = currentVersion(page);
            const title = o.kind === 'rename' ? o.title : v.title;
            expected = clashByScan(store, space.id, title, page.id);
            const status = o.kind === 'archive' ? ('archived' as const) : undefined;
            run = () => store.updatePage(page.id, { title, versionNumber: v.number + 1, status }, AUTHOR);
          } else if (o.kind === 'restore') {
            const page = pick(o.pick, 'trashed');
            if (!page) continue;
            expected = clashByScan(store, space.id, currentVersion(page).title, page.id);
            run = () =>
              store.updatePage(page.id, { title: 'ignored', versionNumber: 0, status: 'current' }, AUTHOR);
          } else {
            const page = pick(o.pick, o.kind === 'purge' ? 'trashed' : undefined);
            if (!page || (o.kind === 'trash' && page.status === 'trashed')) continue;
            expected = false;
            run = () => (o.kind === 'trash' ? store.trashPage(page.id) : store.purgePage(page.id));
          }
          let clashed = false;
          try {
            run();
          } catch (error) {
            if (!isTitleClash(error)) throw error;
            clashed = true;
          }
          expect(clashed).toBe(expected);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is built from a loaded data file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-titles-'));
    try {
      const file = join(dir, 'data.json');
      const first = await startEmulator({ port: 0, dataFile: file });
      first.createPage({ spaceKey: 'DOCS', title: 'Kept Title', body: '<p/>' });
      await first.stop();
      const second = await startEmulator({ port: 0, dataFile: file });
      try {
        expect(() => second.createPage({ spaceKey: 'DOCS', title: 'KEPT title', body: '<p/>' })).toThrow(
          /already exists/,
        );
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('seeds 5,000 pages and still finds a clash with any of them', async () => {
    const emu = await startEmulator({ port: 0 });
    try {
      for (let i = 0; i < 5000; i++) emu.createPage({ spaceKey: 'DOCS', title: `Bulk ${i}`, body: '<p/>' });
      expect(emu.pages('DOCS')).toHaveLength(5001);
      expect(() => emu.createPage({ spaceKey: 'DOCS', title: 'bulk 2500', body: '<p/>' })).toThrow(
        /already exists/,
      );
      const { id } = emu.createPage({ spaceKey: 'DOCS', title: 'Bulk 5000', body: '<p/>' });
      expect(emu.getPage(id)).toMatchObject({ title: 'Bulk 5000', version: 1 });
    } finally {
      await emu.stop();
    }
  });
});
