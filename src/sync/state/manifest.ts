/**
 * `.confluence-sync.json`: the last synced state of every page (the three-way merge base).
 * Loaded through zod, migrated forward by schema version, never silently discarded, and written
 * atomically (temp file in the same folder + fsync + rename) with a stable key order so git diffs stay small.
 */
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
  open,
  rename,
  rm,
} from './docs-fs.js';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { SyncError } from '../../errors.js';
import { MANIFEST_SCHEMA_VERSION, type DetachedPage, type Manifest, type ManifestPage } from '../types.js';

const RESTORE_HINT = 'Restore it from git or delete it to start over (pages will be re-linked by title).';

/** Keys that would reach an object's prototype: never a page id, attachment name or anything else. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A path the manifest may hold: relative POSIX under localRoot, no empty, "." or ".." segment, no
 * leading "/", no backslash or NUL; a trailing "/" marks a folder page without index file.
 */
export function isSafeLocalPath(path: string): boolean {
  if (path === '' || path.startsWith('/') || /[\\\u0000]/.test(path)) return false;
  const body = path.endsWith('/') ? path.slice(0, -1) : path;
  // A leading dot covers ".", ".." and hidden files and folders (.git): never synced, never named by the tool.
  return body.split('/').every((part) => part !== '' && !part.startsWith('.'));
}

const localPath = z.string().refine(isSafeLocalPath, {
  message:
    'not a relative path inside the docs folder (no "..", ".", hidden parts such as .git, empty parts, leading "/", "\\" or NUL)',
});

const attachmentSchema = z.object({
  id: z.string(),
  hash: z.string(),
  version: z.number().int().nonnegative(),
  localPath,
});

const pageV1 = z.object({
  id: z.string().min(1),
  spaceKey: z.string().optional(),
  title: z.string(),
  version: z.number().int().nonnegative(),
  parentId: z.string().nullable(),
  lastModified: z.string(),
  localPath,
  contentHash: z.string(),
  status: z.enum(['synced', 'modified', 'conflicted']),
});

const pageV2 = pageV1.extend({
  spaceKey: z.string(),
  labels: z.array(z.string()),
  attachments: z.record(z.string(), attachmentSchema),
});

const manifestV1 = z.object({
  version: z.literal(1),
  confluenceUrl: z.string(),
  lastSyncTime: z.string().nullable(),
  pages: z.record(z.string(), pageV1),
});

const manifestV2 = z.object({
  version: z.literal(2),
  confluenceUrl: z.string(),
  spaceKey: z.string(),
  rootPageId: z.string(),
  lastSyncTime: z.string().nullable(),
  pages: z.record(z.string(), pageV2),
});

const detachedSchema = z.object({
  title: z.string(),
  localPath,
  at: z.string(),
});

const manifestV3 = manifestV2.extend({
  version: z.literal(3),
  detached: z.record(z.string(), detachedSchema),
});

/** Schema 4: folder records (`kind: folder`), and the hash of the remote body as last written or read. */
const pageV4 = pageV2.extend({
  kind: z.literal('folder').optional(),
  remoteHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});

const manifestV4 = manifestV3.extend({
  version: z.literal(4),
  hashForm: z.number().int().min(1).max(1_000_000).optional(),
  pages: z.record(z.string(), pageV4),
});

export interface ManifestExpectation {
  confluenceUrl: string;
  spaceKey: string;
}

export function emptyManifest(confluenceUrl: string, spaceKey: string, rootPageId = ''): Manifest {
  return {
    version: MANIFEST_SCHEMA_VERSION,
    confluenceUrl,
    spaceKey,
    rootPageId,
    lastSyncTime: null,
    pages: Object.create(null) as Manifest['pages'],
    detached: Object.create(null) as NonNullable<Manifest['detached']>,
  };
}

/** A copy of a map without a prototype: no key (whatever a file says) reaches Object.prototype. */
export function prototypeFree<T>(record: Record<string, T>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const key of Object.keys(record)) out[key] = record[key]!;
  return out;
}

