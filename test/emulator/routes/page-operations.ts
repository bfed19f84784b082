/**
 * What the user may do with a page: REST v2 `GET /pages/{id}/operations` (Cloud); Data Center
 * answers the same through v1 `expand=operations` (see shapes-v1). The seeded user may read every
 * space and write only the writable ones.
 */
import { route, sendJson, type RequestContext, type Route } from '../http-kit.js';
import type { PageRecord } from '../model.js';

export function operationsOf(
  ctx: RequestContext,
  page: PageRecord,
): { operation: string; targetType: string }[] {
  const writable = ctx.store.spaceById(page.spaceId).writable;
  const ops = writable ? ['read', 'update', 'delete', 'create'] : ['read'];
  return ops.map((operation) => ({ operation, targetType: 'page' }));
}

function operations(ctx: RequestContext): void {
  const page = ctx.store.livePage(ctx.params.id ?? '');
  sendJson(ctx.res, 200, { operations: operationsOf(ctx, page), _links: { base: `${ctx.origin}/wiki` } });
}

export function pageOperationRoutes(): Route[] {
  return [route('GET', '/wiki/api/v2/pages/{id}/operations', 'v2', operations)];
}
