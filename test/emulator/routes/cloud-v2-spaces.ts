/** REST v2 spaces: GET /spaces?keys=, /spaces/{id}, /spaces/{id}/pages. */
import { oneOf, multi, route, sendJson, type RequestContext, type Route } from '../http-kit.js';
import { byId, paginateV2 } from '../paging.js';
import { pageV2, spaceV2 } from '../shapes-v2.js';
import { bodyFormat, filterPages } from './page-filters.js';

const V2 = '/wiki/api/v2';

function listSpaces(ctx: RequestContext): void {
  const keys = multi(ctx.query, 'keys');
  const ids = multi(ctx.query, 'ids');
  const spaces = ctx.store
    .spaces()
    .filter((s) => (keys.length === 0 || keys.includes(s.key)) && (ids.length === 0 || ids.includes(s.id)));
  const page = paginateV2(ctx, spaces, byId());
  sendJson(ctx.res, 200, { ...page, results: page.results.map(spaceV2) });
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
  const { pages: filtered, order } = filterPages(pages, ctx.query);
  const page = paginateV2(ctx, filtered, order);
  sendJson(ctx.res, 200, { ...page, results: page.results.map((p) => pageV2(ctx.store, p, format)) });
}

export function cloudV2SpaceRoutes(): Route[] {
  return [
    route('GET', `${V2}/spaces`, 'v2', listSpaces),
    route('GET', `${V2}/spaces/{id}`, 'v2', getSpace),
    route('GET', `${V2}/spaces/{id}/pages`, 'v2', spacePages),
  ];
}