/** The first reserved key in the maps of a raw manifest ("pages.__proto__"), if any. */
function reservedKeyIn(raw: unknown): string | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const record = raw as Record<string, unknown>;
  const maps: [string, unknown][] = [
    ['pages', record.pages],
    ['detached', record.detached],
  ];
  if (record.pages !== null && typeof record.pages === 'object')
    for (const [id, page] of Object.entries(record.pages as Record<string, unknown>))
      if (page !== null && typeof page === 'object')
        maps.push([`pages.${id}.attachments`, (page as Record<string, unknown>).attachments]);
  for (const [where, map] of maps) {
    if (map === null || typeof map !== 'object') continue;
    for (const key of Object.keys(map)) if (RESERVED_KEYS.has(key)) return `${where}.${key}`;
  }
  return undefined;
}

/** Every map of a parsed manifest without a prototype. */
function withoutPrototypes(manifest: Manifest): Manifest {
  const pages = Object.create(null) as Manifest['pages'];
  for (const [id, page] of Object.entries(manifest.pages))
    pages[id] = { ...page, attachments: prototypeFree(page.attachments) };
  return { ...manifest, pages, detached: prototypeFree(manifest.detached ?? {}) };
}

/** A missing file is an empty manifest; anything unreadable or foreign stops the run with a clear error. */
export function loadManifest(absPath: string, expect: ManifestExpectation): Manifest {
  const name = basename(absPath);
  let text: string;
  try {
    text = readFileSync(absPath, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      return emptyManifest(expect.confluenceUrl, expect.spaceKey);
    throw new SyncError(
      'CS-030',
      `The manifest ${name} cannot be read (${(e as NodeJS.ErrnoException).code}).`,
      {
        hint: RESTORE_HINT,
        cause: e,
      },
    );
  }

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new SyncError('CS-030', `The manifest ${name} is not valid JSON (truncated or edited by hand?).`, {
      hint: RESTORE_HINT,
      cause: e,
    });
  }

  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && Number.isInteger(version) && version > MANIFEST_SCHEMA_VERSION) {
    throw new SyncError(
      'CS-031',
      `The manifest ${name} has schema version ${version}; this confluence-sync reads up to ${MANIFEST_SCHEMA_VERSION}.`,
      { hint: 'Upgrade confluence-sync (the manifest was written by a newer release).' },
    );
  }

  const reserved = reservedKeyIn(raw);
  if (reserved !== undefined) {
    throw new SyncError(
      'CS-030',
      `The manifest ${name} has an entry named ${reserved}, which no manifest holds.`,
      {
        hint: RESTORE_HINT,
      },
    );
  }
  const manifest = withoutPrototypes(migrate(raw, name, expect.spaceKey));
  const clash = pathClash(manifest);
  if (clash !== undefined)
    throw new SyncError('CS-030', `The manifest ${name} ${clash}, which no run writes.`, {
      hint: RESTORE_HINT,
    });
  if (!sameUrl(manifest.confluenceUrl, expect.confluenceUrl) || manifest.spaceKey !== expect.spaceKey) {
    throw new SyncError(
      'CS-032',
      `The manifest ${name} belongs to ${manifest.confluenceUrl} space ${manifest.spaceKey}, but the config says ${expect.confluenceUrl} space ${expect.spaceKey}.`,
      {
        hint: 'Use a different manifestPath for this profile, or delete the manifest to link this site from scratch.',
      },
    );
  }
  return manifest;
}

/**
 * Two records that name one file: two pages (the push would write one page's text over the other), or
 * an attachment that is a page's Markdown file (a pull would overwrite it with the attachment's bytes).
 * Paths that differ only in Unicode normalisation are one file on macOS.
 */
function pathClash(manifest: Manifest): string | undefined {
  const key = (path: string) => path.normalize('NFC');
  const pages = new Map<string, string>();
  for (const [id, page] of Object.entries(manifest.pages)) {
    const other = pages.get(key(page.localPath));
    if (other !== undefined)
      return `gives pages ${other} and ${id} the same file, ${JSON.stringify(page.localPath)}`;
    pages.set(key(page.localPath), id);
  }
  for (const [id, page] of Object.entries(manifest.pages))
    for (const [file, attachment] of Object.entries(page.attachments)) {
      const owner = pages.get(key(attachment.localPath));
      if (owner !== undefined)
        return `makes attachment ${JSON.stringify(file)} of page ${id} the file of page ${owner}, ${JSON.stringify(attachment.localPath)}`;
    }
  return undefined;
}

