/**
 * Plain data shared by scan → plan → apply → report. No behaviour here.
 */
import type { ConflictStrategy, OnLocalDelete } from '../config/types.js';
import type { PageSummary } from '../confluence/types.js';

// ---------------------------------------------------------------- manifest (.confluence-sync.json)

/**
 * 3 added `detached`; an older release would drop it silently (and bring deleted files back), so it must refuse.
 * 4 added folder records (`kind: folder`), which an older release would take for pages, and remote body hashes.
 */
export const MANIFEST_SCHEMA_VERSION = 4;

export type PageStatus = 'synced' | 'modified' | 'conflicted';

export interface ManifestAttachment {
  id: string;
  /** sha256 of the bytes last uploaded or downloaded. */
  hash: string;
  version: number;
  /** Path relative to localRoot. */
  localPath: string;
}

export interface ManifestPage {
  id: string;
  spaceKey: string;
  title: string;
  /** Remote version at the last sync. */
  version: number;
  parentId: string | null;
  lastModified: string;
  /** posix path relative to localRoot; a folder page without index file is "dir/" (trailing slash). */
  localPath: string;
  /** sha256 (hex) of the local file bytes at the last sync. */
  contentHash: string;
  /**
   * sha256 (hex) of the remote storage body at `version`, as this tool last wrote or read it: a body that
   * hashes differently at the same version was changed behind the manifest's back (an edited manifest).
   */
  remoteHash?: string;
  status: PageStatus;
  labels: string[];
  /** Keyed by attachment file name. */
  attachments: Record<string, ManifestAttachment>;
  /**
   * `folder`: a Confluence Cloud folder (localPath "dir/", no body, no labels, version always 1).
   * Absent: a page (including the generated pages earlier versions made for directories).
   */
  kind?: 'folder';
}

/**
 * A page whose file was deleted while onLocalDelete is keep: the page stays in Confluence and is no longer
 * synced. Remembered so a pull does not bring the file back; a new local file with the same title re-links it.
 */
export interface DetachedPage {
  /** The page's title when it was detached. */
  title: string;
  /** Where its file was (relative to localRoot). */
  localPath: string;
  /** ISO time of the run that detached it. */
  at: string;
}

export interface Manifest {
  version: typeof MANIFEST_SCHEMA_VERSION;
  confluenceUrl: string;
  spaceKey: string;
  /** The page the docs tree hangs under (parentPageId or the space home). */
  rootPageId: string;
  lastSyncTime: string | null;
  /** The form of every recorded `remoteHash` (apply/env.ts REMOTE_HASH_FORM); absent: form 1. */
  hashForm?: number;
  pages: Record<string, ManifestPage>;
  /**
   * Pages no longer synced (onLocalDelete keep), by page id: plan ignores them and their subtree (no
   * create-local, no delete). Always present in a loaded manifest; optional for code that builds one.
   */
  detached?: Record<string, DetachedPage>;
}

// ---------------------------------------------------------------- local side

export type LocalDocKind = 'file' | 'folder-index' | 'virtual-folder';

export interface LocalDoc {
  /**
   * posix path relative to localRoot: "guide/setup.md"; a folder's index file "guide/index.md";
   * a folder without index file is "guide/" (kind virtual-folder, no file on disk).
   */
  path: string;
  kind: LocalDocKind;
  /** File text (virtual folders: ""). */
  content: string;
  /** sha256 hex of the file bytes (virtual folders: hash of the sorted child paths). */
  hash: string;
  /** Title from front matter `title`, else first H1, else the file (or folder) name. */
  title: string;
  /** Labels from front matter. */
  labels: string[];
  /** Path of the doc whose page is this doc's parent; null = the root page. */
  parentPath: string | null;
}

// ---------------------------------------------------------------- change set

export type SyncMode = 'status' | 'pull' | 'push' | 'sync' | 'check';

/** How one side changed since the manifest. "new" = not in the manifest; "deleted" = in the manifest, gone now. */
export type SideState = 'unchanged' | 'changed' | 'new' | 'deleted' | 'absent';

export type ChangeKind =
  | 'create-remote'
  | 'update-remote'
  | 'move-remote' // parent and/or title changed because the file moved or its title changed (content may change too)
  | 'delete-remote' // onLocalDelete: delete (trash)
  | 'archive-remote' // onLocalDelete: archive
  | 'keep-remote' // onLocalDelete: keep — the page stays, the manifest records it as detached, reported once
  | 'create-local'
  | 'update-local'
  | 'move-local' // the page moved or was renamed in Confluence: the file moves (content may change too)
  | 'delete-local'
  | 'merge' // both sides changed, strategy merge, no overlap: written both ways
  | 'adopt' // new on both sides with the same title: apply compares bodies and links them (no duplicate page)
  | 'conflict'; // both sides changed (or changed vs deleted) and the strategy leaves it to a person

export type ChangeOutcome = 'planned' | 'applied' | 'skipped' | 'failed' | 'conflict';

