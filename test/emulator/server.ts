/**
 * The request pipeline: admin routes (no auth, not counted) → stats → latency → faults → auth →
 * route → handler, with ApiErrors rendered in the route's v1 or v2 shape.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ApiError, reasonPhrase, v1Envelope, v2Envelope } from './api-error.js';
import { authenticate, CLOUD_401_TEXT, DC_401_TEXT, type EmulatorUser } from './auth.js';
import { rateLimitHeaders, type FaultAction, type FaultInjector } from './faults.js';
import { Router, sendJson, type ErrorStyle, type Flavor, type RequestContext } from './http-kit.js';
import { serveHtmlView } from './routes/html-view.js';
import type { StatsCounter } from './stats.js';
import type { Store } from './store.js';

export interface ServerState {
  flavor: Flavor;
  users: EmulatorUser[];
  latencyMs: number;
  maxBodyBytes: number;
  cloudV1Content: 'ok' | 'gone';
  router: Router;
  faults: FaultInjector;
  stats: StatsCounter;
  store: () => Store;
  /** Serves /__emulator/*; returns false when the path is not an admin route. */
  admin: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
  /** Timers of hanging requests, cleared on stop. */
  hangs: Set<NodeJS.Timeout>;
}

const FAULT_MESSAGES: Record<number, string> = {
  409: 'com.atlassian.confluence.api.service.exceptions.ConflictException: javax.persistence.OptimisticLockException: Row was updated or deleted by another transaction',
  429: 'Rate limit exceeded. Try again later.',
};

const GONE_MESSAGE =
  'com.atlassian.confluence.api.service.exceptions.GoneException: This deprecated endpoint has been removed.';

const GATEWAY = /^\/ex\/confluence\/[^/]+(\/wiki\/.*)$/;
const DEPRECATION_DATE = 'Mon, 31 Mar 2025 00:00:00 GMT';

function styleOf(path: string): ErrorStyle {
  return path.startsWith('/wiki/api/v2') ? 'v2' : 'v1';
}

function sendError(res: ServerResponse, style: ErrorStyle, error: ApiError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, error.status, style === 'v2' ? v2Envelope(error) : v1Envelope(error), error.headers);
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const tooLarge = () =>
    new ApiError(
      413,
      'REQUEST_ENTITY_TOO_LARGE',
      `Requests for this resource can be at most ${max} bytes`,
      undefined,
      {
        Connection: 'close',
      },
    );
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > max) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge());
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * A lost response: the request is served as usual (a write is applied), but whatever the pipeline
 * answers is swallowed and the connection is reset after `ms` instead.
 */
function loseResponse(state: ServerState, req: IncomingMessage, res: ServerResponse, ms: number): void {
  state.stats.fault();
  const reset = () => {
    if (!req.socket.destroyed) req.socket.resetAndDestroy();
  };
  res.writeHead = (() => res) as unknown as ServerResponse['writeHead'];
  res.write = (() => true) as ServerResponse['write'];
  let ended = false;
  res.end = (() => {
    if (ended) return res;
    ended = true;
    if (ms <= 0) reset();
    else {
      const timer = setTimeout(() => {
        state.hangs.delete(timer);
        reset();
      }, ms);
      state.hangs.add(timer);
      req.socket.once('close', () => {
        clearTimeout(timer);
        state.hangs.delete(timer);
      });
    }
    return res;
  }) as ServerResponse['end'];
}

/** Answers the request with the injected fault (or drops it) instead of serving it. */
function inject(
  state: ServerState,
  req: IncomingMessage,
  res: ServerResponse,
  style: ErrorStyle,
  fault: Exclude<FaultAction, { kind: 'lost' }>,
): void {
  state.stats.fault();
  if (fault.kind === 'reset') {
    req.socket.resetAndDestroy();
    return;
  }
  if (fault.kind === 'hang') {
    const timer = setTimeout(() => {
      state.hangs.delete(timer);
      req.socket.resetAndDestroy();
    }, fault.ms);
    state.hangs.add(timer);
    req.socket.once('close', () => {
      clearTimeout(timer);
      state.hangs.delete(timer);
    });
    return;
  }
  const headers: Record<string, string> = fault.status === 429 ? rateLimitHeaders(fault.retryAfter) : {};
  if (fault.status !== 429 && fault.retryAfter !== undefined) headers['Retry-After'] = fault.retryAfter;
  const code = reasonPhrase(fault.status).toUpperCase().replace(/ /g, '_');
  const message = FAULT_MESSAGES[fault.status] ?? reasonPhrase(fault.status);
  sendError(res, style, new ApiError(fault.status, code, message, message, headers));
}

