/**
 * The one entry point both faces (CLI and Action) call: load manifest → scan local → getSpace →
 * list the tree (one paginated listing) → plan (pure) → fetch the bodies the plan needs (batched)
 * → apply (unless status, check or --dry-run) → the ChangeSet with every outcome.
 *
 * Failures a user can cause before anything is written (config, credentials, space, manifest,
 * title collisions) are thrown as SyncError; failures of single pages end up in their change's
 * outcome and in the exit code.
 */
import { isAbsolute, posix, relative, resolve, sep } from 'node:path';
import type { SyncConfig } from '../config/types.js';
import { createClient } from '../confluence/create-client.js';
import type { ConfluenceClient, Page, PageSummary } from '../confluence/types.js';
import { SyncError, toSyncError } from '../errors.js';
import { scanLocal, loadManifest, saveManifestAsync } from './state/index.js';
import { existsSync } from './state/docs-fs.js';
import { assertNoMassDelete, notSyncedLines, plan, syncedTree } from './plan/index.js';
import {
  ManifestStore,
  addAttachmentChanges,
  applyChanges,
  buildLinkIndex,
  assertReadableBody,
  confirmRemoteAbsences,
  hiddenPages,
  predictLostAnchors,
  predictWrites,
  verifyRemoteHashes,
  countingTransfers,
  fetchBodies,
  hasConflictMarkers,
  inPaths,
  forgetStaleHashes,
  lostAnchorsWarning,
  missingFilesWarning,
  pageIdsNeedingBodies,
  type ApplyEnv,
  type TransferCount,
} from './apply/index.js';
import type { Change, ChangeSet, LocalDoc, Manifest, RunOptions, SyncResult } from './types.js';

export interface RunDeps {
  client?: ConfluenceClient;
  /** Test hook: the clock. */
  now?: () => Date;
  /** Test hook: how the manifest is written (atomically, temp file + fsync + rename). */
  saveManifest?: typeof saveManifestAsync;
}

