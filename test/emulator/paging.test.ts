import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index.js';
import { api } from './test-helpers.js';

let emu: Emulator;
let http: ReturnType<typeof api>;
let docs: { id: string; key: string; homepageId: string };

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  http = api(emu);
});
afterAll(() => emu.stop());
beforeEach(() => {
  emu.reset();
  docs = emu.spaces().find((s) => s.key === 'DOCS')!;
});

const seed = (count: number, parentId?: string) =>
  Array.from(
    { length: count },
    (_, i) =>
      emu.createPage({ spaceKey: 'DOCS', parentId, title: `Seeded ${parentId ?? ''} ${i}`, body: '<p/>' }).id,
  );

/** Follows `_links.next`, calling `between` after each page; returns every id seen, in order. */
async function walk(first: string, between: (pageNo: number, seen: string[]) => void): Promise<string[]> {
  const seen: string[] = [];
  let next: string | undefined = first;
  for (let pageNo = 1; next; pageNo++) {
    const res = await http.get(next);
    expect(res.status).toBe(200);
    seen.push(...res.json.results.map((r: { id: string }) => r.id));
    next = res.json._links.next;
    if (next) between(pageNo, seen);
  }
  return seen;
}

const numeric = (ids: string[]) => [...ids].sort((a, b) => Number(a) - Number(b));

describe('v2 cursors are keyed by the last item, not a position', () => {
  it('deleting pages already read skips none of the rest; new pages come once, at the end', async () => {
    const ids = [docs.homepageId, ...seed(11)];
    const created: string[] = [];
    const trashed: string[] = [];
    const seen = await walk(`/wiki/api/v2/spaces/${docs.id}/pages?limit=4`, (pageNo, soFar) => {
      // Trash two pages already read (the last one too: the cursor's own page disappears).
      for (const id of [soFar.at(-1)!, soFar.at(-2)!]) {
        emu.deletePage(id);
        trashed.push(id);
      }
      created.push(emu.createPage({ spaceKey: 'DOCS', title: `New ${pageNo}`, body: '<p/>' }).id);
    });
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(numeric(seen));
    expect(seen.filter((id) => ids.includes(id))).toEqual(ids);
    expect(seen.filter((id) => created.includes(id))).toEqual(created);
    expect(trashed.length).toBeGreaterThanOrEqual(4);
  });

  it('pages created before the cursor in a descending list are not served twice', async () => {
    const ids = [docs.homepageId, ...seed(8)];
    const seen = await walk(`/wiki/api/v2/pages?space-id=${docs.id}&sort=-id&limit=3`, () => {
      emu.createPage({ spaceKey: 'DOCS', title: `Front ${Math.random()}`, body: '<p/>' });
    });
    expect(seen).toEqual([...ids].reverse());
  });

  it('sorted by title, a page trashed behind the cursor does not hide the next one', async () => {
    for (const title of ['Echo', 'Alpha', 'Delta', 'Charlie', 'Bravo', 'Foxtrot']) {
      emu.createPage({ spaceKey: 'DOCS', title, body: '<p/>' });
    }
    const titleOf = (id: string) => emu.getPage(id)!.title;
    const seen = await walk(`/wiki/api/v2/spaces/${docs.id}/pages?sort=title&limit=2`, (_, soFar) => {
      emu.deletePage(soFar.at(-1)!);
    });
    expect(seen.map(titleOf)).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta', 'Docs Home', 'Echo', 'Foxtrot']);
  });

  it('children by position and descendants keep their place while siblings are trashed', async () => {
    const kids = seed(7, docs.homepageId);
    const children = await walk(`/wiki/api/v2/pages/${docs.homepageId}/children?limit=3`, (_, soFar) => {
      emu.deletePage(soFar.at(-1)!);
    });
    expect(children).toEqual(kids);

    emu.reset();
    docs = emu.spaces().find((s) => s.key === 'DOCS')!;
    const level1 = seed(4, docs.homepageId);
    const level2 = seed(2, level1[1]);
    const tree = await walk(`/wiki/api/v2/pages/${docs.homepageId}/descendants?limit=2`, (pageNo) => {
      if (pageNo === 1) emu.deletePage(level1[0]!);
    });
    expect(tree).toEqual([...level1, ...level2]);
  });

  it('versions newest first stay exact while the page is edited between requests', async () => {
    const { id } = emu.createPage({ spaceKey: 'DOCS', title: 'Busy', body: '<p>1</p>' });
    for (let v = 2; v <= 5; v++) emu.editPage(id, { body: `<p>${v}</p>` });
    const numbers: number[] = [];
    let next: string | undefined = `/wiki/api/v2/pages/${id}/versions?limit=2`;
    while (next) {
      const res = await http.get(next);
      numbers.push(...res.json.results.map((v: { number: number }) => v.number));
      next = res.json._links.next;
      emu.editPage(id, { body: `<p>edit ${numbers.length}</p>` });
    }
    expect(numbers).toEqual([5, 4, 3, 2, 1]);
  });

  it('a cursor is opaque, and one that does not decode to a key is refused', async () => {
    seed(3);
    const first = await http.get(`/wiki/api/v2/spaces/${docs.id}/pages?limit=1`);
    const cursor = new URL(first.json._links.next, http.origin).searchParams.get('cursor')!;
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const offsetStyle = Buffer.from(JSON.stringify({ o: 1 })).toString('base64url');
    const res = await http.get(`/wiki/api/v2/spaces/${docs.id}/pages?cursor=${offsetStyle}`);
    expect(res.status).toBe(400);
    expect(res.json.errors[0].title).toContain('Invalid cursor');
  });
});
