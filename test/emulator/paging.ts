/**
 * Pagination as Confluence does it. v2: opaque `cursor`, `_links.next` site-root relative
 * (it starts with /wiki) and a `Link: <…>; rel="next"` header. v1: `start`/`limit` offsets with a
 * `_links.next` relative to `_links.base`; Cloud CQL search pages with an offset cursor instead.
 *
 * A v2 cursor holds the sort key of the last item returned (ending in its id), not a position: the
 * next page starts after that key, so pages created or deleted between requests neither shift
 * items into a page already read nor skip ones not yet read.
 */
import { z } from 'zod';
import { invalidParameter } from './api-error.js';
import { intParam, type RequestContext } from './http-kit.js';

/** A sort key, compared element by element; the last element should be the (unique) id. */
export type SortKey = (string | number)[];

/** How a v2 list is ordered: ascending by key, or descending with `desc`. */
export interface Order<T> {
  key: (item: T) => SortKey;
  desc?: boolean;
}

/** By numeric id, the default order of Confluence's v2 lists. */
export function byId<T extends { id: string }>(): Order<T> {
  return { key: (item) => [Number(item.id)] };
}

function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x !== typeof y) return typeof x === 'number' ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

export function sortByOrder<T>(items: T[], order: Order<T>): T[] {
  const sign = order.desc ? -1 : 1;
  return items
    .map((item) => ({ item, key: order.key(item) }))
    .sort((a, b) => sign * compareKeys(a.key, b.key))
    .map(({ item }) => item);
}

const keyCursorSchema = z.object({ k: z.array(z.union([z.string(), z.number()])).min(1) });
const offsetCursorSchema = z.object({ o: z.number().int().min(0) });

function encode(value: object): string {
  return Buffer.from(JSON.stringify({ ...value, t: 'emulator' })).toString('base64url');
}

function decode<T>(cursor: string, schema: z.ZodType<T>): T {
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  throw invalidParameter(`Invalid cursor: ${cursor}`);
}

export function encodeKeyCursor(key: SortKey): string {
  return encode({ k: key });
}

export function decodeKeyCursor(cursor: string | null): SortKey | undefined {
  if (cursor === null || cursor === '') return undefined;
  return decode(cursor, keyCursorSchema).k;
}

export function encodeCursor(offset: number): string {
  return encode({ o: offset });
}

export function decodeCursor(cursor: string | null): number {
  if (cursor === null || cursor === '') return 0;
  return decode(cursor, offsetCursorSchema).o;
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

/**
 * One page of a v2 list in `order` (the items are sorted here), starting after the key in the
 * cursor, with the Link header set on the response.
 */
export function paginateV2<T>(
  ctx: RequestContext,
  items: T[],
  order: Order<T>,
  defaultLimit = 25,
  maxLimit = 250,
): V2Page<T> {
  const limit = intParam(ctx.query, 'limit', defaultLimit, 1, maxLimit);
  const after = decodeKeyCursor(ctx.query.get('cursor'));
  const sign = order.desc ? -1 : 1;
  const keyed = sortByOrder(items, order).map((item) => ({ item, key: order.key(item) }));
  // First item after the cursor's key (binary search: the list is sorted).
  let lo = 0;
  let hi = after ? keyed.length : 0;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sign * compareKeys(keyed[mid]!.key, after!) <= 0) lo = mid + 1;
    else hi = mid;
  }
  const slice = keyed.slice(lo, lo + limit);
  const base = `${ctx.origin}/wiki`;
  const links: V2Page<T>['_links'] = { base };
  const last = slice.at(-1);
  if (last && lo + limit < keyed.length) {
    links.next = withParams(ctx.path, ctx.query, {
      cursor: encodeKeyCursor(last.key),
      limit: String(limit),
    });
    ctx.res.setHeader('Link', `<${links.next}>; rel="next", <${base}>; rel="base"`);
  } else {
    ctx.res.setHeader('Link', `<${base}>; rel="base"`);
  }
  return { results: slice.map(({ item }) => item), _links: links };
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
