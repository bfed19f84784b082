/**
 * Local → Confluence: create, update/move, delete/archive/keep. Each step saves its manifest entry
 * as soon as Confluence accepted it.
 */
import { SyncError } from '../../errors.js';
import type { PageSummary } from '../../confluence/types.js';
import { manifestEntry, markApplied, resolveParentId, WRITE_MESSAGE, type ApplyEnv } from './env.js';
import { renderForPush, type PushBody } from './render.js';
import { pushAttachments } from './attachments.js';
import { patchForPush } from './push-patch.js';
import { createSerialQueue } from '../state/lock.js';
import type { Change, LocalDoc, ManifestPage } from '../types.js';

export function localDocOf(env: ApplyEnv, change: Change): LocalDoc {
  const doc = change.localPath === undefined ? undefined : env.locals.get(change.localPath);
  if (!doc) throw new Error(`no local file for "${change.title}" (${change.localPath ?? 'no path'})`);
  return doc;
}

export async function createRemote(env: ApplyEnv, change: Change): Promise<void> {
  const doc = localDocOf(env, change);
  const body = renderForPush(env, doc);
  const parentId = resolveParentId(env, change);
  let summary: PageSummary;
  try {
    summary = await env.client.createPage({
      spaceId: env.space.id,
      parentId,
      title: change.title,
      body: body.storage,
      message: WRITE_MESSAGE,
    });
  } catch (e) {
    if (e instanceof SyncError && e.code === 'CS-010') {
      throw new SyncError(
        'CS-010',
        `A page titled "${change.title}" already exists in space ${env.space.key}`,
        {
          hint: `Give ${doc.path} another title (front matter "title:" or its first heading), or move that page under the synced tree.`,
          status: e.status,
        },
      );
    }
    throw e;
  }
  await finishPush(env, change, doc, summary, body, undefined, body.storage);
}

/** update-remote and move-remote: the body, title and parent as the local side has them now. */
export async function updateRemote(env: ApplyEnv, change: Change, baseVersion?: number): Promise<void> {
  const doc = localDocOf(env, change);
  const pageId = requirePageId(change);
  const listed = env.remotes.get(pageId);
  const previous = env.store.page(pageId);
  const parentId =
    change.kind === 'move-remote' || change.parentPath !== undefined
      ? resolveParentId(env, change)
      : (listed?.parentId ?? undefined);

  if (listed && !change.attachmentsOnly && alreadyThere(change, doc, listed, previous, parentId)) {
    // Only the path changed (a file or folder renamed locally), or a folder page gained a child:
    // the page already has this title, parent and body. Record the new path, write nothing.
    await env.store.put(
      manifestEntry(env, listed, {
        localPath: doc.path,
        contentHash: doc.hash,
        labels: previous?.labels ?? [],
        attachments: previous?.attachments ?? {},
      }),
    );
    markApplied(env, change, listed);
    return;
  }
  const body = renderForPush(env, doc, previous?.attachments);
  if (change.attachmentsOnly && listed) {
    if (body.missing.size > 0) change.missingFiles = [...body.missing.values()];
    const attachments = await pushAttachments(env, pageId, body.uploads, previous?.attachments ?? {}, {
      missing: body.missing,
    });
    await env.store.put(
      manifestEntry(env, listed, {
        localPath: doc.path,
        contentHash: doc.hash,
        labels: previous?.labels ?? body.labels,
        attachments,
      }),
    );
    markApplied(env, change, listed);
    return;
  }
  const base = baseVersion ?? change.fromVersion ?? listed?.version;
  if (base === undefined) throw new Error(`no remote version known for page ${pageId}`);
  const patched = doc.kind === 'virtual-folder' ? null : patchForPush(env, doc, pageId, body.storage, base);
  if (
    patched?.current &&
    patched.storage === patched.current.body &&
    patched.current.title === change.title &&
    (parentId === undefined || patched.current.parentId === parentId)
  ) {
    // the edit does not change what the page says (e.g. only Markdown spacing): nothing to write
    change.fromVersion = base;
    await finishPush(env, change, doc, patched.current, body, previous, patched.current.body);
    return;
  }
  const written = patched?.storage ?? body.storage;
  const summary = await env.client.updatePage({
    id: pageId,
    spaceId: env.space.id,
    title: change.title,
    ...(parentId ? { parentId } : {}),
    body: written,
    baseVersion: base,
    message: WRITE_MESSAGE,
  });
  change.fromVersion = base;
  if (patched && patched.lostAnchors.length > 0) change.lostAnchors = patched.lostAnchors;
  await finishPush(env, change, doc, summary, body, previous, written);
}

