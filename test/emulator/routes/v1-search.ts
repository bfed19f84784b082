/** REST v1 CQL search: GET /content/search?cql=… (Data Center: start/limit; Cloud: cursor). */
import { badRequest } from '../api-error.js';
import { route, sendJson, type RequestContext, type Route } from '../http-kit.js';
import { searchPages } from '../cql.js';
import { paginateV1, paginateV1Cursor } from '../paging.js';
import { contentV1, expandSet } from '../shapes-v1.js';

function search(ctx: RequestContext): void {
  const cql = ctx.query.get('cql');
  if (!cql) throw badRequest('The cql parameter is required');
  const started = Date.now();
  const pages = searchPages(ctx.store, cql);
  const expand = expandSet(ctx.query);
  // Confluence caps results with a body expansion at 50 a request.
  const max = expand.has('body') ? 50 : ctx.flavor === 'cloud' ? 250 : 200;
  const page =
    ctx.flavor === 'cloud' ? paginateV1Cursor(ctx, pages, 25, max) : paginateV1(ctx, pages, 25, max);
  sendJson(ctx.res, 200, {
    ...page,
    results: page.results.map((p) => contentV1(ctx, p, expand)),
    totalSize: pages.length,
    cqlQuery: cql,
    searchDuration: Date.now() - started,
  });
}

export function v1SearchRoutes(prefix: string): Route[] {
  return [route('GET', `${prefix}/content/search`, 'v1', search)];
}
