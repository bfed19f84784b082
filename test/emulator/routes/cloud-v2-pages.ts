/** REST v2 page CRUD: GET /pages, GET/PUT/DELETE /pages/{id}, POST /pages, PUT /pages/{id}/title. */
import { z } from 'zod';
import { badRequest, invalidParameter, notFound } from '../api-error.js';
import {
  boolParam,
  multi,
  readJson,
  route,
  sendEmpty,
  sendJson,
  type RequestContext,
  type Route,
} from '../http-kit.js';
import { currentVersion } from '../model.js';
import { paginateV2 } from '../paging.js';
import { pageV2 } from '../shapes-v2.js';
import { bodyFormat, filterPages, statusFilter } from './page-filters.js';

const V2 = '/wiki/api/v2';
const id = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(String);
const bodyValue = z.object({ representation: z.literal('storage'), value: z.string() });
const writeBody = z
  .union([bodyValue, z.object({ storage: bodyValue })])
  .transform((b) => ('storage' in b ? b.storage.value : b.value));

const createSchema = z.object({
  spaceId: id,
  status: z.literal('current').optional(),
  title: z.string(),
  parentId: id.optional(),
  body: writeBody.optional(),
});

const updateSchema = z.object({
  id,
  status: z.enum(['current', 'archived']),
  title: z.string(),
  spaceId: id.optional(),
  parentId: id.optional(),
  body: writeBody,
  version: z.object({
    number: z.number().int(),
    message: z.string().optional(),
    minorEdit: z.boolean().optional(),
  }),
});

const titleSchema = z.object({ status: z.enum(['current', 'archived']), title: z.string() });

function withBase(ctx: RequestContext, page: object) {
  const links = (page as { _links: Record<string, string> })._links;
  return { ...page, _links: { ...links, base: `${ctx.origin}/wiki` } };
}

function listPages(ctx: RequestContext): void {
  const ids = multi(ctx.query, 'id');
  const spaceIds = multi(ctx.query, 'space-id');
  if (ids.length > 250) throw invalidParameter('At most 250 ids may be requested at once');
  if (spaceIds.length > 100) throw invalidParameter('At most 100 space ids may be requested at once');
  const format = bodyFormat(ctx.query);
  const pages = ctx.store.data.pages.filter(
    (p) =>
      (ids.length === 0 || ids.includes(p.id)) && (spaceIds.length === 0 || spaceIds.includes(p.spaceId)),
  );
  const { pages: filtered, order } = filterPages(pages, ctx.query);
  const page = paginateV2(ctx, filtered, order);
  sendJson(ctx.res, 200, { ...page, results: page.results.map((p) => pageV2(ctx.store, p, format)) });
}

function getPage(ctx: RequestContext): void {
  const pageId = ctx.params.id ?? '';
  const page = ctx.store.page(pageId);
  const wanted = ctx.query.has('status') ? statusFilter(ctx.query) : new Set(['current', 'archived']);
  if (!wanted.has(page.status)) throw notFound(`Cannot find [page] entity with id [${pageId}]`);
  const format = bodyFormat(ctx.query);
  const versionParam = ctx.query.get('version');
  let version = currentVersion(page);
  if (versionParam !== null) {
    const n = Number(versionParam);
    const found = page.versions.find((v) => v.number === n);
    if (!found) throw notFound(`Cannot find version [${versionParam}] of page [${pageId}]`);
    version = found;
  }
  const out: Record<string, unknown> = withBase(ctx, pageV2(ctx.store, page, format, version));
  if (ctx.query.get('include-version') === 'false') delete out.version;
  if (boolParam(ctx.query, 'include-labels')) {
    out.labels = {
      results: page.labels.map((l) => ({ id: l.id, name: l.name, prefix: l.prefix })),
      meta: { hasMore: false, cursor: null },
      _links: { self: `/api/v2/pages/${page.id}/labels` },
    };
  }
  sendJson(ctx.res, 200, out);
}

async function createPage(ctx: RequestContext): Promise<void> {
  const input = await readJson(ctx, createSchema);
  const rootLevel = boolParam(ctx.query, 'root-level');
  if (rootLevel && input.parentId !== undefined)
    throw badRequest('parentId must not be set when root-level is true');
  const page = ctx.store.createPage(
    {
      spaceId: input.spaceId,
      parentId: rootLevel ? null : input.parentId,
      title: input.title,
      body: input.body ?? '',
    },
    ctx.user.accountId,
  );
  sendJson(ctx.res, 200, withBase(ctx, pageV2(ctx.store, page, 'storage')));
}

async function updatePage(ctx: RequestContext): Promise<void> {
  const pageId = ctx.params.id ?? '';
  const input = await readJson(ctx, updateSchema);
  if (input.id !== pageId)
    throw badRequest(`The id in the body (${input.id}) does not match the page id (${pageId})`);
  const existing = ctx.store.page(pageId);
  if (input.spaceId !== undefined && input.spaceId !== existing.spaceId) {
    throw badRequest('Updating a page does not support moving it to a different space');
  }
  const page = ctx.store.updatePage(
    pageId,
    {
      title: input.title,
      body: input.body,
      parentId: input.parentId,
      versionNumber: input.version.number,
      message: input.version.message,
      minorEdit: input.version.minorEdit,
      status: input.status,
    },
    ctx.user.accountId,
  );
  sendJson(ctx.res, 200, withBase(ctx, pageV2(ctx.store, page, 'storage')));
}

async function updateTitle(ctx: RequestContext): Promise<void> {
  const pageId = ctx.params.id ?? '';
  const input = await readJson(ctx, titleSchema);
  const current = currentVersion(ctx.store.livePage(pageId));
  const page = ctx.store.updatePage(
    pageId,
    { title: input.title, versionNumber: current.number + 1, status: input.status },
    ctx.user.accountId,
  );
  sendJson(ctx.res, 200, withBase(ctx, pageV2(ctx.store, page, undefined)));
}

function deletePage(ctx: RequestContext): void {
  const pageId = ctx.params.id ?? '';
  if (boolParam(ctx.query, 'purge')) ctx.store.purgePage(pageId);
  else ctx.store.trashPage(pageId);
  sendEmpty(ctx.res, 204);
}

export function cloudV2PageRoutes(): Route[] {
  return [
    route('GET', `${V2}/pages`, 'v2', listPages),
    route('POST', `${V2}/pages`, 'v2', createPage),
    route('GET', `${V2}/pages/{id}`, 'v2', getPage),
    route('PUT', `${V2}/pages/{id}`, 'v2', updatePage),
    route('DELETE', `${V2}/pages/{id}`, 'v2', deletePage),
    route('PUT', `${V2}/pages/{id}/title`, 'v2', updateTitle),
  ];
}
