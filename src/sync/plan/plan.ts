/**
 * plan: a pure function of (local docs, manifest, remote tree, config) → ChangeSet. No I/O, no clock.
 *
 * 1. Two local files with the same title stop everything (CS-040) before anything is written.
 * 2. Every page the manifest knows is paired with its file (same path; else a new file with the same hash
 *    = moved; else a new file with the same title = moved and edited) and with its page (same id).
 * 3. Each pair goes through the decision table (decide.ts); files and pages new on one side are
 *    created on the other, new on both with the same title are adopted. Detached pages (onLocalDelete keep)
 *    and new pages under them are left alone; a new file with a detached page's title adopts it.
 * 4. The paths filter, then the mode (push skips *-local, pull skips *-remote), then parents-first order.
 */
import { SyncError } from '../../errors.js';
import { decide, type TrackedState } from './decide.js';
import { containingFolder, depth } from './nodes.js';
import { planRemotePaths } from './remote-paths.js';
import type {
  Change,
  ChangeKind,
  ChangeSet,
  LocalDoc,
  ManifestPage,
  PlanInput,
  RemoteNode,
  SideState,
  SyncMode,
} from '../types.js';

export const LOCAL_KINDS: readonly ChangeKind[] = [
  'create-local',
  'update-local',
  'move-local',
  'delete-local',
];
export const REMOTE_KINDS: readonly ChangeKind[] = [
  'create-remote',
  'update-remote',
  'move-remote',
  'delete-remote',
  'archive-remote',
  'keep-remote',
];
const REMOVALS: readonly ChangeKind[] = ['delete-local', 'delete-remote', 'archive-remote', 'keep-remote'];

export function plan(input: PlanInput): ChangeSet {
  assertValidTitles(input.locals, input.manifest);
  const isFolderDoc = folderDocs(input);
  assertUniqueTitles(input.locals, input.manifest, isFolderDoc);
  const known = { ...knownPages(input), isFolderDoc };
  const paired = { ...known, ...pairLocalFiles(input.locals, known) };
  const detached = { ...paired, ...detachedPages(input.manifest, paired) };
  const recreated = { ...detached, ...recreatedPages(detached) };
  const matched = { ...recreated, ...newOnBothSides(input.locals, recreated) };
  const ctx: PlanContext = {
    ...matched,
    ...placeRemotePages(input.locals, matched, input.occupiedPaths ?? []),
  };

  const tracked = planTrackedPages(input, ctx);
  const changes = [...tracked.changes, ...planNewFiles(ctx), ...planNewPages(ctx)];
  return changeSet(input, changes, [...ctx.goneDetached, ...tracked.forget], tracked.unchanged);
}

// ------------------------------------------------------------------ the steps of plan(), in order

/** Step 1: the pages the manifest knows and the remote tree below the root, indexed. */
interface Known {
  /** Cloud: a new directory without index file is a Confluence folder (not a generated page). */
  isFolderDoc: (doc: LocalDoc) => boolean;
  root: string;
  normParent: (id: string | null) => string | null;
  remotes: RemoteNode[];
  remoteById: Map<string, RemoteNode>;
  tracked: ManifestPage[];
  trackedIds: Set<string>;
  recordedPaths: Set<string>;
}

function knownPages(input: PlanInput): Omit<Known, 'isFolderDoc'> {
  const root = input.rootPageId;
  const normParent = (id: string | null): string | null =>
    id === null || id === root || id === '' ? null : id;
  const remotes = input.remotes.filter((r) => r.id !== root);
  const tracked = Object.values(input.manifest.pages).sort((a, b) => compare(a.localPath, b.localPath));
  return {
    root,
    normParent,
    remotes,
    remoteById: new Map(remotes.map((r) => [r.id, r])),
    tracked,
    trackedIds: new Set(tracked.map((m) => m.id)),
    recordedPaths: new Set(tracked.map((m) => m.localPath)),
  };
}

/** Step 2: each known page paired with its local file, if it still has one. */
interface Paired {
  /** manifest page id → its local doc */
  localOf: Map<string, LocalDoc>;
  /** paths of the local docs paired so far */
  claimed: Set<string>;
}

