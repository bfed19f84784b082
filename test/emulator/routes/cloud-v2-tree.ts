/** REST v2 hierarchy: /pages/{id}/children, /direct-children, /descendants, /ancestors. */
import { intParam, oneOf, route, sendJson, type RequestContext, type Route } from '../http-kit.js';
import { currentVersion, type PageRecord } from '../model.js';
import { paginateV2, type V2Page } from '../paging.js';
import { pageOrder } from './page-filters.js';

const V2 = '/wiki/api/v2';
const CHILD_SORTS = [
  'created-date',
  '-created-date',
  'id',
  '-id',
  'child-position',
  '-child-position',
  'modified-date',
  '-modified-date',
  'title',
  '-title',
] as const;

function childPage(ctx: RequestContext): V2Page<PageRecord> {
  const parent = ctx.store.livePage(ctx.params.id ?? '');
  const sort = oneOf(ctx.query, 'sort', CHILD_SORTS) ?? 'child-position';
  return paginateV2(ctx, ctx.store.children(parent.id), pageOrder(sort));
}

function children(ctx: RequestContext): void {
  const page = childPage(ctx);
  const results = page.results.map((p) => ({
    id: p.id,
    status: p.status,
    title: currentVersion(p).title,
    spaceId: p.spaceId,
    childPosition: p.position,
  }));
  sendJson(ctx.res, 200, { ...page, results });
}

function directChildren(ctx: RequestContext): void {
  const page = childPage(ctx);
  const results = page.results.map((p) => ({
    id: p.id,
    status: p.status,
    title: currentVersion(p).title,
    type: 'page',
    spaceId: p.spaceId,
    childPosition: p.position,
  }));
  sendJson(ctx.res, 200, { ...page, results });
}

function descendants(ctx: RequestContext): void {
  const root = ctx.store.livePage(ctx.params.id ?? '');
  const depth = intParam(ctx.query, 'depth', 2, 1, 5);
  // Breadth first: by depth, then by the (position, id) path from the root, which is the store's order.
  const list = paginateV2(ctx, ctx.store.descendants(root.id, depth), {
    key: ({ depth: d, path }) => [d, ...path],
  });
  const results = list.results.map(({ page, depth: d }) => ({
    id: page.id,
    status: page.status,
    title: currentVersion(page).title,
    type: 'page',
    parentId: page.parentId,
    depth: d,
    childPosition: page.position,
    lastModified: currentVersion(page).createdAt,
  }));
  sendJson(ctx.res, 200, { ...list, results });
}

function ancestors(ctx: RequestContext): void {
  const page = ctx.store.livePage(ctx.params.id ?? '');
  const limit = intParam(ctx.query, 'limit', 25, 1, 250);
  // Not cursor paged: the nearest `limit` ancestors, still top-down.
  const chain = ctx.store.ancestors(page.id).slice(-limit);
  sendJson(ctx.res, 200, {
    results: chain.map((a) => ({ id: a.id, type: 'page' })),
    _links: { base: `${ctx.origin}/wiki` },
  });
}

export function cloudV2TreeRoutes(): Route[] {
  return [
    route('GET', `${V2}/pages/{id}/children`, 'v2', children),
    route('GET', `${V2}/pages/{id}/direct-children`, 'v2', directChildren),
    route('GET', `${V2}/pages/{id}/descendants`, 'v2', descendants),
    route('GET', `${V2}/pages/{id}/ancestors`, 'v2', ancestors),
  ];
}
