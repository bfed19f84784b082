/**
 * REST v1 content (Data Center under /rest/api; Cloud under /wiki/rest/api, where the CRUD calls
 * are deprecated and may answer 410): spaces, content CRUD with `expand`, children, descendants,
 * version history. Offset paging (`start`/`limit`, cap 200).
 */
import { z } from 'zod';
import { ApiError, badRequest, notFound } from '../api-error.js';
import { multi, readJson, route, sendEmpty, sendJson, type RequestContext, type Route } from '../http-kit.js';
import { currentVersion, type PageRecord } from '../model.js';
import { paginateV1 } from '../paging.js';
import { contentV1, expandSet, spaceV1, versionV1 } from '../shapes-v1.js';
import { pageNotFound } from '../store.js';
import { isFolderId, updateFolderV1 } from './cloud-v2-folders.js';

const id = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(String);
const storageBody = z.object({
  storage: z.object({ value: z.string(), representation: z.literal('storage') }),
});

const createSchema = z.object({
  type: z.literal('page'),
  title: z.string(),
  space: z.object({ key: z.string() }),
  status: z.literal('current').optional(),
  ancestors: z.array(z.object({ id })).optional(),
  body: storageBody.optional(),
  version: z.object({ message: z.string().optional() }).optional(),
});

const updateSchema = z.object({
  id: id.optional(),
  type: z.literal('page'),
  title: z.string(),
  status: z.enum(['current', 'archived']).optional(),
  ancestors: z.array(z.object({ id })).optional(),
  body: storageBody.optional(),
  version: z
    .object({ number: z.number().int(), message: z.string().optional(), minorEdit: z.boolean().optional() })
    .optional(),
});

function spaceByKey(ctx: RequestContext, key: string) {
  const space = ctx.store.spaceByKey(key);
  if (!space) throw new ApiError(404, 'NOT_FOUND', `No space with key : ${key}`);
  return space;
}

function getSpace(ctx: RequestContext): void {
  sendJson(ctx.res, 200, spaceV1(ctx, spaceByKey(ctx, ctx.params.key ?? ''), expandSet(ctx.query)));
}

function listSpaces(ctx: RequestContext): void {
  const keys = multi(ctx.query, 'spaceKey');
  const spaces = ctx.store.spaces().filter((s) => keys.length === 0 || keys.includes(s.key));
  const expand = expandSet(ctx.query);
  sendJson(
    ctx.res,
    200,
    paginateV1(
      ctx,
      spaces.map((s) => spaceV1(ctx, s, expand)),
    ),
  );
}

function listContent(ctx: RequestContext): void {
  const type = ctx.query.get('type') ?? 'page';
  const spaceKey = ctx.query.get('spaceKey');
  const title = ctx.query.get('title');
  const status = multi(ctx.query, 'status');
  const statuses = new Set(status.length > 0 ? status : ['current']);
  const space = spaceKey !== null ? spaceByKey(ctx, spaceKey) : undefined;
  const pages =
    type !== 'page'
      ? []
      : ctx.store.data.pages
          .filter(
            (p) =>
              (space === undefined || p.spaceId === space.id) &&
              (statuses.has('any') || statuses.has(p.status)) &&
              (title === null || currentVersion(p).title === title),
          )
          .sort((a, b) => Number(a.id) - Number(b.id));
  const expand = expandSet(ctx.query);
  const page = paginateV1(ctx, pages);
  sendJson(ctx.res, 200, { ...page, results: page.results.map((p) => contentV1(ctx, p, expand)) });
}

function getContent(ctx: RequestContext): void {
  const pageId = ctx.params.id ?? '';
  const page = ctx.store.page(pageId);
  const status = ctx.query.get('status');
  if (page.status === 'trashed' && status !== 'trashed' && status !== 'any') throw pageNotFound(pageId);
  const versionParam = ctx.query.get('version');
  let version = currentVersion(page);
  if (versionParam !== null) {
    const found = page.versions.find((v) => v.number === Number(versionParam));
    if (!found)
      throw notFound(`No content found with id: ContentId{id=${pageId}} and version ${versionParam}`);
    version = found;
  }
  sendJson(ctx.res, 200, contentV1(ctx, page, expandSet(ctx.query), version));
}