function pairLocalFiles(locals: readonly LocalDoc[], k: Known): Paired {
  // A folder record only ever pairs with a directory without index file; a page never with a new folder
  // directory (a generated page made by an earlier version stays a page: its record ends in "/").
  const fits = (m: ManifestPage, d: LocalDoc): boolean =>
    m.kind === 'folder' ? d.kind === 'virtual-folder' : !k.isFolderDoc(d) || m.localPath.endsWith('/');
  const localByPath = new Map(locals.map((d) => [d.path, d]));
  const localOf = new Map<string, LocalDoc>();
  const claimed = new Set<string>();
  for (const m of k.tracked) {
    const doc = localByPath.get(m.localPath);
    if (doc && fits(m, doc)) {
      localOf.set(m.id, doc);
      claimed.add(doc.path);
    }
  }
  // Files not at any recorded path may be known pages that moved: same bytes first, then the same folder
  // under another kind of page, then the same title (moved and edited).
  const candidates = locals.filter((d) => !claimed.has(d.path) && !k.recordedPaths.has(d.path));
  const passes: {
    key: (d: LocalDoc) => string;
    want: (m: ManifestPage) => string;
    prefer?: typeof preferSameName;
  }[] = [
    { key: (d) => d.hash, want: (m) => m.contentHash, prefer: preferSameName },
    { key: (d) => folderKey(d.path), want: (m) => folderKey(m.localPath) },
    {
      key: (d) => nodeKey(k.isFolderDoc(d) ? 'folder' : undefined, d.title),
      want: (m) => nodeKey(m.kind, m.title),
    },
  ];
  for (const pass of passes) {
    const buckets = new Map<string, LocalDoc[]>();
    for (const d of candidates) {
      const key = pass.key(d);
      const bucket = buckets.get(key);
      if (bucket) bucket.push(d);
      else buckets.set(key, [d]);
    }
    for (const m of k.tracked) {
      if (localOf.has(m.id)) continue;
      const free = (buckets.get(pass.want(m)) ?? []).filter((d) => !claimed.has(d.path) && fits(m, d));
      const doc = pass.prefer ? pass.prefer(m, free) : free[0];
      if (doc) {
        localOf.set(m.id, doc);
        claimed.add(doc.path);
      }
    }
  }
  // A folder whose directory was renamed or moved: it goes where the files that were in it went.
  const trackedById = new Map(k.tracked.map((m) => [m.id, m]));
  const byPath = new Map(candidates.map((d) => [d.path, d]));
  // Again while something pairs: a folder holding only folders follows its subfolders.
  for (let paired = true; paired;) {
    paired = false;
    for (const m of k.tracked) {
      if (m.kind !== 'folder' || localOf.has(m.id)) continue;
      for (const [id, doc] of localOf) {
        const inside = trackedById.get(id);
        if (!inside || containingFolder(inside.localPath) !== m.localPath || doc.parentPath === null)
          continue;
        const dir = byPath.get(doc.parentPath);
        if (dir && !claimed.has(dir.path) && fits(m, dir)) {
          localOf.set(m.id, dir);
          claimed.add(dir.path);
          paired = true;
          break;
        }
      }
    }
  }
  return { localOf, claimed };
}

/**
 * Step 3: detached pages (deleted locally under onLocalDelete keep) and the new pages under them are no
 * longer part of the synced tree: never pulled, never deleted; only a new file with the same title links
 * one again (adopt). A detached page that left the tree is forgotten.
 */
interface Detached {
  detached: NonNullable<PlanInput['manifest']['detached']>;
  detachedIds: Set<string>;
  /** remote pages outside the synced tree (under a detached page) */
  outside: Set<string>;
  goneDetached: string[];
}

function detachedPages(manifest: PlanInput['manifest'], k: Known): Detached {
  const detached = manifest.detached ?? {};
  const detachedIds = new Set(Object.keys(detached).filter((id) => !k.trackedIds.has(id)));
  return {
    detached,
    detachedIds,
    outside: outsideTree(k.remotes, detachedIds, k.trackedIds),
    goneDetached: [...detachedIds].filter((id) => !k.remoteById.has(id)),
  };
}

/** Step 4: a known page deleted and created again in Confluence with the same title is the same document. */
interface Recreated {
  untrackedRemotes: RemoteNode[];
  /** manifest page id → the new page */
  recreated: Map<string, RemoteNode>;
  recreatedIds: Set<string>;
}

