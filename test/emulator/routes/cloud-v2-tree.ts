/** REST v2 /pages/{id}/children (deprecated, pages only); the typed tree lists live in cloud-v2-folders.ts. */
import { oneOf, route, sendJson, type RequestContext, type Route } from '../http-kit.js';
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

export function cloudV2TreeRoutes(): Route[] {
  return [route('GET', `${V2}/pages/{id}/children`, 'v2', children)];
}
