import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Space } from '../../../src/confluence/types.js';
import { cqlString } from '../../../src/confluence/title-search.js';
import { CLOUD, cloudClient, DC, dcClient, server, useMockServer, v1Content } from './fixtures.js';

useMockServer();

const SPACE: Space = { id: '200', key: 'DOCS', name: 'Docs', homepageId: '10' };

/** The titles a CQL `title in (…)` query asks for, unescaped. */
function titlesOf(cql: string): string[] {
  const list = /title in \((.*)\)$/.exec(cql)![1]!;
  return [...list.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1'));
}

describe('cqlString', () => {
  it.each([
    ['plain', '"plain"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['\\"', '"\\\\\\""'],
  ])('%s → %s', (value, literal) => {
    expect(cqlString(value)).toBe(literal);
  });
});

describe.each([
  ['Data Center', DC, () => dcClient().client],
  ['Cloud', CLOUD, () => cloudClient().client],
])('%s: findPagesByTitles', (_name, base, client) => {
  it('looks 120 titles up in 3 CQL requests (50 a request), escaped, matched ignoring case', async () => {
    const cqls: string[] = [];
    const existing = new Map([
      ['title 7', '700'],
      ['say "hi" \\ there', '701'],
    ]);
    server.use(
      http.get(`${base}/rest/api/content/search`, ({ request }) => {
        const cql = new URL(request.url).searchParams.get('cql')!;
        cqls.push(cql);
        const results = titlesOf(cql).flatMap((t) => {
          const id = existing.get(t.toLowerCase());
          return id === undefined ? [] : [v1Content(id, { title: t.toUpperCase() })];
        });
        return HttpResponse.json({ results, _links: {} });
      }),
    );
    const titles = [...Array.from({ length: 119 }, (_, i) => `Title ${i}`), 'Say "hi" \\ there'];
    const found = await client().findPagesByTitles(SPACE, titles);
    expect(cqls).toHaveLength(3);
    expect(cqls[0]).toMatch(/^space = "DOCS" and type = page and title in \(/);
    expect(titlesOf(cqls[0]!)).toHaveLength(50);
    expect(titlesOf(cqls[2]!)).toContain('Say "hi" \\ there');
    expect(cqls[2]).toContain('"Say \\"hi\\" \\\\ there"');
    expect(Object.fromEntries(found)).toEqual({ 'title 7': '700', 'say "hi" \\ there': '701' });
  });
});
