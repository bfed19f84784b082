/** REST v2 per-page collections: versions, labels (read), attachments (read), content properties (CRUD). */
import { z } from 'zod';
import { notFound } from '../api-error.js';
import { oneOf, readJson, route, sendEmpty, sendJson, type RequestContext, type Route } from '../http-kit.js';
import type { PropertyRecord } from '../model.js';
import { byId, paginateV2 } from '../paging.js';
import { attachmentV2, versionV2 } from '../shapes-v2.js';

const V2 = '/wiki/api/v2';

function versions(ctx: RequestContext): void {
  const page = ctx.store.livePage(ctx.params.id ?? '');
  const format = oneOf(ctx.query, 'body-format', ['storage'] as const);
  const sort = oneOf(ctx.query, 'sort', ['modified-date', '-modified-date'] as const) ?? '-modified-date';
  const list = paginateV2(ctx, page.versions, {
    key: (v) => [v.number],
    desc: sort === '-modified-date',
  });
  const results = list.results.map((v) => ({
    ...versionV2(v),
    page: {
      id: page.id,
      title: v.title,
      ...(format ? { body: { storage: { representation: 'storage', value: v.body } } } : {}),
    },
  }));
  sendJson(ctx.res, 200, { ...list, results });
}

function versionDetail(ctx: RequestContext): void {
  const page = ctx.store.livePage(ctx.params.id ?? '');
  const n = Number(ctx.params.number);
  const v = page.versions.find((x) => x.number === n);
  if (!v) throw notFound(`Cannot find version [${ctx.params.number}] of page [${page.id}]`);
  sendJson(ctx.res, 200, {
    ...versionV2(v),
    contentTypeModified: false,
    collaborators: [v.authorId],
    prevVersion: n > 1 ? n - 1 : null,
    nextVersion: n < page.versions.length ? n + 1 : null,
  });
}

function labels(ctx: RequestContext): void {
  const page = ctx.store.livePage(ctx.params.id ?? '');
  const prefix = ctx.query.get('prefix');
  const list = page.labels
    .filter((l) => prefix === null || l.prefix === prefix)
    .map((l) => ({ id: l.id, name: l.name, prefix: l.prefix }));
  sendJson(ctx.res, 200, paginateV2(ctx, list, byId()));
}

function attachments(ctx: RequestContext): void {
  const page = ctx.store.livePage(ctx.params.id ?? '');
  const space = ctx.store.spaceById(page.spaceId);
  const filename = ctx.query.get('filename');
  const mediaType = ctx.query.get('mediaType');
  const list = ctx.store
    .attachments(page.id)
    .filter((a) => filename === null || a.title === filename)
    .map((a) => attachmentV2(a, space))
    .filter((a) => mediaType === null || a.mediaType === mediaType);
  const byAttachmentId = { key: (a: { id: string }) => [Number(a.id.replace(/^att/, ''))] };
  sendJson(ctx.res, 200, paginateV2(ctx, list, byAttachmentId, 50, 250));
}

const propertyVersion = (p: PropertyRecord) => ({
  number: p.version,
  message: '',
  minorEdit: false,
  authorId: '557058:emulator-ci',
  createdAt: new Date(0).toISOString(),
});
const propertyJson = (p: PropertyRecord) => ({
  id: p.id,
  key: p.key,
  value: p.value,
  version: propertyVersion(p),
});

const createProperty = z.object({ key: z.string().min(1).max(255), value: z.unknown() });
const updateProperty = z.object({
  key: z.string().min(1).max(255),
  value: z.unknown(),
  version: z.object({ number: z.number().int(), message: z.string().optional() }),
});

function listProperties(ctx: RequestContext): void {
  const page = ctx.store.livePage(ctx.params.id ?? '');
  const key = ctx.query.get('key');
  const list = page.properties.filter((p) => key === null || p.key === key).map(propertyJson);
  sendJson(ctx.res, 200, paginateV2(ctx, list, byId()));
}

async function postProperty(ctx: RequestContext): Promise<void> {
  const input = await readJson(ctx, createProperty);
  sendJson(ctx.res, 200, propertyJson(ctx.store.createProperty(ctx.params.id ?? '', input.key, input.value)));
}

function getProperty(ctx: RequestContext): void {
  sendJson(ctx.res, 200, propertyJson(ctx.store.property(ctx.params.id ?? '', ctx.params.pid ?? '')));
}

async function putProperty(ctx: RequestContext): Promise<void> {
  const input = await readJson(ctx, updateProperty);
  const p = ctx.store.updateProperty(
    ctx.params.id ?? '',
    ctx.params.pid ?? '',
    input.key,
    input.value,
    input.version.number,
  );
  sendJson(ctx.res, 200, propertyJson(p));
}

function deleteProperty(ctx: RequestContext): void {
  ctx.store.deleteProperty(ctx.params.id ?? '', ctx.params.pid ?? '');
  sendEmpty(ctx.res, 204);
}

export function cloudV2PageExtraRoutes(): Route[] {
  return [
    route('GET', `${V2}/pages/{id}/versions`, 'v2', versions),
    route('GET', `${V2}/pages/{id}/versions/{number}`, 'v2', versionDetail),
    route('GET', `${V2}/pages/{id}/labels`, 'v2', labels),
    route('GET', `${V2}/pages/{id}/attachments`, 'v2', attachments),
    route('GET', `${V2}/pages/{id}/properties`, 'v2', listProperties),
    route('POST', `${V2}/pages/{id}/properties`, 'v2', postProperty),
    route('GET', `${V2}/pages/{id}/properties/{pid}`, 'v2', getProperty),
    route('PUT', `${V2}/pages/{id}/properties/{pid}`, 'v2', putProperty),
    route('DELETE', `${V2}/pages/{id}/properties/{pid}`, 'v2', deleteProperty),
  ];
}