const WRITE_EXPAND = new Set(['body', 'body.storage', 'ancestors', 'space', 'version']);

async function createContent(ctx: RequestContext): Promise<void> {
  const input = await readJson(ctx, createSchema);
  const space = spaceByKey(ctx, input.space.key);
  // v1 without ancestors creates a top-level page (v2 would pick the home page).
  const parentId = input.ancestors?.at(-1)?.id ?? null;
  const page = ctx.store.createPage(
    {
      spaceId: space.id,
      parentId,
      title: input.title,
      body: input.body?.storage.value ?? '',
      message: input.version?.message,
    },
    ctx.user.accountId,
  );
  sendJson(ctx.res, 200, contentV1(ctx, page, WRITE_EXPAND));
}

async function updateContent(ctx: RequestContext): Promise<void> {
  if (ctx.flavor === 'cloud' && isFolderId(ctx)) return updateFolderV1(ctx);
  const pageId = ctx.params.id ?? '';
  const input = await readJson(ctx, updateSchema);
  if (input.id !== undefined && input.id !== pageId) {
    throw badRequest(`The id in the body (${input.id}) does not match the content id (${pageId})`);
  }
  const existing = ctx.store.page(pageId);
  if (!input.version && existing.status !== 'trashed') {
    throw badRequest('Must supply an incremented version when updating Content. No version supplied.');
  }
  const page = ctx.store.updatePage(
    pageId,
    {
      title: input.title,
      body: input.body?.storage.value,
      parentId: input.ancestors?.at(-1)?.id,
      versionNumber: input.version?.number ?? 0,
      message: input.version?.message,
      minorEdit: input.version?.minorEdit,
      status: input.status ?? (existing.status === 'trashed' ? 'current' : undefined),
    },
    ctx.user.accountId,
  );
  sendJson(ctx.res, 200, contentV1(ctx, page, WRITE_EXPAND));
}

function deleteContent(ctx: RequestContext): void {
  const pageId = ctx.params.id ?? '';
  if (ctx.query.get('status') === 'trashed') ctx.store.purgePage(pageId);
  else ctx.store.trashPage(pageId);
  sendEmpty(ctx.res, 204);
}

function listed(ctx: RequestContext, pages: PageRecord[]): void {
  const expand = expandSet(ctx.query);
  const page = paginateV1(ctx, pages);
  sendJson(ctx.res, 200, { ...page, results: page.results.map((p) => contentV1(ctx, p, expand)) });
}

function childPages(ctx: RequestContext): void {
  const parent = ctx.store.livePage(ctx.params.id ?? '');
  listed(ctx, ctx.store.children(parent.id));
}

function descendantPages(ctx: RequestContext): void {
  const root = ctx.store.livePage(ctx.params.id ?? '');
  listed(
    ctx,
    ctx.store.descendants(root.id).map((d) => d.page),
  );
}

function versions(ctx: RequestContext): void {
  const page = ctx.store.livePage(ctx.params.id ?? '');
  const list = [...page.versions].reverse().map((v) => versionV1(ctx, v));
  sendJson(ctx.res, 200, paginateV1(ctx, list, 200, 200));
}

export function v1ContentRoutes(prefix: string): Route[] {
  const deprecated = { deprecatedOnCloud: true };
  return [
    route('GET', `${prefix}/space`, 'v1', listSpaces, deprecated),
    route('GET', `${prefix}/space/{key}`, 'v1', getSpace, deprecated),
    route('GET', `${prefix}/content`, 'v1', listContent, deprecated),
    route('POST', `${prefix}/content`, 'v1', createContent, deprecated),
    route('GET', `${prefix}/content/{id}`, 'v1', getContent, deprecated),
    route('PUT', `${prefix}/content/{id}`, 'v1', updateContent, deprecated),
    route('DELETE', `${prefix}/content/{id}`, 'v1', deleteContent, deprecated),
    route('GET', `${prefix}/content/{id}/child/page`, 'v1', childPages, deprecated),
    route('GET', `${prefix}/content/{id}/descendant/page`, 'v1', descendantPages),
    route('GET', `${prefix}/content/{id}/version`, 'v1', versions, deprecated),
  ];
}