function recreatedPages(s: Known & Detached): Recreated {
  const untrackedRemotes = s.remotes.filter((r) => !s.trackedIds.has(r.id) && !s.outside.has(r.id));
  const untrackedByTitle = new Map(untrackedRemotes.map((r) => [nodeKey(r.kind, r.title), r]));
  const recreated = new Map<string, RemoteNode>();
  const recreatedIds = new Set<string>();
  for (const m of s.tracked) {
    if (s.remoteById.has(m.id)) continue;
    // A generated page of an earlier version replaced by hand with a folder of the same title: the same directory.
    const converted = m.kind !== 'folder' && m.localPath.endsWith('/');
    const page =
      untrackedByTitle.get(nodeKey(m.kind, m.title)) ??
      (converted ? untrackedByTitle.get(nodeKey('folder', m.title)) : undefined);
    if (page && !recreatedIds.has(page.id)) {
      recreated.set(m.id, page);
      recreatedIds.add(page.id);
    }
  }
  return { untrackedRemotes, recreated, recreatedIds };
}

/** Step 5: new files, new pages, and the pairs new on both sides with the same title (adopt). */
interface NewOnBothSides {
  newRemotes: RemoteNode[];
  newLocals: LocalDoc[];
  /** page id → doc */
  adopted: Map<string, LocalDoc>;
}

function newOnBothSides(
  locals: readonly LocalDoc[],
  s: Known & Paired & Detached & Recreated,
): NewOnBothSides {
  const newRemotes = s.untrackedRemotes.filter((r) => !s.recreatedIds.has(r.id));
  const newRemoteByTitle = new Map(newRemotes.map((r) => [nodeKey(r.kind, r.title), r]));
  const newLocals = locals.filter((d) => !s.claimed.has(d.path));
  const detachedByTitle = new Map(
    s.remotes.filter((r) => s.detachedIds.has(r.id)).map((r) => [nodeKey(r.kind, r.title), r]),
  );
  const adopted = new Map<string, LocalDoc>();
  for (const doc of newLocals) {
    const key = nodeKey(s.isFolderDoc(doc) ? 'folder' : undefined, doc.title);
    const page = newRemoteByTitle.get(key) ?? detachedByTitle.get(key);
    if (page && !adopted.has(page.id)) adopted.set(page.id, doc);
  }
  return { newRemotes, newLocals, adopted };
}

/** Step 6: where remote pages go locally, and the page id of the doc at a local path. */
interface Placed {
  remotePaths: ReturnType<typeof planRemotePaths>;
  /** page id of the doc at a local path (undefined: the doc's page is created in this run) */
  parentIdOf: (parentPath: string | null) => string | null | undefined;
}

type BeforePlacing = Known & Paired & Detached & Recreated & NewOnBothSides;
type PlanContext = BeforePlacing & Placed;

function placeRemotePages(
  locals: readonly LocalDoc[],
  s: BeforePlacing,
  occupied: readonly string[],
): Placed {
  const currentPath = new Map<string, string>();
  const recordedTitle = new Map<string, string>();
  for (const m of s.tracked) {
    const id = s.recreated.get(m.id)?.id ?? m.id;
    currentPath.set(id, s.localOf.get(m.id)?.path ?? m.localPath);
    recordedTitle.set(id, m.title);
  }
  for (const id of s.detachedIds) {
    // Keeps its place, so tracked pages under it stay where they are.
    currentPath.set(id, s.detached[id]!.localPath);
    recordedTitle.set(id, s.detached[id]!.title);
  }
  for (const [id, doc] of s.adopted) currentPath.set(id, doc.path);
  const remotePaths = planRemotePaths({
    rootPageId: s.root,
    remotes: s.remotes,
    currentPath,
    recordedTitle,
    usedPaths: [...locals.map((d) => d.path), ...s.recordedPaths, ...occupied],
  });

  const pageIdAt = new Map<string, string>();
  for (const [id, doc] of s.localOf) pageIdAt.set(doc.path, id);
  for (const [id, doc] of s.adopted) pageIdAt.set(doc.path, id);
  const parentIdOf = (parentPath: string | null): string | null | undefined =>
    parentPath === null ? null : pageIdAt.get(parentPath);
  return { remotePaths, parentIdOf };
}