export async function runSync(
  config: SyncConfig,
  options: RunOptions,
  deps: RunDeps = {},
): Promise<SyncResult> {
  const now = deps.now ?? (() => new Date());
  const started = now();
  const log = options.log ?? (() => undefined);
  const progress = options.onProgress ?? (() => undefined);
  const mode = options.mode;
  const strategy = options.strategy ?? config.conflictStrategy;
  const dryRun = options.dryRun === true;
  const manifestAbs = resolve(config.cwd, config.manifestPath);
  const rootAbs = resolve(config.cwd, config.localRoot);

  const transfers: TransferCount = { uploaded: 0, downloaded: 0 };
  const baseClient =
    deps.client ??
    createClient({
      baseUrl: config.confluenceUrl,
      credentials: config.credentials,
      ...(config.flavor ? { flavor: config.flavor } : {}),
      concurrency: config.concurrentOperations,
      log,
    });
  const client = countingTransfers(baseClient, transfers);

  const manifest = loadManifest(manifestAbs, {
    confluenceUrl: config.confluenceUrl,
    spaceKey: config.spaceKey,
  });
  const stale = forgetStaleHashes(manifest);
  if (stale > 0) log(`${stale} body hashes were recorded by a newer release: checked by version author`);

  progress({ phase: 'list', done: 0, total: 1, message: `space ${config.spaceKey}` });
  const spaceRead = client.getSpace(config.spaceKey);
  // The docs folder is read while the space is asked for (the scan reads, it never writes); a failure of
  // either is reported in the old order: the site's first.
  progress({ phase: 'scan', done: 0, total: 1 });
  // Only a first pull (nothing tracked yet) may start without the docs folder: it creates it.
  const scanning = scanLocal(config, manifest, {
    allowMissingRoot: mode !== 'push' && Object.keys(manifest.pages).length === 0,
  });
  scanning.catch(() => undefined);
  const space = await spaceRead;
  const rootPageId = config.parentPageId ?? (manifest.rootPageId || space.homepageId);
  if (!rootPageId) {
    throw new SyncError('CS-003', `Space ${space.key} has no home page to sync under.`, {
      hint: 'Set parentPageId in .confluence-sync.yml (or CONFLUENCE_PARENT_PAGE_ID) to the page the docs live under.',
    });
  }
  if (manifest.rootPageId && manifest.rootPageId !== rootPageId && Object.keys(manifest.pages).length > 0) {
    throw new SyncError(
      'CS-032',
      `The manifest syncs the tree under page ${manifest.rootPageId}, but the config says page ${rootPageId}.`,
      { hint: 'Use a different manifestPath for this tree, or delete the manifest to link it from scratch.' },
    );
  }
  manifest.rootPageId = rootPageId;

  const scanned = await scanning;
  const locals = Array.isArray(scanned) ? scanned : scanned.docs;
  const scanWarnings = Array.isArray(scanned) ? [] : (scanned.warnings ?? []);
  progress({ phase: 'scan', done: 1, total: 1, message: `${locals.length} local documents` });

  // The descendants walk (Cloud) costs as much again as the page listing: only when it can matter.
  const recorded = new Set(Object.values(manifest.pages).map((p) => p.localPath));
  const everything =
    mode === 'status' ||
    Object.values(manifest.pages).some((p) => p.kind === 'folder') ||
    locals.some((d) => d.kind === 'virtual-folder' && !recorded.has(d.path));
  const ahead = readAhead(client, mode, manifest, locals, config.concurrentOperations);
  const tree = await client.listContentTree(space, rootPageId, { everything });
  const { remotes, notSynced } = syncedTree(tree, manifest);
  if (!remotes.some((p) => p.id === rootPageId)) {
    throw new SyncError(
      'CS-003',
      `The page ${rootPageId} (the docs tree's root) was not found in space ${space.key}.`,
      {
        hint: 'Check parentPageId: it must be a page id in this space that the user can read.',
      },
    );
  }
  progress({ phase: 'list', done: 1, total: 1, message: `${tree.pages.length} pages` });
  const hidden = await hiddenPages(client, manifest, remotes);
  const trackedAtStart = new Set(Object.keys(manifest.pages));

  const planPaths = options.paths?.map((p) => toRootPath(config, rootAbs, p));
  const changeSet = plan({
    mode,
    strategy,
    onLocalDelete: config.onLocalDelete,
    rootPageId,
    locals,
    manifest,
    remotes,
    folders: client.supportsFolders,
    hidden,
    startedAt: started.toISOString(),
    dryRun,
    ...(planPaths ? { paths: planPaths } : {}),
    occupiedPaths: Array.isArray(scanned) ? [] : (scanned.others ?? []),
  });
  if (planPaths)
    refuseUnmatchedPaths(
      options.paths ?? [],
      planPaths,
      locals,
      manifest,
      changeSet,
      config.localRoot,
      rootAbs,
    );
  flagUnresolvedMarkers(changeSet, manifest, locals, planPaths);
  // A page missing from the listing is gone only when Confluence says so by id (404, trashed, archived).
  await confirmRemoteAbsences(client, changeSet.changes, config.concurrentOperations);
  // A body that differs from the one recorded at the same version is a remote change (an edited manifest).
  const prefetched = await verifyRemoteHashes(
    client,
    changeSet.changes,
    manifest,
    strategy,
    mode,
    await atListedVersions(ahead, remotes),
    config.concurrentOperations,
  );
  addAttachmentChanges(changeSet, {
    manifest,
    locals,
    rootAbs,
    mode,
    ...(planPaths ? { paths: planPaths } : {}),
  });
  finishChangeSet(changeSet, {
    mode,
    dryRun,
    config,
    started,
    client,
    warnings: [...scanWarnings, ...notSyncedLines(notSynced, manifest, rootPageId)],
  });
  // Tracked = records with a page in the listing or a file on disk: entries that name neither (padding
  // added to a manifest by hand) cannot dilute the share.
  const listedIds = new Set(remotes.map((p) => p.id));
  const localPaths = new Set(locals.map((d) => d.path));
  const tracked = Object.values(manifest.pages).filter(
    (p) => listedIds.has(p.id) || localPaths.has(p.localPath),
  ).length;
  assertNoMassDelete(changeSet.changes, tracked, options.allowMassDelete === true);

  const filesChanged = new Set<string>();
  const applies = !dryRun && (mode === 'pull' || mode === 'push' || mode === 'sync');
  if (!applies) {
    // What a push would find out by writing: titles taken elsewhere, adoptions that differ, comments orphaned.
    const render = { links: buildLinkIndex(space.key, manifest, locals, changeSet.changes), rootAbs, config };
    await predictWrites(client, {
      space,
      changes: changeSet.changes,
      locals,
      remotes,
      strategy,
      render,
    });
    predictLostAnchors({ changes: changeSet.changes, locals, manifest, bodies: prefetched, render });
    const lost = changeSet.changes.map(lostAnchorsWarning).filter((w): w is string => w !== null);
    if (lost.length > 0) changeSet.warnings = [...(changeSet.warnings ?? []), ...lost];
  }
  if (applies) {
    const ids = pageIdsNeedingBodies(changeSet.changes).filter((id) => !prefetched.has(id));
    progress({ phase: 'fetch', done: 0, total: ids.length });
    const { bodies, unreadable } = await fetchBodies(client, ids);
    for (const [id, page] of prefetched) {
      try {
        bodies.set(id, assertReadableBody(page));
      } catch (e) {
        unreadable.set(id, toSyncError(e));
      }
    }
    progress({ phase: 'fetch', done: ids.length, total: ids.length });

    const store = new ManifestStore(manifest, (m) =>
      (deps.saveManifest ?? saveManifestAsync)(manifestAbs, m),
    );
    const env: ApplyEnv = {
      client,
      space,
      config,
      mode,
      strategy,
      rootPageId,
      rootAbs,
      locals: new Map(locals.map((d) => [d.path, d])),
      remotes: new Map(remotes.map((p) => [p.id, p])),
      others: tree.others,
      trackedAtStart,
      bodies,
      unreadable,
      links: buildLinkIndex(space.key, manifest, locals, changeSet.changes),
      store,
      filesChanged,
      movedFolders: new Map(),
      log,
      now,
    };
    await forgetGone(store, changeSet);
    await applyChanges(env, changeSet.changes, {
      concurrency: config.concurrentOperations,
      onProgress: progress,
    });
    const lost = changeSet.changes
      .flatMap((c) => [lostAnchorsWarning(c), missingFilesWarning(c)])
      .filter((w): w is string => w !== null);
    if (lost.length > 0) changeSet.warnings = [...(changeSet.warnings ?? []), ...lost];
    if (store.saves > 0) {
      manifest.lastSyncTime = now().toISOString();
      await store.save();
      filesChanged.add(relativePosix(config.cwd, manifestAbs));
    }
  }

  changeSet.durationMs = now().getTime() - started.getTime();
  changeSet.attachments = transfers;
  return {
    changeSet,
    exitCode: exitCodeOf(changeSet),
    filesChanged: [...filesChanged].sort(),
    manifestPath: relativePosix(config.cwd, manifestAbs),
  };
}

