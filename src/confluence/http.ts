/**
 * The transport under both flavours: ky with its own retry switched off, plus our retry policy
 * (429 honouring Retry-After, backoff with jitter for 5xx and network failures on idempotent
 * calls), a circuit breaker, zod-checked JSON, and one debug line per attempt.
 */
import ky, { TimeoutError } from 'ky';
import type { z } from 'zod';
import { SyncError } from '../errors.js';
import {
  RequestError,
  badResponse,
  mapHttpStatus,
  mapNetworkFailure,
  type FailureContext,
  type Identity,
  type NetworkKind,
} from './errors-map.js';
import type { Credentials, Flavor, TransportEvent } from './types.js';

/** Confluence refuses larger requests with 413 ("at most 5242880 bytes"); better not to send them. */
const MAX_REQUEST_BYTES = 5 * 1024 * 1024;
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface TransportOptions {
  baseUrl: string;
  credentials: Credentials;
  timeoutMs: number;
  retries: number;
  maxRetryDelayMs: number;
  circuitBreakerThreshold: number;
  log?: (line: string) => void;
  /** What a person may want to see while waiting (retries) and what the doctor checks (rate-limit headers). */
  onEvent?: (event: TransportEvent) => void;
  flavor?: Flavor;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface RequestSpec {
  method: HttpMethod;
  /** Relative to the base URL ("/api/v2/pages"), or an absolute URL on the same origin. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  json?: unknown;
  /** Built per attempt so a retry sends a fresh body. */
  form?: () => FormData;
  headers?: Record<string, string>;
  /** Safe to repeat after an ambiguous failure (default: every method but POST). */
  idempotent?: boolean;
  /** What the request is about, for error messages: "page 123", "space DOCS". */
  subject?: string;
  /**
   * A download whose bytes may live on another host (Cloud sends attachment downloads to its media
   * service, api.media.atlassian.com): a redirect there is followed once, without the credentials.
   * Every other request, and a redirect to any other host, is refused (CS-025).
   */
  foreignRedirect?: 'without-credentials';
}

export interface Answer {
  response: Response;
  /** An earlier attempt failed in a way that may have applied the request. */
  afterAmbiguousRetry: boolean;
}

const BACKOFF_BASE_MS = 1000;
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/**
 * Where an attachment download may be redirected: Atlassian's own hosts over https (the media service
 * that serves Cloud downloads). A loopback target only for a site that is itself on loopback (a local
 * emulator or proxy), so a hostile site cannot make the runner fetch its own local services.
 */
export function mediaHostAllowed(target: URL, site: URL): boolean {
  if (LOOPBACK.test(site.hostname)) return LOOPBACK.test(target.hostname);
  return target.protocol === 'https:' && /(^|\.)atlassian\.com$/.test(target.hostname) && target.port === '';
}

const MAX_TIMER_MS = 2_147_483_647;

export function authorizationHeader(credentials: Credentials): string {
  if (credentials.username) {
    return `Basic ${Buffer.from(`${credentials.username}:${credentials.token}`).toString('base64')}`;
  }
  return `Bearer ${credentials.token}`;
}

/** Retry-After (seconds or HTTP-date), else Beta-Retry-After, in ms; undefined when absent or unreadable. */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  for (const name of ['retry-after', 'beta-retry-after']) {
    const value = headers.get(name)?.trim();
    if (!value) continue;
    if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
    const date = Date.parse(value);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  return undefined;
}

function errorCode(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const record = e as { code?: unknown; errors?: unknown[]; cause?: unknown };
  if (typeof record.code === 'string') return record.code;
  if (Array.isArray(record.errors)) {
    for (const inner of record.errors) {
      const code = errorCode(inner);
      if (code) return code;
    }
  }
  return record.cause === undefined || record.cause === e ? undefined : errorCode(record.cause);
}

function classifyNetworkError(e: unknown): { kind: NetworkKind; detail: string } | undefined {
  if (e instanceof TimeoutError) return { kind: 'timeout', detail: 'timeout' };
  if (!(e instanceof TypeError)) return undefined;
  const code = errorCode(e.cause) ?? 'network error';
  if (code === 'ECONNREFUSED' || code === 'EAI_AGAIN') return { kind: 'refused', detail: code };
  if (code === 'ENOTFOUND') return { kind: 'dns', detail: code };
  if (/RESET|SOCKET|EPIPE|CLOSED|ABORT/i.test(code)) return { kind: 'reset', detail: code };
  return { kind: 'unknown', detail: code };
}

/** Frees the connection without reading the body (not awaited: some fetch shims never settle a cancel). */
function discard(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}

export class Transport {
  readonly baseUrl: string;
  readonly identity: Identity;
  private readonly origin: string;
  private readonly basePath: string;
  private readonly auth: string;
  private readonly secrets: string[];
  private readonly sleepFn: (ms: number) => Promise<void>;
  private readonly randomFn: () => number;
  private consecutiveFailures = 0;

  constructor(private readonly options: TransportOptions) {
    const url = new URL(options.baseUrl);
    this.baseUrl = options.baseUrl;
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.identity = { username: options.credentials.username, host: url.host, flavor: options.flavor };
    this.auth = authorizationHeader(options.credentials);
    this.secrets = [options.credentials.token, this.auth.replace(/^\w+ /, '')].filter((s) => s.length >= 4);
    this.sleepFn =
      options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, MAX_TIMER_MS))));
    this.randomFn = options.random ?? Math.random;
  }

  get circuitOpen(): boolean {
    return this.consecutiveFailures >= this.options.circuitBreakerThreshold;
  }

  /** Joins a path or a `_links.next`/download link with the site. `_links.next` on Cloud already starts with /wiki. */
  resolve(pathOrLink: string): URL {
    let url: URL;
    if (/^https?:\/\//i.test(pathOrLink)) {
      url = new URL(pathOrLink);
    } else if (this.basePath.endsWith('/wiki') && pathOrLink.startsWith('/wiki/')) {
      url = new URL(`${this.origin}${this.basePath.slice(0, -'/wiki'.length)}${pathOrLink}`);
    } else if (this.basePath !== '' && pathOrLink.startsWith(`${this.basePath}/`)) {
      url = new URL(`${this.origin}${pathOrLink}`);
    } else {
      url = new URL(`${this.baseUrl}${pathOrLink.startsWith('/') ? '' : '/'}${pathOrLink}`);
    }
    if (url.origin !== this.origin) {
      // Never send the credentials to a host the user did not configure.
      throw badResponse(
        { method: 'GET', path: url.pathname, identity: this.identity },
        `a link points to another host, ${url.host}`,
      );
    }
    return url;
  }

  /** Waits the backoff for the n-th retry (1-based): exponential, capped, with jitter in [50 %, 100 %]. */
  backoffMs(retry: number): number {
    const exponential = Math.min(this.options.maxRetryDelayMs, BACKOFF_BASE_MS * 2 ** (retry - 1));
    return Math.round(exponential * (0.5 + this.randomFn() * 0.5));
  }

  sleep(ms: number): Promise<void> {
    return this.sleepFn(ms);
  }

  get retries(): number {
    return this.options.retries;
  }

  async json<S extends z.ZodType>(spec: RequestSpec, schema: S): Promise<z.infer<S>> {
    const { response } = await this.exchange(spec);
    return this.parse(response, spec, schema);
  }

  /** Like json(), also telling whether an earlier attempt may already have applied the request. */
  async jsonWithRetryInfo<S extends z.ZodType>(
    spec: RequestSpec,
    schema: S,
  ): Promise<{ data: z.infer<S>; afterAmbiguousRetry: boolean }> {
    const { response, afterAmbiguousRetry } = await this.exchange(spec);
    return { data: await this.parse(response, spec, schema), afterAmbiguousRetry };
  }

  async send(spec: RequestSpec): Promise<void> {
    const { response } = await this.exchange(spec);
    discard(response);
  }

  async bytes(spec: RequestSpec): Promise<Uint8Array> {
    const { response } = await this.exchange(spec);
    return new Uint8Array(await response.arrayBuffer());
  }

  private async parse<S extends z.ZodType>(
    response: Response,
    spec: RequestSpec,
    schema: S,
  ): Promise<z.infer<S>> {
    const ctx = this.context(spec, this.resolve(spec.path));
    const text = await response.text();
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw this.redact(
        badResponse(ctx, `not JSON, content-type ${response.headers.get('content-type') ?? 'none'}`),
      );
    }
    const result = schema.safeParse(raw);
    if (!result.success) {
      const issue = result.error.issues[0];
      const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'body';
      throw this.redact(badResponse(ctx, `${where}: ${issue?.message ?? 'invalid'}`));
    }
    return result.data;
  }

  private context(spec: RequestSpec, url: URL): FailureContext {
    return { method: spec.method, path: url.pathname, subject: spec.subject, identity: this.identity };
  }

  private async exchange(spec: RequestSpec): Promise<Answer> {
    const url = this.resolve(spec.path);
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) url.searchParams.append(key, String(value));
    }
    const ctx = this.context(spec, url);
    if (this.circuitOpen) {
      throw new RequestError(
        'CS-011',
        `Stopped calling Confluence after ${this.consecutiveFailures} consecutive failed requests; ${spec.method} ${url.pathname} was not sent.`,
        {
          hint: 'Check that Confluence is up and reachable, then run again; the run resumes where it stopped.',
        },
      );
    }
    const payload = spec.json === undefined ? undefined : JSON.stringify(spec.json);
    if (payload !== undefined && Buffer.byteLength(payload) > MAX_REQUEST_BYTES) {
      throw new RequestError(
        'CS-006',
        `${spec.subject ?? 'The request'} is ${(Buffer.byteLength(payload) / 1_048_576).toFixed(1)} MB; Confluence accepts at most 5 MB a request, so ${spec.method} ${url.pathname} was not sent.`,
        {
          hint: 'Split the document into smaller pages, or move large content (images, data) into attachments.',
        },
      );
    }
    const idempotent = spec.idempotent ?? spec.method !== 'POST';
    const { retries, timeoutMs } = this.options;
    let afterAmbiguousRetry = false;

    for (let attempt = 0; ; attempt++) {
      const started = performance.now();
      const canRetry = attempt < retries;
      let response: Response;
      try {
        response = await this.fetchFollowingRedirects(url, spec, payload, timeoutMs);
      } catch (e) {
        const failure = classifyNetworkError(e);
        if (!failure) throw e;
        this.logLine(spec.method, url, failure.detail, started, attempt);
        const ambiguous = failure.kind !== 'refused' && failure.kind !== 'dns';
        const retryable = failure.kind !== 'dns' && (idempotent || !ambiguous);
        if (retryable && canRetry) {
          afterAmbiguousRetry ||= ambiguous;
          const wait = this.backoffMs(attempt + 1);
          this.emitRetry(spec, url, { reason: 'network', detail: failure.detail }, wait, attempt);
          await this.sleep(wait);
          continue;
        }
        throw this.fail(
          mapNetworkFailure(failure.kind, failure.detail, ctx, {
            ambiguous: ambiguous && !idempotent,
            afterAmbiguousRetry,
            attempts: attempt + 1,
            timeoutMs,
            cause: e,
          }),
        );
      }
      this.logLine(spec.method, url, String(response.status), started, attempt);
      this.emitResponse(spec, url, response);

      if (response.ok) {
        this.consecutiveFailures = 0;
        return { response, afterAmbiguousRetry };
      }
      const status = response.status;
      const transient = status === 429 || status >= 500;
      // A 429 was refused before it was applied, so even a create may repeat it.
      const retryable = status === 429 || (status >= 500 && idempotent);
      if (transient && retryable && canRetry) {
        discard(response);
        afterAmbiguousRetry ||= status >= 500;
        const hinted = retryAfterMs(response.headers);
        const wait = Math.min(
          hinted === undefined ? this.backoffMs(attempt + 1) : hinted,
          this.options.maxRetryDelayMs,
        );
        this.emitRetry(
          spec,
          url,
          { reason: status === 429 ? 'rate-limited' : 'server', status },
          wait,
          attempt,
        );
        await this.sleep(wait);
        continue;
      }
      const bodyText = await response.text().catch(() => '');
      const error = mapHttpStatus(status, bodyText, ctx, {
        afterAmbiguousRetry,
        ambiguous: status >= 500 && !idempotent,
        attempts: attempt + 1,
      });
      if (transient) throw this.fail(error);
      // Confluence answered: the connection is healthy even if the request was wrong.
      this.consecutiveFailures = 0;
      throw this.redact(error);
    }
  }

  /**
   * One attempt, redirects handled by hand: fetch would follow them anywhere. Same-origin redirects of
   * a GET are followed (at most five); a redirect to another origin is refused (CS-025), except for a
   * download that allows it, which is fetched once from there without the credentials.
   */
  private async fetchFollowingRedirects(
    url: URL,
    spec: RequestSpec,
    payload: string | undefined,
    timeoutMs: number,
  ): Promise<Response> {
    let target = url;
    for (let hop = 0; ; hop++) {
      const response = await ky(target, {
        method: spec.method,
        headers: {
          Accept: 'application/json',
          ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...spec.headers,
          Authorization: this.auth,
        },
        body: payload ?? spec.form?.(),
        timeout: timeoutMs,
        retry: 0,
        throwHttpErrors: false,
        redirect: 'manual',
      });
      const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get('location') : null;
      if (location === null) return response;
      discard(response);
      let next: URL;
      try {
        next = new URL(location, target);
      } catch {
        throw this.redirectRefused(spec, target, 'an unreadable location');
      }
      if (next.origin === this.origin) {
        if (spec.method !== 'GET' || hop + 1 >= MAX_REDIRECTS)
          throw this.redirectRefused(spec, target, `${next.pathname} (${hop + 1} redirects)`);
        target = next;
        continue;
      }
      if (
        spec.foreignRedirect !== 'without-credentials' ||
        spec.method !== 'GET' ||
        !mediaHostAllowed(next, new URL(this.origin))
      )
        throw this.redirectRefused(spec, target, `another host, ${next.host}`);
      const foreign = await ky(next, {
        method: 'GET',
        timeout: timeoutMs,
        retry: 0,
        throwHttpErrors: false,
        redirect: 'manual',
      });
      if (REDIRECT_STATUSES.has(foreign.status)) {
        discard(foreign);
        throw this.redirectRefused(spec, target, `${next.host}, which redirected again`);
      }
      return foreign;
    }
  }

  private redirectRefused(spec: RequestSpec, from: URL, to: string): RequestError {
    return new RequestError(
      'CS-025',
      `Confluence redirected ${spec.method} ${from.pathname}${spec.subject ? ` (${spec.subject})` : ''} to ${to}; the redirect was not followed.`,
      {
        hint: 'Check confluenceUrl: use the address the site answers on itself (no proxy or renamed site in between).',
      },
    );
  }

  private fail(error: RequestError): RequestError {
    this.consecutiveFailures += 1;
    return this.redact(error);
  }

  /** Belt and braces: no message leaves the client with the token in it, whatever Confluence echoed. */
  private redact<E extends SyncError>(error: E): E {
    const clean = (s: string) => this.secrets.reduce((text, secret) => text.split(secret).join('***'), s);
    error.message = clean(error.message);
    if (error.hint !== undefined) (error as { hint: string | undefined }).hint = clean(error.hint);
    return error;
  }

  private emitRetry(
    spec: RequestSpec,
    url: URL,
    why: { reason: 'network' | 'rate-limited' | 'server'; status?: number; detail?: string },
    waitMs: number,
    attempt: number,
  ): void {
    this.options.onEvent?.({
      type: 'retry',
      ...why,
      method: spec.method,
      path: url.pathname,
      waitMs,
      nextAttempt: attempt + 2,
      attempts: this.options.retries + 1,
    });
  }

  private emitResponse(spec: RequestSpec, url: URL, response: Response): void {
    if (!this.options.onEvent) return;
    const rateLimit: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (/^(x-)?ratelimit|^retry-after$|^beta-retry-after$/i.test(name))
        rateLimit[name.toLowerCase()] = value;
    });
    this.options.onEvent({
      type: 'response',
      method: spec.method,
      path: url.pathname,
      status: response.status,
      rateLimitHeaders: rateLimit,
    });
  }

  private logLine(method: string, url: URL, outcome: string, started: number, attempt: number): void {
    if (!this.options.log) return;
    const ms = Math.round(performance.now() - started);
    this.options.log(
      `${method} ${url.pathname} ${outcome} ${ms}ms${attempt > 0 ? ` (retry ${attempt})` : ''}`,
    );
  }
}