/** The page in Confluence already is what this change would make it (same title, parent and content). */
function alreadyThere(
  change: Change,
  doc: LocalDoc,
  listed: PageSummary,
  previous: ManifestPage | undefined,
  parentId: string | undefined,
): boolean {
  if (listed.title !== change.title || (listed.parentId ?? undefined) !== parentId) return false;
  if (!previous || previous.version !== listed.version) return false;
  // A generated folder page's body lists its children by itself: its hash (the child paths) is no content.
  return doc.kind === 'virtual-folder' || doc.hash === previous.contentHash;
}

async function finishPush(
  env: ApplyEnv,
  change: Change,
  doc: LocalDoc,
  summary: PageSummary,
  body: PushBody,
  previous: ManifestPage | undefined,
  /** The page's body in Confluence now: what this push wrote, or the current body when it wrote nothing. */
  remoteBody: string,
): Promise<void> {
  const knownLabels = previous?.labels ?? [];
  const entry = manifestEntry(env, summary, {
    localPath: doc.path,
    contentHash: doc.hash,
    labels: knownLabels,
    attachments: previous?.attachments ?? {},
    remoteBody,
  });
  markApplied(env, change, summary);
  const pending = body.uploads.size > 0 || !sameLabels(body.labels, knownLabels);
  if (pending) {
    // The page exists now: record it at once (so a rerun updates instead of re-creating), but with the
    // file still marked as not pushed, so a run killed before the uploads below redoes them.
    await env.store.put({ ...entry, contentHash: previous?.contentHash ?? '', status: 'modified' });
  }
  if (body.missing.size > 0) change.missingFiles = [...body.missing.values()];
  const attachments = await pushAttachments(env, summary.id, body.uploads, previous?.attachments ?? {}, {
    missing: body.missing,
  });
  const labels = await syncLabels(env, summary.id, body.labels, knownLabels);
  await env.store.put({ ...entry, attachments, labels });
}

function sameLabels(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((l) => b.includes(l));
}

/** Adds and removes labels so the page has `wanted`; `known` is what the manifest says it had. */
export async function syncLabels(
  env: ApplyEnv,
  pageId: string,
  wanted: readonly string[],
  known: readonly string[],
): Promise<string[]> {
  const add = wanted.filter((l) => !known.includes(l));
  const remove = known.filter((l) => !wanted.includes(l));
  if (add.length > 0) await env.client.addLabels(pageId, add);
  for (const label of remove) await env.client.removeLabel(pageId, label);
  return [...wanted];
}

export async function deleteRemote(env: ApplyEnv, change: Change): Promise<void> {
  const pageId = requirePageId(change);
  await env.client.deletePage(pageId);
  await env.store.remove(pageId);
  change.outcome = 'applied';
}

/**
 * onLocalDelete: archive — the page is archived in Confluence (it keeps its title and leaves the synced tree)
 * and the manifest forgets it. Archive tasks run one at a time: Confluence refuses a second one while one runs.
 */
export async function archiveRemote(env: ApplyEnv, change: Change): Promise<void> {
  const pageId = requirePageId(change);
  await archiveQueue.run(() => env.client.archivePage(pageId));
  await env.store.remove(pageId);
  change.outcome = 'applied';
}

const archiveQueue = createSerialQueue();

/**
 * onLocalDelete: keep — the page stays in Confluence and the manifest records it as detached, so a later
 * pull does not bring the file back.
 */
export async function keepRemote(env: ApplyEnv, change: Change): Promise<void> {
  const pageId = requirePageId(change);
  const known = env.store.page(pageId);
  await env.store.detach(pageId, {
    title: env.remotes.get(pageId)?.title ?? known?.title ?? change.title,
    localPath: known?.localPath ?? change.localPath ?? '',
    at: (env.now?.() ?? new Date()).toISOString(),
  });
  change.outcome = 'applied';
}

export function requirePageId(change: Change): string {
  if (!change.pageId) throw new Error(`change "${change.title}" has no page id`);
  return change.pageId;
}
