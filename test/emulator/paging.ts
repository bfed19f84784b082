/**
 * Pagination as Confluence does it. v2: opaque `cursor`, `_links.next` site-root relative
 * (it starts with /wiki) and a `Link: <…>; rel="next"` header. v1: `start`/`limit` offsets with a
 * `_links.next` relative to `_links.base`; Cloud CQL search pages with a cursor instead.
 */
import { invalidParameter } from './api-error.js';
import { intParam, type RequestContext } from './http-kit.js';

export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset, t: 'emulator' })).toString('base64url');
}

export function decodeCursor(cursor: string | null): number {
  if (cursor === null || cursor === '') return 0;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'o' in parsed) {
      const offset = (parsed as { o: unknown }).o;
      if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
    }
  } catch {
    // fall through
  }
  throw invalidParameter(`Invalid cursor: ${cursor}`);
}

function withParams(path: string, query: URLSearchParams, set: Record<string, string>): string {
  const next = new URLSearchParams(query);
  for (const [key, value] of Object.entries(set)) next.set(key, value);
  return `${path}?${next.toString()}`;
}

export interface V2Page<T> {
  results: T[];
  _links: { next?: string; base: string };
}

/** One page of a v2 list, with the Link header set on the response. */
export function paginateV2<T>(ctx: RequestContext, items: T[], defaultLimit = 25, maxLimit = 250): V2Page<T> {
  const limit = intParam(ctx.query, 'limit', defaultLimit, 1, maxLimit);
  const offset = decodeCursor(ctx.query.get('cursor'));
  const results = items.slice(offset, offset + limit);
  const base = `${ctx.origin}/wiki`;
  const links: V2Page<T>['_links'] = { base };
  if (offset + limit < items.length) {
    links.next = withParams(ctx.path, ctx.query, {
      cursor: encodeCursor(offset + limit),
      limit: String(limit),
    });
    ctx.res.setHeader('Link', `<${links.next}>; rel="next", <${base}>; rel="base"`);
  } else {
    ctx.res.setHeader('Link', `<${base}>; rel="base"`);
  }
  return { results, _links: links };
}

/** The v1 `_links.base` and the context path (Cloud: /wiki, Data Center: empty). */
export function v1Base(ctx: RequestContext): { base: string; context: string } {
  const context = ctx.flavor === 'cloud' ? '/wiki' : '';
  return { base: `${ctx.origin}${context}`, context };
}

/** The request path relative to the v1 base (Cloud drops the /wiki context). */
export function v1Path(ctx: RequestContext): string {
  return ctx.flavor === 'cloud' ? ctx.path.replace(/^\/wiki/, '') : ctx.path;
}

export interface V1Page<T> {
  results: T[];
  start: number;
  limit: number;
  size: number;
  _links: { base: string; context: string; self: string; next?: string; prev?: string };
}

/** One page of a v1 list by start/limit offsets. */
export function paginateV1<T>(ctx: RequestContext, items: T[], defaultLimit = 25, maxLimit = 200): V1Page<T> {
  const limit = intParam(ctx.query, 'limit', defaultLimit, 0, maxLimit);
  const start = intParam(ctx.query, 'start', 0, 0, Number.MAX_SAFE_INTEGER);
  const results = items.slice(start, start + limit);
  const { base, context } = v1Base(ctx);
  const path = v1Path(ctx);
  const links: V1Page<T>['_links'] = { base, context, self: `${base}${withParams(path, ctx.query, {})}` };
  if (limit > 0 && start + limit < items.length) {
    links.next = withParams(path, ctx.query, { start: String(start + limit), limit: String(limit) });
  }
  if (start > 0)
    links.prev = withParams(path, ctx.query, {
      start: String(Math.max(0, start - limit)),
      limit: String(limit),
    });
  return { results, start, limit, size: results.length, _links: links };
}

/** Cloud v1 search: a cursor in `_links.next` instead of start. */
export function paginateV1Cursor<T>(
  ctx: RequestContext,
  items: T[],
  defaultLimit = 25,
  maxLimit = 250,
): V1Page<T> {
  const limit = intParam(ctx.query, 'limit', defaultLimit, 0, maxLimit);
  const start = decodeCursor(ctx.query.get('cursor'));
  const results = items.slice(start, start + limit);
  const { base, context } = v1Base(ctx);
  const path = v1Path(ctx);
  const links: V1Page<T>['_links'] = { base, context, self: `${base}${withParams(path, ctx.query, {})}` };
  if (limit > 0 && start + limit < items.length) {
    links.next = withParams(path, ctx.query, { cursor: encodeCursor(start + limit), limit: String(limit) });
  }
  return { results, start, limit, size: results.length, _links: links };
}
