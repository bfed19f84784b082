/** REST v1 labels (v2 can only read them): GET/POST /content/{id}/label, DELETE ?name= or /label/{name}. */
import { z } from 'zod';
import { readJson, route, sendEmpty, sendJson, type RequestContext, type Route } from '../http-kit.js';
import { badRequest } from '../api-error.js';
import { paginateV1 } from '../paging.js';
import { labelArray, labelV1 } from '../shapes-v1.js';

const label = z.object({ prefix: z.string().optional(), name: z.string() });
const labelsSchema = z.union([z.array(label), label]).transform((l) => (Array.isArray(l) ? l : [l]));

function list(ctx: RequestContext): void {
  const page = ctx.store.livePage(ctx.params.id ?? '');
  const prefix = ctx.query.get('prefix');
  const labels = page.labels.filter((l) => prefix === null || l.prefix === prefix).map(labelV1);
  sendJson(ctx.res, 200, paginateV1(ctx, labels, 200, 200));
}

async function add(ctx: RequestContext): Promise<void> {
  const labels = await readJson(ctx, labelsSchema);
  sendJson(ctx.res, 200, labelArray(ctx.store.addLabels(ctx.params.id ?? '', labels)));
}

function removeByQuery(ctx: RequestContext): void {
  const name = ctx.query.get('name');
  if (!name) throw badRequest('The label name is required: DELETE …/label?name=<label>');
  ctx.store.removeLabel(ctx.params.id ?? '', name);
  sendEmpty(ctx.res, 204);
}

function removeByPath(ctx: RequestContext): void {
  ctx.store.removeLabel(ctx.params.id ?? '', ctx.params.label ?? '');
  sendEmpty(ctx.res, 204);
}

export function v1LabelRoutes(prefix: string): Route[] {
  return [
    route('GET', `${prefix}/content/{id}/label`, 'v1', list),
    route('POST', `${prefix}/content/{id}/label`, 'v1', add),
    route('DELETE', `${prefix}/content/{id}/label`, 'v1', removeByQuery),
    route('DELETE', `${prefix}/content/{id}/label/{label}`, 'v1', removeByPath),
  ];
}