async function handle(state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname.startsWith('/__emulator/')) {
    if (!(await state.admin(req, res, url))) {
      sendJson(
        res,
        404,
        v2Envelope(new ApiError(404, 'NOT_FOUND', `No admin route ${req.method} ${url.pathname}`)),
      );
    }
    return;
  }
  // A browser opening a page URL the CLI printed: no token, not an API call.
  if (serveHtmlView(state.store(), req, res, url)) return;

  const method = (req.method ?? 'GET').toUpperCase();
  // Scoped tokens / OAuth go through https://api.atlassian.com/ex/confluence/{cloudId}/wiki/…
  const gateway = state.flavor === 'cloud' ? GATEWAY.exec(url.pathname) : null;
  const path = gateway?.[1] ?? url.pathname;
  const style = styleOf(path);
  const match = state.router.match(method, path);
  state.stats.count(method, typeof match === 'object' ? match.route.template : '(unmatched)');
  res.once('close', state.stats.begin());

  await sleep(state.latencyMs + state.faults.latencyMs);
  const fault = state.faults.decide(method, path);
  if (fault?.kind === 'lost') loseResponse(state, req, res, fault.ms);
  else if (fault) return inject(state, req, res, style, fault);

  const user = authenticate(req, state.flavor, state.users);
  if (!user) {
    const text = state.flavor === 'cloud' ? CLOUD_401_TEXT : DC_401_TEXT;
    res.writeHead(401, {
      'Content-Type': state.flavor === 'cloud' ? 'text/plain;charset=UTF-8' : 'text/html;charset=UTF-8',
      'WWW-Authenticate': 'Basic realm="Confluence"',
    });
    res.end(text);
    return;
  }

  if (match === undefined)
    return sendError(res, style, new ApiError(404, 'NOT_FOUND', 'Not Found', `No route for ${path}`));
  if (match === 'method') {
    return sendError(
      res,
      style,
      new ApiError(405, 'METHOD_NOT_ALLOWED', `Method ${method} is not allowed on ${path}`),
    );
  }
  if (match.route.deprecatedOnCloud && state.flavor === 'cloud') {
    if (state.cloudV1Content === 'gone' || gateway)
      return sendError(res, 'v1', new ApiError(410, 'GONE', GONE_MESSAGE));
    res.setHeader('Deprecation', DEPRECATION_DATE);
  }

  let body: Promise<Buffer> | undefined;
  const ctx: RequestContext = {
    req,
    res,
    method,
    path,
    query: url.searchParams,
    params: match.params,
    store: state.store(),
    flavor: state.flavor,
    origin: `http://127.0.0.1:${(req.socket.localPort ?? 0).toString()}`,
    user,
    body: () => (body ??= readBody(req, state.maxBodyBytes)),
  };
  try {
    await match.route.handler(ctx);
  } catch (error) {
    if (error instanceof ApiError) return sendError(res, match.route.style, error);
    console.error(
      `emulator: ${method} ${match.route.template} failed: ${error instanceof Error ? error.stack : String(error)}`,
    );
    sendError(res, match.route.style, new ApiError(500, 'INTERNAL_SERVER_ERROR', 'Internal Server Error'));
  }
}

export function createEmulatorServer(state: ServerState): Server {
  const server = createServer((req, res) => {
    handle(state, req, res).catch((error: unknown) => {
      console.error(`emulator: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal Server Error' });
    });
  });
  server.keepAliveTimeout = 5_000;
  return server;
}
