/**
 * REST v2 inline comments (cloud-v2.json): POST /inline-comments anchors a comment on a text
 * selection of the page body (no new page version), GET /pages/{id}/inline-comments lists them with
 * their resolutionStatus, GET /inline-comments/{comment-id} reads one.
 */
import { z } from 'zod';
import { notFound } from '../api-error.js';
import { multi, oneOf, readJson, route, sendJson, type RequestContext, type Route } from '../http-kit.js';
import { addInlineComment, findInlineComment, inlineComments, resolutionStatus } from '../inline-comments.js';
import type { InlineCommentRecord } from '../model.js';
import { byId, paginateV2 } from '../paging.js';
import type { Store } from '../store.js';

const V2 = '/wiki/api/v2';

const bodyWrite = z.object({
  representation: z.enum(['storage', 'atlas_doc_format', 'wiki']),
  value: z.string(),
});
const createSchema = z.object({
  pageId: z.string().min(1),
  body: z.union([bodyWrite, z.object({ storage: bodyWrite })]),
  inlineCommentProperties: z.object({
    textSelection: z.string().min(1),
    textSelectionMatchCount: z.number().int().min(1),
    textSelectionMatchIndex: z.number().int().min(0),
  }),
});

function commentJson(store: Store, c: InlineCommentRecord, withBody: boolean) {
  return {
    id: c.id,
    status: 'current',
    title: `Re: ${store.findPage(c.pageId)?.versions.at(-1)?.title ?? ''}`,
    pageId: c.pageId,
    version: {
      number: 1,
      message: '',
      minorEdit: false,
      authorId: c.authorId,
      createdAt: c.createdAt,
    },
    ...(withBody ? { body: { storage: { representation: 'storage', value: c.body } } } : {}),
    resolutionStatus: resolutionStatus(store, c),
    properties: { inlineMarkerRef: c.markerRef, inlineOriginalSelection: c.originalSelection },
    _links: { webui: `/pages/${c.pageId}?focusedCommentId=${c.id}` },
  };
}

async function create(ctx: RequestContext): Promise<void> {
  const input = await readJson(ctx, createSchema);
  const body = 'storage' in input.body ? input.body.storage : input.body;
  const comment = addInlineComment(
    ctx.store,
    { pageId: input.pageId, body: body.value, ...input.inlineCommentProperties },
    ctx.user.accountId,
  );
  sendJson(ctx.res, 201, commentJson(ctx.store, comment, true), {
    Location: `${V2}/inline-comments/${comment.id}`,
  });
}

function listForPage(ctx: RequestContext): void {
  const format = oneOf(ctx.query, 'body-format', ['storage', 'atlas_doc_format'] as const);
  const wanted = multi(ctx.query, 'resolution-status');
  const list = inlineComments(ctx.store, ctx.params.id ?? '')
    .map((c) => commentJson(ctx.store, c, format === 'storage'))
    .filter((c) => wanted.length === 0 || wanted.includes(c.resolutionStatus));
  sendJson(ctx.res, 200, paginateV2(ctx, list, byId()));
}

function getOne(ctx: RequestContext): void {
  const comment = findInlineComment(ctx.store, ctx.params.cid ?? '');
  if (!comment) throw notFound(`Cannot find inline comment ${ctx.params.cid ?? ''}`);
  sendJson(
    ctx.res,
    200,
    commentJson(ctx.store, comment, oneOf(ctx.query, 'body-format', ['storage'] as const) === 'storage'),
  );
}

export function cloudV2InlineCommentRoutes(): Route[] {
  return [
    route('POST', `${V2}/inline-comments`, 'v2', create),
    route('GET', `${V2}/inline-comments/{cid}`, 'v2', getOne),
    route('GET', `${V2}/pages/{id}/inline-comments`, 'v2', listForPage),
  ];
}