export interface Change {
  kind: ChangeKind;
  /** Absent only for create-remote before it is applied. */
  pageId?: string;
  title: string;
  /** Local path (relative to localRoot) after the change. */
  localPath?: string;
  /** For moves: where it was before. */
  previousPath?: string;
  previousTitle?: string;
  /** Remote parent after the change (null = root page). */
  parentId?: string | null;
  local: SideState;
  remote: SideState;
  /** One sentence for people: why this change. */
  reason: string;
  /** Set by apply (planned before). */
  outcome: ChangeOutcome;
  /** Conflicts: which strategy applied and what was done (e.g. "markers written to the file"). */
  conflict?: { strategy: ConflictStrategy; detail: string };
  error?: { code: string; message: string };
  /** Browser URL of the page (when it exists). */
  url?: string;
  /** Remote version before → after. Planned: fromVersion = the version listed now (the base for a write). */
  fromVersion?: number;
  toVersion?: number;
  /**
   * Local path (relative to localRoot) of the doc whose page is this page's parent; null = the root page.
   * apply creates parents first and resolves a parent created in the same run through this path.
   */
  parentPath?: string | null;
  /** The remote version recorded in the manifest (the merge base for 'merge' / 'conflict'). */
  baseVersion?: number;
  /** sha256 of the local file as scanned now (what the manifest records after a push). */
  localHash?: string;
  /** The local doc's kind (virtual folders have no file: apply writes a generated body). */
  docKind?: LocalDocKind;
  /** Labels from front matter (pushes). */
  labels?: string[];
  /** `folder`: the change is about a Confluence Cloud folder, not a page. */
  nodeKind?: 'folder';
  /**
   * A create that replaces a page id the manifest knew (the other side deleted it and the strategy re-creates):
   * apply drops this id from the manifest.
   */
  replacesPageId?: string;
  /**
   * update-remote only: the page text is unchanged but an attached file (an image) changed on disk;
   * apply uploads the changed files and leaves the page body (and its version) alone.
   */
  attachmentsOnly?: boolean;
  /**
   * update-remote / move-remote, applied: inline comments whose anchor text the push deleted (their
   * markers are gone from the page; Confluence shows them as dangling).
   */
  lostAnchors?: { ref: string; text: string }[];
  /**
   * Files the pushed Markdown refers to that are gone from disk while the page has them as attachments
   * (paths relative to localRoot): the page kept referring to its attachments.
   */
  missingFiles?: string[];
}

export interface ChangeCounts {
  created: number;
  updated: number;
  deleted: number;
  moved: number;
  conflicts: number;
  failed: number;
  unchanged: number;
}

export interface ChangeSet {
  mode: SyncMode;
  dryRun: boolean;
  spaceKey: string;
  confluenceUrl: string;
  startedAt: string;
  durationMs: number;
  changes: Change[];
  /** Pages seen and unchanged on both sides (not listed one by one). */
  unchanged: number;
  /** Things people should know that are not changes (e.g. a symlink skipped by the scan). */
  warnings?: string[];
  /** Attachment files that really moved in this run (unchanged ones are skipped and not counted). */
  attachments?: { uploaded: number; downloaded: number };
  /**
   * Page ids gone on both sides (file and page deleted), and detached pages no longer in the tree: apply drops
   * them from the manifest.
   */
  forget?: string[];
}

// ---------------------------------------------------------------- plan input

/** A listed page, or (Cloud) a folder with `kind: folder` and version 1 (folders are compared by title and parent). */
export type RemoteNode = PageSummary & { kind?: 'folder' };

export interface PlanInput {
  mode: SyncMode;
  strategy: ConflictStrategy;
  onLocalDelete: OnLocalDelete;
  rootPageId: string;
  locals: LocalDoc[];
  manifest: Manifest;
  /** The listed tree under the root (root included): pages, and on Cloud the folders (`kind: folder`). */
  remotes: RemoteNode[];
  /** Cloud: directories without index file are folders (Data Center: generated pages). */
  folders?: boolean;
  /**
   * Manifest pages missing from the listing but confirmed present by id (restricted, under an archived
   * ancestor): left alone this run, never taken for deleted.
   */
  hidden?: ReadonlySet<string>;
  /** When given, only these local paths (and their pages) are considered. */
  paths?: string[];
  /** Paths under localRoot that are not docs (excluded, not included): never a pulled page's path. */
  occupiedPaths?: string[];
  /** Copied into the ChangeSet (plan itself reads no clock). */
  startedAt?: string;
  dryRun?: boolean;
}

// ---------------------------------------------------------------- running

export interface ProgressEvent {
  phase: 'scan' | 'list' | 'fetch' | 'apply';
  done: number;
  total: number;
  message?: string;
}

export interface RunOptions {
  mode: SyncMode;
  dryRun?: boolean;
  /** Limit to these paths (relative to cwd or localRoot). */
  paths?: string[];
  /** Overrides config.conflictStrategy. */
  strategy?: ConflictStrategy;
  /** Let a run delete or detach most of the tracked pages (otherwise CS-049). */
  allowMassDelete?: boolean;
  onProgress?: (event: ProgressEvent) => void;
  /** Debug lines (never secrets, never bodies). */
  log?: (line: string) => void;
}

export interface SyncResult {
  changeSet: ChangeSet;
  /** 0 ok, 1 error, 2 unresolved conflicts. */
  exitCode: 0 | 1 | 2;
  /** Local files written or removed by this run (relative to cwd), for the action to commit. */
  filesChanged: string[];
  /** The manifest path (relative to cwd). */
  manifestPath: string;
}

/** The changes apply acts on: planned ones, and conflicts (which may turn out to be equal sides). */
export function isActionable(change: Change): boolean {
  if (change.outcome === 'planned') return true;
  // A conflict may turn out to be two equal sides (a run that died after its write): apply checks.
  return (
    change.kind === 'conflict' &&
    change.outcome === 'conflict' &&
    !(change.local === 'unchanged' && change.remote === 'unchanged')
  );
}
