/**
 * What every apply step needs, gathered once per run, and the small helpers they share.
 */
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { SyncError } from '../../errors.js';
import { isRealFileInside, readInside, writeInside } from '../state/docs-fs.js';
import { normalizeStorage, normalizeStorageForm1 } from '../../convert/index.js';
import type { ConflictStrategy, SyncConfig } from '../../config/types.js';
import type { ConfluenceClient, Page, PageSummary, Space, TreeNode } from '../../confluence/types.js';
import type { ManifestStore } from './store.js';
import type { LinkIndex } from './link-context.js';
import type { Change, LocalDoc, Manifest, ManifestPage, SyncMode } from '../types.js';

export interface ApplyEnv {
  client: ConfluenceClient;
  space: Space;
  config: SyncConfig;
  mode: SyncMode;
  strategy: ConflictStrategy;
  rootPageId: string;
  /** Absolute localRoot. */
  rootAbs: string;
  locals: Map<string, LocalDoc>;
  remotes: Map<string, PageSummary>;
  /** Cloud: whiteboards, databases, embeds (and folders) in the listed tree, never written. */
  others?: readonly TreeNode[];
  /** Ids the manifest tracked when the run started (a folder is emptied only by removals of this run). */
  trackedAtStart?: ReadonlySet<string>;
  /** Bodies fetched for this run (remote-bodies.ts), by page id. */
  bodies: Map<string, Page>;
  /** Pages whose body could not be read (remote-bodies.ts): reading one throws this error. */
  unreadable?: Map<string, SyncError>;
  links: LinkIndex;
  store: ManifestStore;
  /** Local files written or removed, relative to cwd. */
  filesChanged: Set<string>;
  /** Folders moved by this run (old → new, with trailing slashes), so later steps find files that moved with them. */
  movedFolders: Map<string, string>;
  log: (line: string) => void;
  /** The run's clock (tests pin it); default the system clock. */
  now?: () => Date;
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** What rendering a page needs of the run: the link index, the docs folder and the config. */
export type RenderEnv = Pick<ApplyEnv, 'links' | 'rootAbs' | 'config'>;

export function absLocal(env: Pick<ApplyEnv, 'rootAbs'>, localPath: string): string {
  return join(env.rootAbs, ...localPath.split('/'));
}

export function cwdRelative(env: ApplyEnv, localPath: string): string {
  return relative(env.config.cwd, absLocal(env, localPath)).split('\\').join('/');
}

/**
 * Whether a file (posix path relative to localRoot) exists and really lives inside localRoot: a
 * symlink to a file elsewhere (an SSH key, /etc/passwd) is never read or uploaded.
 */
export function localFileExists(env: Pick<ApplyEnv, 'rootAbs'>): (path: string) => boolean {
  return (path) => isRealFileInside(env.rootAbs, absLocal(env, path));
}

/** Writes a local file atomically, refusing a folder that is (or goes through) a symlink out of localRoot. */
export async function writeLocal(env: ApplyEnv, localPath: string, data: string | Uint8Array): Promise<void> {
  await writeInside(env.rootAbs, absLocal(env, localPath), localPath, data);
}

/**
 * Whether a file changed on disk since the scan read it (`scannedHash`; undefined = the scan saw no
 * file there): an edit saved during the run. Checked right before a file is written or removed.
 */
export async function changedSinceScan(
  env: ApplyEnv,
  localPath: string,
  scannedHash: string | undefined,
): Promise<boolean> {
  let now: Buffer | undefined;
  try {
    now = await readInside(env.rootAbs, absLocal(env, localPath), localPath);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (now === undefined) return scannedHash !== undefined;
  return scannedHash === undefined || sha256(now) !== scannedHash;
}

/** The change becomes a conflict: the file was edited while the run was going on; nothing is written. */
export function editedDuringRun(env: ApplyEnv, change: Change, localPath: string): void {
  change.outcome = 'conflict';
  change.conflict = {
    strategy: env.strategy,
    detail: `${localPath} changed on disk during the run (or appeared there); it was left as it is. Run again to sync it.`,
  };
}

/** True when this run may write to Confluence / to local files. */
export function pushes(mode: SyncMode): boolean {
  return mode === 'push' || mode === 'sync';
}
export function pulls(mode: SyncMode): boolean {
  return mode === 'pull' || mode === 'sync';
}

/** The page a change's page hangs under: a parent created in this run is found through its path. */
export function resolveParentId(env: ApplyEnv, change: Change): string {
  if (change.parentPath === null) return env.rootPageId;
  if (change.parentPath !== undefined) {
    const parent = env.store.pageByPath(change.parentPath);
    if (parent) return parent.id;
    if (change.parentId) return change.parentId;
    // Reached when the parent's own change is left for a person (a conflict) or skipped by the mode.
    throw new SyncError(
      'CS-043',
      `The parent page of ${change.localPath ?? change.title} (${change.parentPath}) is not in Confluence yet.`,
      { hint: `Resolve or push ${change.parentPath} first, then push again.` },
    );
  }
  return change.parentId ?? env.rootPageId;
}

/** The page's pulled/pushed path as stored in the manifest: a virtual folder pulled with content becomes dir/index.md. */
export function fileForPath(localPath: string): string {
  return localPath.endsWith('/') ? `${localPath}index.md` : localPath;
}

/** The hash recorded next to a page's version: of its storage body in canonical form. */
/** The change message of every page version this tool writes (how a version is known to be its own). */
export const WRITE_MESSAGE = 'confluence-sync';

export function remoteHashOf(storage: string): string {
  return sha256(normalizeStorage(storage));
}

/**
 * Which form of the body `remoteHashOf` hashes. A release that changes what normalizeStorage leaves
 * (the pull strips more editor metadata) bumps it (test/unit/apply/hash-form.test.ts pins it): a hash
 * recorded in another form says nothing about the body, and comparing it would call every such page
 * changed in Confluence. Form 2: a page link whose text is the page's title is the same as the link
 * without a text of its own (both pull as `[Title](page.md)`).
 */
export const REMOTE_HASH_FORM: number = 2;

/**
 * Whether `storage` is the body a recorded hash was taken of: in this release's form, or in form 1,
 * which a manifest keeps for pages untouched since an earlier release (the forms differ only for page
 * links whose text is their title).
 */
export function matchesRecordedHash(storage: string, hash: string): boolean {
  if (remoteHashOf(storage) === hash) return true;
  return storage.includes('<ac:link') && sha256(normalizeStorageForm1(storage)) === hash;
}

/**
 * Forgets body hashes recorded in a form this release cannot compute (a manifest written by a newer
 * release): until the next read or write records one, such a page is checked by who wrote its version
 * (verify-remote.ts). Hashes of earlier forms stay: `matchesRecordedHash` still checks them, so an upgrade
 * raises no false conflict, also for pages last edited by a person. Returns how many were forgotten.
 */
export function forgetStaleHashes(manifest: Manifest): number {
  const form = manifest.hashForm ?? 1;
  if (form === REMOTE_HASH_FORM) return 0;
  let forgotten = 0;
  if (form > REMOTE_HASH_FORM) {
    for (const [id, page] of Object.entries(manifest.pages)) {
      if (page.remoteHash === undefined) continue;
      const { remoteHash: _stale, ...rest } = page;
      manifest.pages[id] = rest;
      forgotten++;
    }
  }
  if (REMOTE_HASH_FORM === 1) delete manifest.hashForm;
  else manifest.hashForm = REMOTE_HASH_FORM;
  return forgotten;
}

/**
 * `remoteBody`: the storage body this run wrote or read at `summary.version` (its hash is recorded);
 * without it, the hash already recorded for the same version is kept.
 */
export function manifestEntry(
  env: ApplyEnv,
  summary: PageSummary,
  fields: Pick<ManifestPage, 'localPath' | 'contentHash' | 'labels' | 'attachments'> &
    Partial<Pick<ManifestPage, 'status'>> & { remoteBody?: string },
): ManifestPage {
  const known = env.store.page(summary.id);
  const remoteHash =
    fields.remoteBody !== undefined
      ? remoteHashOf(fields.remoteBody)
      : known?.version === summary.version
        ? known.remoteHash
        : undefined;
  return {
    ...(remoteHash === undefined ? {} : { remoteHash }),
    id: summary.id,
    spaceKey: env.space.key,
    title: summary.title,
    version: summary.version,
    parentId: summary.parentId,
    lastModified: summary.lastModified,
    status: fields.status ?? 'synced',
    localPath: fields.localPath,
    contentHash: fields.contentHash,
    labels: fields.labels,
    attachments: fields.attachments,
  };
}

export function markApplied(env: ApplyEnv, change: Change, summary: PageSummary): void {
  change.outcome = 'applied';
  change.pageId = summary.id;
  change.toVersion = summary.version;
  change.url = env.client.pageUrl(summary.id, env.space.key);
}
