/** Small HTTP helpers the routes share: route table, request context, JSON in/out, query params. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZodType } from 'zod';
import { ApiError, invalidParameter } from './api-error.js';
import type { Store } from './store.js';

export type Flavor = 'cloud' | 'datacenter';
/** How errors of a route are written. */
export type ErrorStyle = 'v2' | 'v1';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  store: Store;
  flavor: Flavor;
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The authenticated user. */
  user: { username: string; accountId: string };
  body(): Promise<Buffer>;
}

export type Handler = (ctx: RequestContext) => Promise<void> | void;

export interface Route {
  method: string;
  /** e.g. /wiki/api/v2/pages/{id}; also the key in stats.byRoute. */
  template: string;
  style: ErrorStyle;
  handler: Handler;
  /** v1 content CRUD that Cloud may answer with 410 Gone. */
  deprecatedOnCloud?: boolean;
}

export function route(
  method: string,
  template: string,
  style: ErrorStyle,
  handler: Handler,
  extra: Partial<Route> = {},
): Route {
  return { method, template, style, handler, ...extra };
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

export class Router {
  private readonly routes: { route: Route; segments: string[] }[] = [];

  add(routes: Route[]): void {
    for (const r of routes) this.routes.push({ route: r, segments: r.template.split('/') });
  }

  /**
   * The matching route (a literal segment beats a {param}, so /content/search wins over
   * /content/{id}), or 'method' when only the method differs, or undefined.
   */
  match(method: string, path: string): RouteMatch | 'method' | undefined {
    const parts = path.split('/');
    let best: (RouteMatch & { literals: number }) | undefined;
    let methodMismatch = false;
    for (const { route: r, segments } of this.routes) {
      const params = matchSegments(segments, parts);
      if (!params) continue;
      if (r.method !== method && !(method === 'HEAD' && r.method === 'GET')) {
        methodMismatch = true;
        continue;
      }
      const literals = segments.length - Object.keys(params).length;
      if (!best || literals > best.literals) best = { route: r, params, literals };
    }
    if (best) return { route: best.route, params: best.params };
    return methodMismatch ? 'method' : undefined;
  }
}

function matchSegments(template: string[], parts: string[]): Record<string, string> | undefined {
  if (template.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const t = template[i] ?? '';
    const p = parts[i] ?? '';
    if (t.startsWith('{') && t.endsWith('}')) {
      if (p === '') return undefined;
      try {
        params[t.slice(1, -1)] = decodeURIComponent(p);
      } catch {
        return undefined;
      }
    } else if (t !== p) return undefined;
  }
  return params;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status = 204): void {
  res.writeHead(status);
  res.end();
}

/** Reads and validates a JSON body; 400 with the first problem when it does not fit. */
export async function readJson<T>(ctx: RequestContext, schema: ZodType<T>): Promise<T> {
  const raw = (await ctx.body()).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ApiError(400, 'INVALID_REQUEST_PARAMETER', 'Request body is not valid JSON');
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'body';
    throw new ApiError(
      400,
      'INVALID_REQUEST_PARAMETER',
      `Invalid request: ${where}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return result.data;
}

/** A multi-valued parameter: repeated keys and comma-separated lists both count. */
export function multi(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

export function intParam(
  query: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw invalidParameter(`Invalid value for parameter '${name}': ${raw}`);
  return Math.min(value, max);
}

export function boolParam(query: URLSearchParams, name: string): boolean {
  return query.get(name) === 'true';
}

export function oneOf<T extends string>(
  query: URLSearchParams,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw invalidParameter(`Invalid value for parameter '${name}': ${raw}; allowed: ${allowed.join(', ')}`);
  }
  return raw as T;
}
