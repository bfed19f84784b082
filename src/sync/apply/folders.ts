/**
 * Confluence Cloud folders, both ways: a directory without index file is a folder. A folder has no body,
 * labels or attachments: pushing one creates, renames or moves it; pulling one records where its directory
 * is (the directory itself appears with the first file pulled into it, and moves with the folder). A folder
 * goes to the trash only when nothing is left in it that the sync does not own.
 */
import type { PageSummary, TreeNode } from '../../confluence/types.js';
import type { Change, ManifestPage } from '../types.js';
import { markApplied, resolveParentId, type ApplyEnv } from './env.js';
import { moveFolder } from './local.js';
import { requirePageId } from './remote.js';

/** A folder as the manifest and the change reports see it (version 1: folders are compared by title and parent). */
function folderSummary(env: ApplyEnv, node: TreeNode): PageSummary {
  return {
    id: node.id,
    title: node.title,
    parentId: node.parentId,
    version: 1,
    lastModified: '',
    spaceId: env.space.id,
  };
}

function folderEntry(env: ApplyEnv, node: TreeNode, localPath: string, hash: string): ManifestPage {
  return {
    id: node.id,
    kind: 'folder',
    spaceKey: env.space.key,
    title: node.title,
    version: 1,
    parentId: node.parentId,
    lastModified: '',
    localPath,
    contentHash: hash,
    status: 'synced',
    labels: [],
    attachments: {},
  };
}

function localPathOf(change: Change): string {
  if (!change.localPath?.endsWith('/')) {
    throw new Error(`folder "${change.title}" has no directory path (${change.localPath ?? 'none'})`);
  }
  return change.localPath;
}

/** create-remote: POST /folders under the parent the directory sits in. */
export async function createFolderRemote(env: ApplyEnv, change: Change): Promise<void> {
  const path = localPathOf(change);
  const node = await env.client.createFolder({
    spaceId: env.space.id,
    parentId: resolveParentId(env, change),
    title: change.title,
  });
  await env.store.put(folderEntry(env, node, path, change.localHash ?? ''));
  markApplied(env, change, folderSummary(env, node));
}

/** update-remote / move-remote: the directory was renamed or moved: the folder follows (same id). */
export async function updateFolderRemote(env: ApplyEnv, change: Change): Promise<void> {
  const id = requirePageId(change);
  const path = localPathOf(change);
  const listed = env.remotes.get(id);
  const parentId = resolveParentId(env, change);
  const same =
    listed !== undefined && listed.title === change.title && (listed.parentId ?? env.rootPageId) === parentId;
  const node: TreeNode = same
    ? { id, type: 'folder', title: listed.title, parentId }
    : await env.client.updateFolder({
        id,
        ...(listed?.title === change.title ? {} : { title: change.title }),
        parentId,
      });
  await env.store.put(folderEntry(env, node, path, change.localHash ?? ''));
  markApplied(env, change, folderSummary(env, node));
}

/**
 * delete-remote / archive-remote (folders cannot be archived: archive trashes an empty folder too). Runs after
 * the removals of everything under it (deepest first); anything still in it keeps it.
 */
export async function removeFolderRemote(env: ApplyEnv, change: Change): Promise<void> {
  const id = requirePageId(change);
  const foreign = remainingChildren(env, id);
  if (foreign.length > 0) {
    change.outcome = 'skipped';
    change.reason = `The folder still holds content the sync does not own (${foreign.join(', ')}): it stays in Confluence and is no longer synced.`;
    await env.store.remove(id);
    return;
  }
  await env.client.deleteFolder(id);
  await env.store.remove(id);
  change.outcome = 'applied';
}

/** What the listing showed under the folder that this run did not remove (kept pages, others' pages, whiteboards). */
function remainingChildren(env: ApplyEnv, folderId: string): string[] {
  const out: string[] = [];
  for (const page of env.remotes.values()) {
    if (page.parentId !== folderId) continue;
    const removedThisRun =
      (env.trackedAtStart?.has(page.id) ?? false) &&
      !(page.id in env.store.manifest.pages) &&
      !(page.id in (env.store.manifest.detached ?? {}));
    if (!removedThisRun) out.push(`"${page.title}"`);
  }
  for (const other of env.others ?? []) {
    if (other.parentId === folderId) out.push(`${other.type} "${other.title}"`);
  }
  return out;
}

/**
 * create-local / update-local / move-local: the folder's directory is where the plan put it. A moved or
 * renamed folder moves its directory (and the files in it) at once; a new one is only recorded (git keeps
 * no empty directories: the files pulled into it make it).
 */
export async function pullFolder(env: ApplyEnv, change: Change): Promise<void> {
  const id = requirePageId(change);
  const path = localPathOf(change);
  const listed = env.remotes.get(id);
  const previous = env.store.page(id);
  const from = change.previousPath ?? previous?.localPath;
  if (from !== undefined && from.endsWith('/') && from !== path) await moveFolder(env, from, path);
  const node: TreeNode = {
    id,
    type: 'folder',
    title: listed?.title ?? change.title,
    parentId: listed?.parentId ?? previous?.parentId ?? null,
  };
  await env.store.put(folderEntry(env, node, path, previous?.contentHash ?? ''));
  markApplied(env, change, folderSummary(env, node));
}

/** adopt: a new directory and a new folder with the same title are one folder (nothing to write). */
export async function adoptFolder(env: ApplyEnv, change: Change): Promise<void> {
  const id = requirePageId(change);
  const listed = env.remotes.get(id);
  const node: TreeNode = {
    id,
    type: 'folder',
    title: listed?.title ?? change.title,
    parentId: listed?.parentId ?? null,
  };
  await env.store.put(folderEntry(env, node, localPathOf(change), change.localHash ?? ''));
  markApplied(env, change, folderSummary(env, node));
}

/** A conflict on a folder (moved on both sides): the local place wins only under local-first. */
export async function folderConflict(env: ApplyEnv, change: Change): Promise<void> {
  if (env.strategy === 'local-first' && env.mode !== 'pull' && change.local !== 'deleted') {
    await updateFolderRemote(env, change);
    return;
  }
  change.outcome = 'conflict';
  change.conflict ??= {
    strategy: env.strategy,
    detail: 'The folder was moved or renamed on both sides; nothing was written for it.',
  };
}
