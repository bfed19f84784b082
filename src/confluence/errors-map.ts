/**
 * Turns what went wrong on the wire into a SyncError a person can act on. Messages name the
 * request and the Confluence message, never headers, tokens or bodies we sent.
 */
import { SyncError, type ErrorCode } from '../errors.js';
import { errorBodySchema } from './schemas.js';
import type { Flavor } from './types.js';

/** Who we are talking as, for messages (never the token). */
export interface Identity {
  username: string | undefined;
  host: string;
  /** Known when the client was made for a flavour: it decides which credentials the messages talk about. */
  flavor?: Flavor | undefined;
}

export interface FailureContext {
  method: string;
  /** Path without query, e.g. /wiki/api/v2/pages/123. */
  path: string;
  /** What the request was about, e.g. "page 123" or "space DOCS". */
  subject?: string;
  identity: Identity;
}

/** A SyncError from one request, with what the retry logic above the transport needs to know. */
export class RequestError extends SyncError {
  /** The write may or may not have reached Confluence (reset, timeout, 5xx on a non-idempotent call). */
  readonly ambiguous: boolean;
  /** An earlier attempt of the same call failed ambiguously before this answer arrived. */
  readonly afterAmbiguousRetry: boolean;
  /** Confluence's own message, when it sent one. */
  readonly confluenceMessage: string | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: {
      hint?: string;
      status?: number;
      ambiguous?: boolean;
      afterAmbiguousRetry?: boolean;
      confluenceMessage?: string;
      cause?: unknown;
    },
  ) {
    super(code, message, { hint: options.hint, status: options.status, cause: options.cause });
    this.ambiguous = options.ambiguous ?? false;
    this.afterAmbiguousRetry = options.afterAmbiguousRetry ?? false;
    this.confluenceMessage = options.confluenceMessage;
  }
}

export function isRequestError(e: unknown): e is RequestError {
  return e instanceof RequestError;
}

const MAX_MESSAGE = 300;

/** Confluence's message from a v2 `{errors:[{title}]}`, v1 `{message}` or plain-text error body. */
export function extractConfluenceMessage(bodyText: string): string | undefined {
  const text = bodyText.trim();
  if (text === '') return undefined;
  let message: string | undefined;
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(text));
    if (parsed.success) {
      const body = parsed.data;
      message =
        'errors' in body ? (body.errors[0]?.title ?? body.errors[0]?.detail ?? undefined) : body.message;
    }
  } catch {
    // not JSON: HTML error pages are noise, plain text is Confluence speaking
    if (!text.startsWith('<')) message = text;
  }
  if (message === undefined) return undefined;
  const oneLine = message.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_MESSAGE ? `${oneLine.slice(0, MAX_MESSAGE)}…` : oneLine;
}