function migrate(raw: unknown, name: string, spaceKey: string): Manifest {
  const v4 = manifestV4.safeParse(raw);
  if (v4.success) return v4.data as Manifest;
  // Schema 3 had no folders (every record is a page) and no remote body hashes (the next read or write records one).
  const v3 = manifestV3.safeParse(raw);
  if (v3.success) return { ...v3.data, version: MANIFEST_SCHEMA_VERSION } as Manifest;
  // Schema 2 had no detached pages (its keep forgot them).
  const v2 = manifestV2.safeParse(raw);
  if (v2.success) return { ...v2.data, version: MANIFEST_SCHEMA_VERSION, detached: {} } as Manifest;
  const v1 = manifestV1.safeParse(raw);
  if (v1.success) {
    const pages: Record<string, ManifestPage> = {};
    for (const [id, page] of Object.entries(v1.data.pages)) {
      pages[id] = { ...page, spaceKey: page.spaceKey ?? spaceKey, labels: [], attachments: {} };
    }
    // Schema 1 did not record the root page: apply fills it on the next run.
    const firstSpace = Object.values(v1.data.pages)[0]?.spaceKey ?? spaceKey;
    return {
      ...v1.data,
      version: MANIFEST_SCHEMA_VERSION,
      spaceKey: firstSpace,
      rootPageId: '',
      pages,
      detached: {},
    };
  }
  // Report against the shape of the version the file claims (the current one when it claims none).
  const claimed = (raw as { version?: unknown } | null)?.version;
  const failed = claimed === 3 ? v3 : claimed === 2 ? v2 : claimed === 1 ? v1 : v4;
  const issue = failed.error?.issues[0];
  const where =
    raw === null || typeof raw !== 'object' || Array.isArray(raw)
      ? ' (it is not a JSON object)'
      : !('version' in raw)
        ? ' (it has no "version" field)'
        : issue
          ? ` (${issue.path.map(String).join('.') || 'top level'}: ${issue.message})`
          : '';
  throw new SyncError('CS-030', `The manifest ${name} is not a confluence-sync manifest${where}.`, {
    hint: RESTORE_HINT,
  });
}

function sameUrl(a: string, b: string): boolean {
  const norm = (u: string) => u.replace(/\/+$/, '').toLowerCase();
  return norm(a) === norm(b);
}