/**
 * The bodies a push checks and patches are those of the pages whose files changed: read them while the
 * tree is listed instead of after it (one to four requests of latency fewer per run). A failed read is
 * not an error here: the usual read after the plan reports it.
 */
function readAhead(
  client: ConfluenceClient,
  mode: RunOptions['mode'],
  manifest: Manifest,
  locals: readonly LocalDoc[],
  concurrency: number,
): Promise<Page[]> {
  // the listing holds one of the concurrentOperations slots meanwhile
  if (mode === 'pull' || concurrency <= 1) return Promise.resolve([]);
  const byPath = new Map(locals.map((d) => [d.path, d]));
  const ids = Object.values(manifest.pages)
    .filter((p) => p.kind !== 'folder' && p.remoteHash !== undefined)
    .filter((p) => {
      const doc = byPath.get(p.localPath);
      return doc !== undefined && doc.kind !== 'virtual-folder' && doc.hash !== p.contentHash;
    })
    .map((p) => p.id);
  if (ids.length === 0) return Promise.resolve([]);
  return client.getPages(ids, concurrency - 1).catch(() => []);
}

/** Only a body read at the version the listing shows is the page's body now. */
async function atListedVersions(
  ahead: Promise<Page[]>,
  remotes: readonly PageSummary[],
): Promise<Map<string, Page>> {
  const listed = new Map(remotes.map((p) => [p.id, p.version]));
  return new Map((await ahead).filter((p) => listed.get(p.id) === p.version).map((p) => [p.id, p]));
}

/**
 * A merge left conflict markers in a file and nobody has touched it since: the plan sees nothing
 * to do, but the page is still in conflict until a person resolves the markers.
 */
function flagUnresolvedMarkers(
  changeSet: ChangeSet,
  manifest: Manifest,
  locals: readonly LocalDoc[],
  paths: readonly string[] | undefined,
): void {
  const planned = new Set(changeSet.changes.map((c) => c.pageId));
  const byPath = new Map(locals.map((d) => [d.path, d]));
  for (const page of Object.values(manifest.pages)) {
    if (page.status !== 'conflicted' || planned.has(page.id)) continue;
    const doc = byPath.get(page.localPath);
    if (!doc || doc.hash !== page.contentHash || !hasConflictMarkers(doc.content)) continue;
    if (paths && paths.length > 0 && !inPaths(doc.path, paths)) continue;
    changeSet.changes.push({
      kind: 'conflict',
      pageId: page.id,
      title: page.title,
      localPath: page.localPath,
      local: 'unchanged',
      remote: 'unchanged',
      reason: 'An earlier merge left conflict markers in the file.',
      outcome: 'conflict',
      conflict: {
        strategy: 'merge',
        detail: `${page.localPath} still has conflict markers (<<<<<<< local … >>>>>>> confluence): resolve them, then push.`,
      },
    });
    changeSet.unchanged = Math.max(0, changeSet.unchanged - 1);
  }
}

