/** REST v2 spaces: GET /spaces?keys=, /spaces/{id}, /spaces/{id}/pages. */
import { oneOf, multi, route, sendJson, type RequestContext, type Route } from '../http-kit.js';
import { paginateV2 } from '../paging.js';
import { pageV2, spaceV2 } from '../shapes-v2.js';
import { bodyFormat, filterAndSort } from './page-filters.js';

const V2 = '/wiki/api/v2';

function listSpaces(ctx: RequestContext): void {
  const keys = multi(ctx.query, 'keys');
  const ids = multi(ctx.query, 'ids');
  const spaces = ctx.store
    .spaces()
    .filter((s) => (keys.length === 0 || keys.includes(s.key)) && (ids.length === 0 || ids.includes(s.id)))
    .sort((a, b) => Number(a.id) - Number(b.id));
  sendJson(ctx.res, 200, paginateV2(ctx, spaces.map(spaceV2)));
}

function getSpace(ctx: RequestContext): void {
  sendJson(ctx.res, 200, spaceV2(ctx.store.spaceById(ctx.params.id ?? '')));
}

function spacePages(ctx: RequestContext): void {
  const space = ctx.store.spaceById(ctx.params.id ?? '');
  const format = bodyFormat(ctx.query);
  const depth = oneOf(ctx.query, 'depth', ['all', 'root'] as const) ?? 'all';
  let pages = ctx.store.pagesInSpace(space.id);
  if (depth === 'root') pages = pages.filter((p) => p.parentId === null);
  const sorted = filterAndSort(pages, ctx.query);
  const page = paginateV2(ctx, sorted);
  sendJson(ctx.res, 200, { ...page, results: page.results.map((p) => pageV2(ctx.store, p, format)) });
}

export function cloudV2SpaceRoutes(): Route[] {
  return [
    route('GET', `${V2}/spaces`, 'v2', listSpaces),
    route('GET', `${V2}/spaces/{id}`, 'v2', getSpace),
    route('GET', `${V2}/spaces/{id}/pages`, 'v2', spacePages),
  ];
}