/** "Current Version: [5]" (v2) or "Current version is: 5" (v1). */
export function currentVersionFrom(message: string | undefined): number | undefined {
  const match = message?.match(/current version(?: is)?:?\s*\[?(\d+)\]?/i);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

export function isDuplicateTitle(message: string | undefined): boolean {
  return (
    message !== undefined &&
    /already exists with the (same )?title|page with this title already exists/i.test(message)
  );
}

/** "ci@example.com at host:port", or what token was sent without a user name. */
export function who(identity: Identity): string {
  if (identity.username) return `${identity.username} at ${identity.host}`;
  return identity.flavor === 'cloud'
    ? `the API token without a user name at ${identity.host}`
    : `the personal access token at ${identity.host}`;
}

function authHint(identity: Identity): string {
  if (identity.username) {
    return identity.flavor === 'datacenter'
      ? 'Check CONFLUENCE_USERNAME/CONFLUENCE_API_TOKEN (Data Center: your user name and password or personal access token; for a personal access token leave CONFLUENCE_USERNAME unset).'
      : 'Check CONFLUENCE_USERNAME/CONFLUENCE_API_TOKEN: Cloud needs the account e-mail and an API token from id.atlassian.com (not the password).';
  }
  return identity.flavor === 'cloud'
    ? 'Confluence Cloud needs CONFLUENCE_USERNAME (the Atlassian account e-mail) together with CONFLUENCE_API_TOKEN (an API token from id.atlassian.com).'
    : 'Check CONFLUENCE_API_TOKEN: Data Center needs a personal access token (Profile → Personal Access Tokens); Cloud also needs CONFLUENCE_USERNAME.';
}

function subjectOf(ctx: FailureContext): string {
  return ctx.subject ?? `${ctx.method} ${ctx.path}`;
}

/** An HTTP answer that is not 2xx and will not be retried (any more). */
export function mapHttpStatus(
  status: number,
  bodyText: string,
  ctx: FailureContext,
  extra: { afterAmbiguousRetry?: boolean; ambiguous?: boolean; attempts?: number } = {},
): RequestError {
  const confluenceMessage = extractConfluenceMessage(bodyText);
  const said = confluenceMessage ? `: ${confluenceMessage}` : '';
  const base = {
    status,
    confluenceMessage,
    afterAmbiguousRetry: extra.afterAmbiguousRetry,
    ambiguous: extra.ambiguous,
  };
  const subject = subjectOf(ctx);
  const attempts = extra.attempts ?? 1;

  if (status === 401) {
    return new RequestError('CS-001', `Confluence rejected the credentials for ${who(ctx.identity)} (401).`, {
      ...base,
      hint: authHint(ctx.identity),
    });
  }
  if (status === 403) {
    return new RequestError(
      'CS-004',
      `Confluence refused ${subject} for ${who(ctx.identity)} (403)${said}.`,
      {
        ...base,
        hint: 'Give this user permission to view and edit the space (Space settings → Permissions), or use an account that has it.',
      },
    );
  }
  if (status === 404) {
    const what = ctx.subject ? capitalise(ctx.subject) : `${ctx.method} ${ctx.path}`;
    return new RequestError('CS-003', `${what} not found or not visible to ${who(ctx.identity)} (404).`, {
      ...base,
      hint: 'Check the space key / page id in the configuration and that this user may view it.',
    });
  }
  if (status === 409) {
    const current = currentVersionFrom(confluenceMessage);
    const now = current === undefined ? '' : ` (it is now at version ${current})`;
    return new RequestError(
      'CS-005',
      `${capitalise(subject)} changed in Confluence since it was last read${now}.`,
      {
        ...base,
        hint: 'Run a pull (or sync) to bring in the Confluence edit, resolve any conflict, then push again.',
      },
    );
  }
  if (status === 400 && isDuplicateTitle(confluenceMessage)) {
    return new RequestError(
      'CS-010',
      `Confluence refused ${subject}: a page with this title already exists in the space.`,
      {
        ...base,
        hint: 'Titles are unique per space (ignoring case): rename the document (front matter `title`) or the existing page.',
      },
    );
  }
  if (status === 413) {
    return new RequestError(
      'CS-006',
      `Confluence refused ${subject}: the request is too large (413)${said}.`,
      {
        ...base,
        hint: 'Confluence accepts at most about 5 MB per request: split the page or shrink the attachment.',
      },
    );
  }
  if (status === 429) {
    return new RequestError(
      'CS-007',
      `Confluence kept rate limiting ${subject} (429 after ${attempts} attempts).`,
      {
        ...base,
        hint: 'Wait a few minutes and run again, or lower concurrentOperations; the run resumes where it stopped.',
      },
    );
  }
  if (status >= 500) {
    return new RequestError(
      'CS-008',
      `Confluence failed on ${subject} with ${status} (${attempts} attempts)${said}.`,
      {
        ...base,
        hint: 'Confluence is failing or overloaded: check its status page and run again later; the run resumes where it stopped.',
      },
    );
  }
  if (status === 410) {
    return new RequestError('CS-006', `Confluence no longer offers ${ctx.method} ${ctx.path} (410)${said}.`, {
      ...base,
      hint: 'This site removed a deprecated REST v1 call; use an API token with Basic auth on the site URL, or report it.',
    });
  }
  return new RequestError('CS-006', `Confluence refused ${subject} (${status})${said}.`, {
    ...base,
    hint:
      status === 400
        ? 'Fix what Confluence names above (for "Error parsing xhtml" the page body is not valid storage format), then run again.'
        : 'Check the request Confluence names above; rerun with --verbose to see the calls made.',
  });
}

export type NetworkKind = 'timeout' | 'reset' | 'refused' | 'dns' | 'unknown';

export function mapNetworkFailure(
  kind: NetworkKind,
  detail: string,
  ctx: FailureContext,
  extra: {
    afterAmbiguousRetry?: boolean;
    ambiguous?: boolean;
    attempts?: number;
    timeoutMs?: number;
    cause?: unknown;
  },
): RequestError {
  const attempts = extra.attempts ?? 1;
  const how =
    kind === 'timeout'
      ? `did not answer within ${Math.round((extra.timeoutMs ?? 0) / 1000)} s`
      : kind === 'dns'
        ? `could not be found (${detail})`
        : `could not be reached (${detail})`;
  return new RequestError(
    'CS-002',
    `Confluence at ${ctx.identity.host} ${how} for ${subjectOf(ctx)} (${attempts} attempts).`,
    {
      ambiguous: extra.ambiguous,
      afterAmbiguousRetry: extra.afterAmbiguousRetry,
      cause: extra.cause,
      hint:
        kind === 'dns'
          ? 'Check confluenceUrl: the host name does not resolve.'
          : 'Check confluenceUrl, your network or proxy, and that Confluence is up; the run resumes where it stopped.',
    },
  );
}

export function badResponse(ctx: FailureContext, problem: string): RequestError {
  return new RequestError(
    'CS-012',
    `Confluence answered ${ctx.method} ${ctx.path} with an unexpected shape (${problem}).`,
    {
      hint: 'Check that confluenceUrl points at Confluence (Cloud: https://SITE.atlassian.net/wiki) and the flavour is right; if it does, report this.',
    },
  );
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
