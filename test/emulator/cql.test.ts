import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import { parseCql, searchPages } from './cql.js';
import { seedData } from './seed.js';
import { Store } from './store.js';

function storeWithPages(): { store: Store; ids: Record<string, string> } {
  const store = new Store(seedData('2026-01-01T00:00:00.000Z'));
  const ids: Record<string, string> = {};
  const add = (title: string, at: string, parent?: string) => {
    ids[title] = store.createPage(
      { spaceId: '100001', parentId: parent, title, body: `<p>${title} body</p>` },
      'me',
      at,
    ).id;
  };
  add('Old', '2026-03-01T10:00:00.000Z');
  add('Mid', '2026-03-02T10:30:00.000Z', undefined);
  add('New', '2026-03-03T23:59:00.000Z');
  add('Deep', '2026-03-04T00:00:00.000Z', ids.Mid);
  return { store, ids };
}

const titles = (store: Store, cql: string, now?: number) =>
  searchPages(store, cql, now).map((p) => p.versions.at(-1)?.title);

describe('CQL', () => {
  const { store, ids } = storeWithPages();

  it('compares lastmodified at minute or day precision, with both date spellings', () => {
    expect(titles(store, 'space = DOCS and lastmodified > "2026-03-02 10:30" order by lastmodified')).toEqual(
      ['New', 'Deep'],
    );
    expect(
      titles(store, 'space = DOCS and lastmodified >= "2026-03-02 10:30" order by lastmodified'),
    ).toEqual(['Mid', 'New', 'Deep']);
    expect(titles(store, 'lastmodified = "2026/03/03"')).toEqual(['New']);
    expect(titles(store, 'lastmodified < 2026-03-02 and space = DOCS order by title')).toEqual([
      'Docs Home',
      'Old',
    ]);
    expect(
      titles(store, 'space = DOCS and lastmodified <= "2026-03-01 10:00" order by created desc'),
    ).toEqual(['Old', 'Docs Home']);
  });

  it('supports now() offsets', () => {
    const now = Date.parse('2026-03-04T12:00:00.000Z');
    expect(titles(store, 'lastmodified > now("-1d")', now)).toEqual(['New', 'Deep']);
    expect(titles(store, 'lastmodified > now("-11h")', now)).toEqual([]);
    expect(titles(store, 'lastmodified >= now("-12h")', now)).toEqual(['Deep']);
    expect(titles(store, 'lastmodified > now("-2w") and space = DOCS', now)).toHaveLength(4);
  });

  it('combines and/or/not with parentheses, in/not in, parent and ancestor', () => {
    expect(titles(store, `(title = Old or title = New) and not id = ${ids.Old}`)).toEqual(['New']);
    expect(titles(store, `id not in (${ids.Old}, ${ids.New}) and space = DOCS order by title desc`)).toEqual([
      'Mid',
      'Docs Home',
      'Deep',
    ]);
    expect(titles(store, `parent = ${ids.Mid}`)).toEqual(['Deep']);
    expect(titles(store, 'ancestor = 100002 order by title')).toEqual(['Deep', 'Mid', 'New', 'Old']);
    expect(titles(store, 'text ~ "deep body"')).toEqual(['Deep']);
    expect(titles(store, 'space.key = READ and type = page')).toEqual([
      'Read Only Home',
      'Read Only Reference',
    ]);
  });

  it('excludes trashed pages', () => {
    const local = storeWithPages();
    local.store.trashPage(local.ids.Old ?? '');
    expect(titles(local.store, 'title = Old')).toEqual([]);
  });

  it('parses order by with several keys', () => {
    expect(parseCql('type = page order by lastmodified desc, title').orderBy).toEqual([
      { field: 'lastmodified', desc: true },
      { field: 'title', desc: false },
    ]);
    expect(parseCql('order by id').where).toBeNull();
  });

  it.each([
    'title',
    'title = ',
    'foo = bar',
    'title = "x" and',
    '(title = x',
    'id in (1, 2',
    'lastmodified > "2026-01-31T10:00:00Z"',
    'lastmodified > "31/01/2026"',
    'title > x',
    'order title',
    'order by body',
    'title = x extra',
    'lastmodified > later("1d")',
  ])('refuses %s with 400 "Could not parse cql"', (cql) => {
    try {
      searchPages(store, cql);
      expect.fail(`accepted ${cql}`);
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(400);
      expect((error as ApiError).message).toMatch(/^Could not parse cql/);
    }
  });
});