/** Step 7: every page the manifest knows, through the decision table. */
function planTrackedPages(
  input: PlanInput,
  ctx: PlanContext,
): { changes: Change[]; forget: string[]; unchanged: number } {
  const changes: Change[] = [];
  const forget: string[] = [];
  let unchanged = 0;
  for (const m of ctx.tracked) {
    const outcome = planTrackedPage(input, ctx, m);
    if (outcome === 'unchanged') unchanged++;
    else if (outcome === 'forget') forget.push(m.id);
    else changes.push(outcome);
  }
  return { changes, forget, unchanged };
}

function planTrackedPage(
  input: PlanInput,
  ctx: PlanContext,
  m: ManifestPage,
): Change | 'unchanged' | 'forget' {
  const { normParent } = ctx;
  // Out of sight (restricted, under an archived ancestor) but there when asked by id: not deleted.
  if (input.hidden?.has(m.id) && !ctx.remoteById.has(m.id)) return 'unchanged';
  const doc = ctx.localOf.get(m.id);
  const again = ctx.recreated.get(m.id);
  const page = ctx.remoteById.get(m.id) ?? again;
  const localMoved = doc !== undefined && doc.path !== m.localPath;
  // A folder has no content: only its place (path → title and parent) can change.
  const local: TrackedState = !doc
    ? 'deleted'
    : (doc.hash !== m.contentHash && m.kind !== 'folder') || localMoved
      ? 'changed'
      : 'unchanged';
  const remoteRenamed =
    page !== undefined && (page.title !== m.title || normParent(page.parentId) !== normParent(m.parentId));
  const remote: TrackedState = !page
    ? 'deleted'
    : again !== undefined || page.version !== m.version || remoteRenamed
      ? 'changed'
      : 'unchanged';
  const here = doc?.path ?? m.localPath;
  const planned = ctx.remotePaths.path.get(page?.id ?? m.id) ?? here;
  const decision = decide({
    local,
    remote,
    strategy: input.strategy,
    onLocalDelete: input.onLocalDelete,
    localMoved,
    remoteMoved: planned !== here,
  });
  if (decision.kind === 'unchanged' || decision.kind === 'forget') return decision.kind;
  const change = trackedChange(decision.kind, decision.resolution, {
    m,
    doc,
    page,
    local,
    remote,
    planned,
    strategy: input.strategy,
    parentIdOf: ctx.parentIdOf,
    normParent,
    remoteParentPath: ctx.remotePaths.parentPath.get(page?.id ?? m.id) ?? null,
    recreated: again !== undefined,
  });
  if (m.kind === 'folder' || page?.kind === 'folder') change.nodeKind = 'folder';
  return change;
}

/** Step 8: files new locally: adopt the page new on both sides, or create one in Confluence. */
function planNewFiles(ctx: PlanContext): Change[] {
  const adoptedBy = new Map([...ctx.adopted].map(([id, doc]) => [doc.path, id]));
  return ctx.newLocals.map((doc): Change => {
    const pageId = adoptedBy.get(doc.path);
    const page = pageId === undefined ? undefined : ctx.remoteById.get(pageId);
    const folder = ctx.isFolderDoc(doc) ? ({ nodeKind: 'folder' } as const) : {};
    if (page) {
      const relink = ctx.detachedIds.has(page.id);
      return {
        ...folder,
        kind: 'adopt',
        pageId: page.id,
        title: doc.title,
        localPath: doc.path,
        parentId: ctx.normParent(page.parentId),
        parentPath: doc.parentPath,
        local: 'new',
        remote: 'new',
        reason: relink
          ? `A new file with the title of page ${page.id}, which stopped syncing when its file was deleted (onLocalDelete keep): apply links them again.`
          : `New on both sides with the same title: apply links the file to page ${page.id} instead of creating a duplicate.`,
        outcome: 'planned',
        fromVersion: page.version,
        localHash: doc.hash,
        docKind: doc.kind,
        labels: doc.labels,
      };
    }
    return {
      ...folder,
      kind: 'create-remote',
      title: doc.title,
      localPath: doc.path,
      parentId: ctx.parentIdOf(doc.parentPath),
      parentPath: doc.parentPath,
      local: 'new',
      remote: 'absent',
      reason: ctx.isFolderDoc(doc)
        ? 'New directory without index file: a folder is created in Confluence.'
        : 'New file: a page is created in Confluence.',
      outcome: 'planned',
      localHash: doc.hash,
      docKind: doc.kind,
      labels: doc.labels,
    };
  });
}

