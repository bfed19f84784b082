/**
 * REST v1 attachments (what v2 cannot do): multipart upload (POST create-only, PUT create or new
 * version), new data by id, downloads. Uploads need `X-Atlassian-Token: no-check` (or nocheck).
 */
import { badRequest } from '../api-error.js';
import { intParam, route, sendJson, type RequestContext, type Route } from '../http-kit.js';
import { currentAttachmentVersion } from '../model.js';
import { parseMultipart } from '../multipart.js';
import { paginateV1 } from '../paging.js';
import { attachmentV1 } from '../shapes-v1.js';
import type { MediaHost } from '../media-host.js';
import type { UploadInput } from '../store.js';

function xsrfOk(ctx: RequestContext): boolean {
  const token = String(ctx.req.headers['x-atlassian-token'] ?? '').toLowerCase();
  if (token === 'no-check' || token === 'nocheck') return true;
  ctx.res.writeHead(403, { 'Content-Type': 'text/plain;charset=UTF-8' });
  ctx.res.end('XSRF check failed');
  return false;
}

const MEDIA_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  json: 'application/json',
  zip: 'application/zip',
};

function mediaTypeOf(filename: string, declared: string | undefined): string {
  if (declared && declared !== 'application/octet-stream') return declared.split(';')[0]?.trim() ?? declared;
  const ext = filename.split('.').pop()?.toLowerCase() ?? '';
  return MEDIA_TYPES[ext] ?? 'application/octet-stream';
}

async function uploads(ctx: RequestContext): Promise<UploadInput[]> {
  const parts = parseMultipart(await ctx.body(), ctx.req.headers['content-type']);
  const comments = parts.filter((p) => p.name === 'comment').map((p) => p.data.toString('utf8'));
  const minorEdit = parts.find((p) => p.name === 'minorEdit')?.data.toString('utf8') === 'true';
  const files = parts.filter((p) => p.name === 'file');
  if (files.length === 0) throw badRequest('No file was attached: the multipart field must be named "file"');
  return files.map((f, i) => {
    const filename = f.filename ?? '';
    return {
      filename,
      data: new Uint8Array(f.data),
      mediaType: mediaTypeOf(filename, f.contentType),
      comment: comments[i] ?? comments[0] ?? '',
      minorEdit,
    };
  });
}

function list(ctx: RequestContext): void {
  const page = ctx.store.livePage(ctx.params.id ?? '');
  const filename = ctx.query.get('filename');
  const mediaType = ctx.query.get('mediaType');
  const items = ctx.store
    .attachments(page.id)
    .filter((a) => filename === null || a.title === filename)
    .filter((a) => mediaType === null || currentAttachmentVersion(a).mediaType === mediaType)
    .map((a) => attachmentV1(ctx, a));
  sendJson(ctx.res, 200, paginateV1(ctx, items, 50, 200));
}

function upload(mode: 'create' | 'upsert') {
  return async (ctx: RequestContext): Promise<void> => {
    if (!xsrfOk(ctx)) return;
    const pageId = ctx.params.id ?? '';
    ctx.store.livePage(pageId);
    const results = (await uploads(ctx)).map((file) =>
      attachmentV1(ctx, ctx.store.upload(pageId, file, mode)),
    );
    sendJson(ctx.res, 200, { results, start: 0, limit: results.length, size: results.length, _links: {} });
  };
}

async function uploadData(ctx: RequestContext): Promise<void> {
  if (!xsrfOk(ctx)) return;
  const pageId = ctx.params.id ?? '';
  const existing = ctx.store.attachment(pageId, ctx.params.attId ?? '');
  const [file] = await uploads(ctx);
  if (!file) throw badRequest('No file was attached');
  const updated = ctx.store.uploadData(pageId, existing.id, { ...file, filename: existing.title });
  sendJson(ctx.res, 200, attachmentV1(ctx, updated));
}

function sendBytes(ctx: RequestContext, data: Buffer, mediaType: string, filename: string): void {
  ctx.res.writeHead(200, {
    'Content-Type': mediaType,
    'Content-Length': data.length,
    'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
  });
  ctx.res.end(data);
}

/** Cloud answers with a 302 to a signed URL on its media host; Data Center sends the bytes itself. */
function download(media: MediaHost | undefined) {
  return (ctx: RequestContext): void => {
    const attachment = ctx.store.attachment(ctx.params.id ?? '', ctx.params.attId ?? '');
    const latest = currentAttachmentVersion(attachment).number;
    const wanted = intParam(ctx.query, 'version', latest, 1, latest);
    const v = attachment.versions.find((x) => x.number === wanted) ?? currentAttachmentVersion(attachment);
    const data = Buffer.from(v.dataBase64, 'base64');
    if (!media) {
      sendBytes(ctx, data, v.mediaType, attachment.title);
      return;
    }
    ctx.res.writeHead(302, {
      Location: media.publish({ data, mediaType: v.mediaType, filename: attachment.title }),
    });
    ctx.res.end();
  };
}

/**
 * The `downloadLink` of v2 / `_links.download` of v1: /download/attachments/{pageId}/{file}?version=N.
 * Cloud no longer serves it to API tokens (CHANGE-2735, 2026: 401 with an OAuth challenge); Data
 * Center does.
 */
function downloadLink(ctx: RequestContext): void {
  if (ctx.flavor === 'cloud') {
    ctx.res.writeHead(401, {
      'Content-Type': 'text/plain;charset=UTF-8',
      'WWW-Authenticate': 'OAuth realm="Confluence"',
    });
    ctx.res.end(
      'The /download/attachments servlet does not accept API tokens; use the REST download endpoint.',
    );
    return;
  }
  const pageId = ctx.params.pageId ?? '';
  const filename = ctx.params.file ?? '';
  const attachment = ctx.store.attachments(pageId).find((a) => a.title === filename);
  if (!attachment) throw badRequest(`No attachment ${filename} on page ${pageId}`);
  const latest = currentAttachmentVersion(attachment).number;
  const wanted = intParam(ctx.query, 'version', latest, 1, latest);
  const v = attachment.versions.find((x) => x.number === wanted) ?? currentAttachmentVersion(attachment);
  sendBytes(ctx, Buffer.from(v.dataBase64, 'base64'), v.mediaType, attachment.title);
}

export function v1AttachmentRoutes(prefix: string, downloadPrefix: string, media?: MediaHost): Route[] {
  const base = `${prefix}/content/{id}/child/attachment`;
  return [
    route('GET', base, 'v1', list),
    route('POST', base, 'v1', upload('create')),
    route('PUT', base, 'v1', upload('upsert')),
    route('POST', `${base}/{attId}/data`, 'v1', uploadData),
    route('GET', `${base}/{attId}/download`, 'v1', download(media)),
    route('GET', `${downloadPrefix}/attachments/{pageId}/{file}`, 'v1', downloadLink),
  ];
}
