/**
 * Every failure a user can cause ends in one SyncError: a stable code, one line saying what is
 * wrong, and one saying what to do. The table below is the single source of the codes; the
 * README's error table is generated from the same list (test/unit/errors-doc.test.ts keeps them equal).
 */
export const ERROR_CODES = {
  'CS-001': { name: 'auth', summary: 'Confluence rejected the credentials (401).' },
  'CS-002': { name: 'network', summary: 'Confluence could not be reached (DNS, refused, reset, timeout).' },
  'CS-003': { name: 'not-found', summary: 'A space, page or attachment does not exist (or is not visible).' },
  'CS-004': { name: 'permission', summary: 'The user may read but not write here (403).' },
  'CS-005': {
    name: 'conflict',
    summary: 'The page changed in Confluence since it was read (stale version, 409).',
  },
  'CS-006': { name: 'invalid-content', summary: 'Confluence refused the page body or request (400/413).' },
  'CS-007': { name: 'rate-limited', summary: 'Confluence kept answering 429 after all retries.' },
  'CS-008': { name: 'server', summary: 'Confluence kept failing with 5xx after all retries.' },
  'CS-009': {
    name: 'insecure-url',
    summary: 'The Confluence URL is not https (only loopback may use http).',
  },
  'CS-010': { name: 'title-taken', summary: 'A page with this title already exists in the space.' },
  'CS-011': {
    name: 'circuit-open',
    summary: 'Too many consecutive failures; the run stopped talking to Confluence.',
  },
  'CS-012': {
    name: 'bad-response',
    summary: 'Confluence answered with something that is not the expected shape.',
  },
  'CS-013': {
    name: 'folder-title-taken',
    summary: 'A folder with this title already exists in the space (folder titles are unique among folders).',
  },
  'CS-014': {
    name: 'no-folders',
    summary: 'This Confluence has no folders (Data Center, or a Cloud site without the folders API).',
  },
  'CS-020': { name: 'config-invalid', summary: 'The configuration has a wrong, missing or unknown key.' },
  'CS-021': { name: 'config-yaml', summary: 'The configuration file is not valid YAML.' },
  'CS-022': { name: 'config-secret', summary: 'A required secret (token, username) is missing.' },
  'CS-023': {
    name: 'config-file',
    summary: 'The configuration file, or the docs folder it names (localRoot), cannot be read.',
  },
  'CS-024': {
    name: 'docs-unreadable',
    summary: 'A folder or file under the docs folder cannot be read; the run stopped before any write.',
  },
  'CS-025': {
    name: 'redirect-refused',
    summary: 'Confluence redirected a request to another host; it was not followed.',
  },
  'CS-030': { name: 'manifest-corrupt', summary: 'The manifest file is not valid JSON or not a manifest.' },
  'CS-031': { name: 'manifest-version', summary: 'The manifest was written by a newer confluence-sync.' },
  'CS-032': {
    name: 'manifest-mismatch',
    summary: 'The manifest belongs to another Confluence site or space.',
  },
  'CS-035': {
    name: 'not-confirmed-gone',
    summary: 'A page missing from the listing could not be confirmed deleted by its id; nothing was removed.',
  },
  'CS-040': { name: 'duplicate-title', summary: 'Two local files would become pages with the same title.' },
  'CS-041': { name: 'unsafe-path', summary: 'A path leaves the docs folder (symlink, `..`, absolute path).' },
  'CS-042': { name: 'bad-file', summary: 'A local file is not readable UTF-8 text.' },
  'CS-043': { name: 'unresolved-conflicts', summary: 'The run finished but some pages are in conflict.' },
  'CS-044': {
    name: 'bad-title',
    summary: 'A title Confluence cannot hold (empty, control characters, over 255 characters).',
  },
  'CS-045': {
    name: 'bad-markdown',
    summary: 'A Markdown file cannot be converted (invalid front matter, a broken carry-through marker).',
  },
  'CS-046': {
    name: 'too-deep',
    summary:
      'A document nests deeper than confluence-sync converts (lists, quotes, elements), or a paragraph holds more emphasis markers than it parses.',
  },
  'CS-047': {
    name: 'front-matter-limit',
    summary: 'Front matter is too large, too deep or expands too many YAML aliases.',
  },
  'CS-048': {
    name: 'refused-file',
    summary: 'An image or attachment path is excluded, hidden (a dot-folder) or outside the docs folder.',
  },
  'CS-049': {
    name: 'mass-delete',
    summary: 'The run would delete or detach most tracked pages; refused without --allow-mass-delete.',
  },
  'CS-050': { name: 'github', summary: 'A GitHub API or git operation failed.' },
  'CS-051': { name: 'action-input', summary: 'An action input has an invalid value.' },
  'CS-060': {
    name: 'init-exists',
    summary: '`init` would overwrite an existing configuration file (use --force).',
  },
  'CS-061': {
    name: 'init-input',
    summary: '`init` is missing a value it cannot ask for (no terminal): pass it as a flag.',
  },
  'CS-062': { name: 'path-unmatched', summary: 'A path given on the command line matches no document.' },
  'CS-099': { name: 'internal', summary: 'An unexpected error (a bug): please report it.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface SyncErrorOptions {
  /** What the user should do about it, one sentence. */
  hint?: string;
  /** HTTP status, when the error came from Confluence. */
  status?: number;
  cause?: unknown;
}

export class SyncError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly status: number | undefined;

  constructor(code: ErrorCode, message: string, options: SyncErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SyncError';
    this.code = code;
    this.hint = options.hint;
    this.status = options.status;
  }

  /** The one line a person reads: `CS-001 Confluence rejected … — Check CONFLUENCE_API_TOKEN.` */
  toLine(): string {
    return `${this.code} ${this.message}${this.hint ? ` — ${this.hint}` : ''}`;
  }
}

export function isSyncError(e: unknown): e is SyncError {
  return e instanceof SyncError;
}

/** Wraps anything thrown into a SyncError (unknown errors become CS-099). */
export function toSyncError(e: unknown): SyncError {
  if (isSyncError(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new SyncError('CS-099', message, {
    hint: 'This is a bug in confluence-sync; rerun with --verbose and report it.',
    cause: e,
  });
}