/** Step 9: pages new in Confluence (and not adopted): a file is created. */
function planNewPages(ctx: PlanContext): Change[] {
  return ctx.newRemotes
    .filter((page) => !ctx.adopted.has(page.id))
    .map((page): Change => {
      const path = ctx.remotePaths.path.get(page.id) as string;
      if (page.kind === 'folder') {
        return {
          kind: 'create-local',
          nodeKind: 'folder',
          pageId: page.id,
          title: page.title,
          localPath: path,
          parentId: ctx.normParent(page.parentId),
          parentPath: ctx.remotePaths.parentPath.get(page.id) ?? null,
          local: 'absent',
          remote: 'new',
          reason: 'New folder in Confluence: a directory is created for its pages.',
          outcome: 'planned',
          fromVersion: page.version,
          docKind: 'virtual-folder',
        };
      }
      return {
        kind: 'create-local',
        pageId: page.id,
        title: page.title,
        localPath: path,
        parentId: ctx.normParent(page.parentId),
        parentPath: ctx.remotePaths.parentPath.get(page.id) ?? null,
        local: 'absent',
        remote: 'new',
        reason: 'New page in Confluence: a file is created.',
        outcome: 'planned',
        fromVersion: page.version,
        docKind: path.endsWith('/index.md') ? 'folder-index' : 'file',
      };
    });
}

/** Step 10: the paths filter, then the mode (push skips *-local, pull skips *-remote), then parents-first order. */
function changeSet(input: PlanInput, changes: Change[], forget: string[], unchanged: number): ChangeSet {
  const detached = input.manifest.detached ?? {};
  const filtered =
    input.paths && input.paths.length > 0
      ? withAncestors(
          changes.filter((c) => inPaths(c, input.paths!)),
          changes,
        )
      : changes;
  const forgotten =
    input.paths && input.paths.length > 0
      ? forget.filter((id) =>
          matchesPaths(input.manifest.pages[id]?.localPath ?? detached[id]?.localPath, input.paths!),
        )
      : forget;
  for (const change of filtered) change.outcome = outcomeFor(change.kind, input.mode);

  const result: ChangeSet = {
    mode: input.mode,
    dryRun: input.dryRun ?? false,
    spaceKey: input.manifest.spaceKey,
    confluenceUrl: input.manifest.confluenceUrl,
    startedAt: input.startedAt ?? '',
    durationMs: 0,
    changes: order(filtered),
    unchanged,
  };
  if (forgotten.length > 0) result.forget = forgotten;
  return result;
}

// ------------------------------------------------------------------ building one change

interface TrackedContext {
  m: ManifestPage;
  doc: LocalDoc | undefined;
  page: RemoteNode | undefined;
  local: TrackedState;
  remote: TrackedState;
  planned: string;
  strategy: PlanInput['strategy'];
  parentIdOf: (parentPath: string | null) => string | null | undefined;
  normParent: (id: string | null) => string | null;
  remoteParentPath: string | null;
  /** The page was deleted and created again in Confluence under the same title (a new id). */
  recreated: boolean;
}