async function forgetGone(store: ManifestStore, changeSet: ChangeSet): Promise<void> {
  const ids = [
    ...(changeSet.forget ?? []),
    ...changeSet.changes.flatMap((c) =>
      c.replacesPageId && c.outcome === 'planned' ? [c.replacesPageId] : [],
    ),
  ];
  for (const id of ids) await store.remove(id);
}

function finishChangeSet(
  changeSet: ChangeSet,
  ctx: {
    mode: RunOptions['mode'];
    dryRun: boolean;
    config: SyncConfig;
    started: Date;
    client: ConfluenceClient;
    warnings: string[];
  },
): void {
  changeSet.mode = ctx.mode;
  changeSet.dryRun = ctx.dryRun;
  changeSet.spaceKey = ctx.config.spaceKey;
  changeSet.confluenceUrl = ctx.config.confluenceUrl;
  changeSet.startedAt = ctx.started.toISOString();
  if (ctx.warnings.length > 0) changeSet.warnings = [...(changeSet.warnings ?? []), ...ctx.warnings];
  for (const change of changeSet.changes) {
    if (change.pageId && !change.url) change.url = ctx.client.pageUrl(change.pageId, ctx.config.spaceKey);
  }
}

/**
 * 1 when a change failed; 2 when conflicts are left for a person, or (check) when a page was edited in
 * Confluence since the manifest's version; else 0.
 */
export function exitCodeOf(changeSet: ChangeSet): 0 | 1 | 2 {
  const changes = changeSet.changes;
  if (changes.some((c) => c.outcome === 'failed')) return 1;
  if (changes.some(isUnresolvedConflict)) return 2;
  if (changeSet.mode === 'check' && changes.some((c) => c.pageId !== undefined && c.remote === 'changed'))
    return 2;
  return 0;
}

function isUnresolvedConflict(change: Change): boolean {
  return change.outcome === 'conflict' || (change.kind === 'conflict' && change.outcome === 'planned');
}

/** A path given on the command line (relative to cwd, or to localRoot) → posix, relative to localRoot. */
function toRootPath(config: SyncConfig, rootAbs: string, path: string): string {
  const candidates = isAbsolute(path) ? [path] : [resolve(config.cwd, path), resolve(rootAbs, path)];
  for (const abs of candidates) {
    const rel = relative(rootAbs, abs);
    if (!rel.startsWith('..') && !isAbsolute(rel)) {
      const posixRel = rel.split(sep).join('/');
      return path.endsWith('/') && posixRel !== '' ? `${posixRel}/` : posixRel;
    }
  }
  throw new SyncError('CS-041', `The path "${path}" is outside the docs folder ${config.localRoot}.`, {
    hint: `Give paths inside ${config.localRoot} (relative to the repository or to ${config.localRoot}).`,
  });
}

/**
 * A path argument that names no document here, no page the manifest knows and no page new in Confluence
 * (planned to be pulled there) is a typo, not "nothing to do".
 */
function refuseUnmatchedPaths(
  given: readonly string[],
  planPaths: readonly string[],
  locals: readonly LocalDoc[],
  manifest: Manifest,
  planned: ChangeSet,
  localRoot: string,
  rootAbs: string,
): void {
  const known = [
    ...locals.map((d) => d.path),
    ...Object.values(manifest.pages).map((p) => p.localPath),
    ...planned.changes.flatMap((c) => (c.localPath ? [c.localPath] : [])),
  ];
  planPaths.forEach((path, i) => {
    if (known.some((k) => inPaths(k, [path]))) return;
    if (path !== '' && existsSync(resolve(rootAbs, path))) {
      throw new SyncError(
        'CS-062',
        `The path "${given[i] ?? path}" is not synced: it is excluded or not a Markdown file.`,
        {
          hint: `excludePatterns in the config leave it out of ${localRoot}; change them to sync it.`,
        },
      );
    }
    throw new SyncError('CS-062', `The path "${given[i] ?? path}" matches no document in ${localRoot}.`, {
      hint: `Check the spelling; paths are relative to the current folder or to ${localRoot}, and name Markdown files or folders (run without paths to sync everything).`,
    });
  });
}

function relativePosix(from: string, to: string): string {
  return posix.normalize(relative(from, to).split(sep).join('/'));
}