/** Atomic: a reader (or a run killed mid-write) sees the old file or the new one, never half of one. */
export function saveManifest(absPath: string, manifest: Manifest): void {
  const text = manifestBytes(manifest);
  const temp = join(dirname(absPath), `.${basename(absPath)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(temp, 'w', 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(temp, absPath);
  removeStaleTemps(absPath);
}

/**
 * The same atomic save without blocking the event loop while the disk syncs, so requests in flight
 * keep completing (and their manifest entries share the next save) during the fsync.
 */
export async function saveManifestAsync(absPath: string, manifest: Manifest): Promise<void> {
  const text = manifestBytes(manifest);
  const temp = join(dirname(absPath), `.${basename(absPath)}.${process.pid}.${Date.now()}.tmp`);
  const handle = await open(temp, 'w', 0o644);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } catch (e) {
    await handle.close();
    await rm(temp, { force: true });
    throw e;
  }
  await handle.close();
  await rename(temp, absPath);
  removeStaleTemps(absPath);
}

const cleaned = new Set<string>();

/**
 * Removes this manifest's temp files left by a run killed mid-save (once per process and path). Only
 * files whose writer process is gone: a run saving at the same moment keeps its own.
 */
export function removeStaleTemps(absPath: string): void {
  if (cleaned.has(absPath)) return;
  cleaned.add(absPath);
  const prefix = `.${basename(absPath)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(absPath));
  } catch {
    return;
  }
  for (const name of names) {
    const pid = name.startsWith(prefix)
      ? /^(\d+)\.\d+\.tmp$/.exec(name.slice(prefix.length))?.[1]
      : undefined;
    if (pid === undefined || processAlive(Number(pid))) continue;
    rmSync(join(dirname(absPath), name), { force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Stable key order: top-level fields as declared, pages, attachments and detached pages sorted by key.
 * The same text as `JSON.stringify(ordered, null, 2)`.
 */
export function serialiseManifest(manifest: Manifest): string {
  return manifestBytes(manifest).toString('utf8');
}

/**
 * The manifest's file content, assembled from one encoded fragment per page: a frozen page
 * (ManifestStore freezes what it records) cannot change, so its fragment is reused by every later
 * save instead of serialising and encoding the whole manifest after each change.
 */
function manifestBytes(manifest: Manifest): Buffer {
  const head = JSON.stringify(
    {
      version: manifest.version,
      confluenceUrl: manifest.confluenceUrl,
      spaceKey: manifest.spaceKey,
      rootPageId: manifest.rootPageId,
      lastSyncTime: manifest.lastSyncTime,
      ...(manifest.hashForm === undefined ? {} : { hashForm: manifest.hashForm }),
    },
    null,
    2,
  );
  // Through an object, like the whole-object stringify this replaces: integer-like keys go first.
  const order = Object.create(null) as Record<string, true>;
  for (const id of Object.keys(manifest.pages).sort(compareIds)) order[id] = true;
  const ids = Object.keys(order);
  const parts: Buffer[] = [Buffer.from(`${head.slice(0, -2)},\n  "pages": {`)];
  ids.forEach((id, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(pageFragment(id, manifest.pages[id]!));
  });
  const detached = Object.create(null) as Record<string, DetachedPage>;
  for (const id of Object.keys(manifest.detached ?? {}).sort(compareIds)) {
    const d = manifest.detached![id]!;
    detached[id] = { title: d.title, localPath: d.localPath, at: d.at };
  }
  const detachedText = indent(JSON.stringify(detached, null, 2), '  ');
  parts.push(Buffer.from(`${ids.length > 0 ? '\n  ' : ''}},\n  "detached": ${detachedText}\n}\n`));
  return Buffer.concat(parts);
}

const COMMA = Buffer.from(',');
const fragments = new WeakMap<ManifestPage, { id: string; bytes: Buffer }>();

/** `\n    "<id>": {…}`: one page as it appears under "pages". */
function pageFragment(id: string, p: ManifestPage): Buffer {
  const cached = fragments.get(p);
  if (cached?.id === id) return cached.bytes;
  const attachments = Object.create(null) as Record<string, unknown>;
  for (const file of Object.keys(p.attachments).sort()) {
    const a = p.attachments[file]!;
    attachments[file] = { id: a.id, hash: a.hash, version: a.version, localPath: a.localPath };
  }
  const ordered = {
    id: p.id,
    spaceKey: p.spaceKey,
    title: p.title,
    version: p.version,
    parentId: p.parentId,
    lastModified: p.lastModified,
    localPath: p.localPath,
    contentHash: p.contentHash,
    remoteHash: p.remoteHash,
    status: p.status,
    labels: [...p.labels].sort(),
    attachments,
    ...(p.kind ? { kind: p.kind } : {}),
  };
  const bytes = Buffer.from(
    `\n    ${JSON.stringify(id)}: ${indent(JSON.stringify(ordered, null, 2), '    ')}`,
  );
  // Only a page frozen all the way down can be cached: once frozen it stays frozen, so it never changes.
  if (isFrozenPage(p)) fragments.set(p, { id, bytes });
  return bytes;
}

/** Frozen all the way down: the page, its labels, its attachments and each attachment. */
export function isFrozenPage(p: ManifestPage): boolean {
  if (!Object.isFrozen(p) || !Object.isFrozen(p.labels) || !Object.isFrozen(p.attachments)) return false;
  for (const name in p.attachments) if (!Object.isFrozen(p.attachments[name])) return false;
  return true;
}

function indent(json: string, by: string): string {
  return json.replace(/\n/g, `\n${by}`);
}

/** Numeric ids in numeric order (JSON keeps insertion order for non-integer-like keys only). */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