function trackedChange(kind: ChangeKind, resolution: string | undefined, ctx: TrackedContext): Change {
  const { m, doc, page, local, remote } = ctx;
  const pushing = REMOTE_KINDS.includes(kind) && kind !== 'keep-remote' && doc !== undefined;
  const pulling = (['update-local', 'move-local', 'create-local'] as ChangeKind[]).includes(kind);
  const here = doc?.path ?? m.localPath;

  const change: Change = {
    kind,
    pageId: m.id,
    title: pulling ? (page?.title ?? m.title) : (doc?.title ?? page?.title ?? m.title),
    localPath: pulling ? ctx.planned : here,
    local: local as SideState,
    remote: remote as SideState,
    reason: reasonFor(kind, ctx),
    outcome: 'planned',
    baseVersion: m.version,
  };
  if (kind === 'move-remote') change.previousPath = m.localPath;
  if (kind === 'move-local') change.previousPath = here;
  if (change.title !== m.title) change.previousTitle = m.title;
  if (pushing && doc) {
    change.parentId = ctx.parentIdOf(doc.parentPath);
    change.parentPath = doc.parentPath;
  } else if (page) {
    change.parentId = ctx.normParent(page.parentId);
    change.parentPath = ctx.remoteParentPath;
  } else {
    change.parentPath = doc?.parentPath ?? null;
  }
  if (page) change.fromVersion = page.version;
  if (doc) {
    change.localHash = doc.hash;
    change.docKind = doc.kind;
    change.labels = doc.labels;
  }
  if (kind === 'create-remote') {
    // The page was deleted in Confluence: a new one (with a new id) replaces it.
    delete change.pageId;
    change.replacesPageId = m.id;
  }
  if (ctx.recreated && page) {
    // The file now belongs to the new page; its history starts there, so there is no merge base.
    change.pageId = page.id;
    change.replacesPageId = m.id;
    delete change.baseVersion;
  }
  if (kind === 'conflict') {
    change.outcome = 'conflict';
    change.conflict = {
      strategy: ctx.strategy,
      detail: resolution
        ? `Strategy ${ctx.strategy}: ${resolution}; nothing was written for this page.`
        : 'Nothing was written for this page: resolve it by hand, or rerun with --strategy local-first, remote-first or merge.',
    };
  } else if (resolution) {
    change.conflict = { strategy: ctx.strategy, detail: resolution };
  }
  return change;
}

function reasonFor(kind: ChangeKind, ctx: TrackedContext): string {
  const { m, page, local, remote, doc } = ctx;
  const versions = page ? `v${m.version} → v${page.version}` : '';
  const remoteWhat = ctx.recreated
    ? `deleted and created again in Confluence (page ${m.id} → ${page?.id})`
    : remote === 'deleted'
      ? 'deleted in Confluence'
      : page && (page.title !== m.title || ctx.normParent(page.parentId) !== ctx.normParent(m.parentId))
        ? `renamed or moved in Confluence (${versions})`
        : `edited in Confluence (${versions})`;
  const localWhat =
    local === 'deleted'
      ? 'deleted locally'
      : doc && doc.path !== m.localPath
        ? `moved locally from ${m.localPath}${doc.hash !== m.contentHash ? ' and edited' : ''}`
        : 'edited locally';
  const both = `${capitalise(localWhat)} and ${remoteWhat}`;
  switch (kind) {
    case 'update-remote':
    case 'move-remote':
      return remote === 'unchanged' ? `${capitalise(localWhat)}.` : `${both}.`;
    case 'update-local':
    case 'move-local':
      if (remote === 'unchanged') return 'Its parent moved in Confluence: the file follows it.';
      return local === 'unchanged' ? `${capitalise(remoteWhat)}.` : `${both}.`;
    case 'delete-local':
      return local === 'unchanged' ? 'Deleted in Confluence; the file had no local edits.' : `${both}.`;
    case 'keep-remote':
      return `${capitalise(localWhat)}; onLocalDelete is keep: the page stays in Confluence and is no longer synced.`;
    case 'archive-remote':
      return `${capitalise(localWhat)}; onLocalDelete is archive: the page is archived.`;
    case 'delete-remote':
      return `${capitalise(localWhat)}; onLocalDelete is delete: the page goes to the trash.`;
    case 'create-remote':
      return `${both}: the page is created again.`;
    case 'create-local':
      return `${both}: the file is restored.`;
    default:
      return `${both}.`;
  }
}

// ------------------------------------------------------------------ helpers

/**
 * Listed pages that are detached, or new (untracked) and below a detached page: not part of the synced tree.
 * A tracked page under a detached one stays synced.
 */
function outsideTree(
  remotes: readonly RemoteNode[],
  detachedIds: ReadonlySet<string>,
  trackedIds: ReadonlySet<string>,
): Set<string> {
  const outside = new Set<string>();
  if (detachedIds.size === 0) return outside;
  const parentOf = new Map(remotes.map((r) => [r.id, r.parentId]));
  for (const r of remotes) {
    if (trackedIds.has(r.id)) continue;
    const seen = new Set<string>();
    for (let id: string | null | undefined = r.id; id && !seen.has(id); id = parentOf.get(id)) {
      seen.add(id);
      if (detachedIds.has(id)) {
        outside.add(r.id);
        break;
      }
    }
  }
  return outside;
}

/** Titles compare as people see them: ignoring case and Unicode normalisation ("Café" NFC = NFD). */
export function titleKey(title: string): string {
  return title.normalize('NFC').toLowerCase();
}

/**
 * Confluence refuses (or silently mangles) these titles: stop before anything is written. A title the page
 * already has in Confluence (pulled as it is) is left alone.
 */
function assertValidTitles(locals: readonly LocalDoc[], manifest: PlanInput['manifest']): void {
  const synced = syncedTitles(manifest);
  for (const doc of locals) {
    if (synced.has(`${doc.path}\u0000${doc.title}`)) continue;
    const problem =
      doc.title.trim() === ''
        ? 'is empty'
        : /[\u0000-\u001f\u007f]/.test(doc.title)
          ? 'contains a control character'
          : [...doc.title].length > 255
            ? `has ${[...doc.title].length} characters (Confluence allows 255)`
            : undefined;
    if (problem) {
      throw new SyncError('CS-044', `The title of ${doc.path} ${problem}.`, {
        hint: 'Change its front matter title: or first # heading (or the file name); nothing was written.',
      });
    }
  }
}

/**
 * Two docs may not share a title (ignoring case and normalisation). Titles that already exist on their own
 * pages are exempt: Confluence holds "Café" and "Cafe\u0301" as two pages, and a pull of both must not block.
 */
function assertUniqueTitles(
  locals: readonly LocalDoc[],
  manifest: PlanInput['manifest'],
  isFolderDoc: (doc: LocalDoc) => boolean,
): void {
  const synced = syncedTitles(manifest);
  const seen = new Map<string, LocalDoc>();
  // Folders do not reserve page titles, but two folders of a space may not share one.
  const folders = new Map<string, LocalDoc>();
  for (const doc of locals.filter(isFolderDoc).sort((a, b) => compare(a.path, b.path))) {
    const other = folders.get(titleKey(doc.title));
    if (other) {
      throw new SyncError(
        'CS-013',
        `${other.path} and ${doc.path} would both become the Confluence folder "${doc.title}" (folder titles are unique per space, ignoring case).`,
        {
          hint: 'Rename one of the directories, or give it an index.md (then it is a page); nothing was written.',
        },
      );
    }
    folders.set(titleKey(doc.title), doc);
  }
  for (const doc of [...locals].filter((d) => !isFolderDoc(d)).sort((a, b) => compare(a.path, b.path))) {
    const key = titleKey(doc.title);
    const other = seen.get(key);
    const bothExist =
      other !== undefined &&
      other.title !== doc.title &&
      other.title.toLowerCase() !== doc.title.toLowerCase() &&
      synced.has(`${other.path}\u0000${other.title}`) &&
      synced.has(`${doc.path}\u0000${doc.title}`);
    if (other && !bothExist) {
      throw new SyncError(
        'CS-040',
        `${other.path} and ${doc.path} would both become the page "${doc.title}" (titles are unique per space, ignoring case).`,
        {
          hint: 'Give one of them another title (front matter title: or its first # heading; a folder: add an index.md with a title); nothing was written.',
        },
      );
    }
    if (!other) seen.set(key, doc);
  }
}

/**
 * Cloud only: which directories without index file are Confluence folders. A directory whose generated page
 * an earlier version made (a page record at "dir/") stays that page.
 */
function folderDocs(input: PlanInput): (doc: LocalDoc) => boolean {
  if (!input.folders) return () => false;
  const placeholders = new Set(
    Object.values(input.manifest.pages)
      .filter((p) => p.kind !== 'folder' && p.localPath.endsWith('/'))
      .map((p) => p.localPath),
  );
  return (doc) => doc.kind === 'virtual-folder' && !placeholders.has(doc.path);
}

/** Folders and pages live in separate title spaces: a folder's key never meets a page's. */
function nodeKey(kind: 'folder' | undefined, title: string): string {
  return kind === 'folder' ? `\u0000folder\u0000${titleKey(title)}` : titleKey(title);
}

/** "path NUL title" of every page as last synced: titles that already exist in Confluence. */
function syncedTitles(manifest: PlanInput['manifest']): Set<string> {
  return new Set(Object.values(manifest.pages).map((p) => `${p.localPath}\u0000${p.title}`));
}

/** Among files with the same bytes, the one with the same file name, else the same title, else the first. */
function preferSameName(m: ManifestPage, hits: LocalDoc[]): LocalDoc | undefined {
  const name = m.localPath.replace(/\/$/, '').split('/').pop();
  return (
    hits.find((d) => d.path.replace(/\/$/, '').split('/').pop() === name) ??
    hits.find((d) => titleKey(d.title) === titleKey(m.title)) ??
    hits[0]
  );
}

/**
 * The folder a doc stands for: `g/` for `g/`, `g/index.md`, `g/README.md` and `g.md` (its sibling folder), so a
 * folder that gains or loses its index file keeps its page.
 */
function folderKey(path: string): string {
  if (path.endsWith('/')) return path.toLowerCase();
  const index = /^(.+\/)(index|readme)\.md$/i.exec(path);
  if (index) return index[1]!.toLowerCase();
  return `${path.replace(/\.md$/i, '')}/`.toLowerCase();
}

function outcomeFor(kind: ChangeKind, mode: SyncMode): Change['outcome'] {
  if (kind === 'conflict') return 'conflict';
  if (mode === 'push' && LOCAL_KINDS.includes(kind)) return 'skipped';
  if (mode === 'pull' && REMOTE_KINDS.includes(kind)) return 'skipped';
  return 'planned';
}

function matchesPaths(path: string | undefined, filters: readonly string[]): boolean {
  if (path === undefined) return false;
  return filters.some((raw) => {
    const f = raw.replace(/^\.\//, '').replace(/\/+$/, '');
    return f === '' || f === '.' || path === f || path.startsWith(`${f}/`);
  });
}

function inPaths(change: Change, filters: readonly string[]): boolean {
  return matchesPaths(change.localPath, filters) || matchesPaths(change.previousPath, filters);
}

/** Ancestor changes that put a parent in place (at its new path) before its children can be written. */
const PLACES_PARENT: readonly ChangeKind[] = [
  'create-remote',
  'create-local',
  'move-remote',
  'move-local',
  'adopt',
];

/**
 * A path-limited run includes what the selected changes stand on: an ancestor folder or page that is
 * new (or moved) on the side being written is created with them, whatever its kind.
 */
function withAncestors(selected: Change[], all: readonly Change[]): Change[] {
  const byPath = new Map(all.flatMap((c) => (c.localPath ? [[c.localPath, c] as const] : [])));
  const out = new Set(selected);
  for (const change of selected) {
    const seen = new Set<string>();
    let parentPath = change.parentPath;
    while (parentPath && !seen.has(parentPath)) {
      seen.add(parentPath);
      const parent = byPath.get(parentPath);
      if (!parent) break;
      if (PLACES_PARENT.includes(parent.kind)) out.add(parent);
      parentPath = parent.parentPath;
    }
  }
  return all.filter((c) => out.has(c));
}

/** Parents before children; removals last, children before parents. Ties by path. */
function order(changes: Change[]): Change[] {
  const keyed = changes.map((c) => {
    const path = c.localPath ?? c.previousPath ?? '';
    return { c, path, depth: depth(path), removal: REMOVALS.includes(c.kind) };
  });
  keyed.sort((a, b) => {
    if (a.removal !== b.removal) return a.removal ? 1 : -1;
    const d = a.depth - b.depth;
    if (d !== 0) return a.removal ? -d : d;
    return compare(a.path, b.path);
  });
  const sorted = keyed.map((k) => k.c);
  const removals = sorted.filter((c) => REMOVALS.includes(c.kind));
  return [...parentsFirst(sorted.filter((c) => !REMOVALS.includes(c.kind))), ...removals];
}

/**
 * Depth alone is not enough: an adopted or moved page's parent (by parentPath) can sit at the same
 * depth or deeper than the page's own file. Apply waits only on parents listed before a change.
 */
function parentsFirst(changes: Change[]): Change[] {
  const byPath = new Map(changes.flatMap((c) => (c.localPath ? [[c.localPath, c] as const] : [])));
  const out: Change[] = [];
  const placed = new Set<Change>();
  const visit = (change: Change, visiting: Set<Change>): void => {
    if (placed.has(change) || visiting.has(change)) return;
    visiting.add(change);
    const parent = change.parentPath ? byPath.get(change.parentPath) : undefined;
    if (parent) visit(parent, visiting);
    placed.add(change);
    out.push(change);
  };
  for (const change of changes) visit(change, new Set());
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
