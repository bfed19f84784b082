/**
 * Which part of Cloud's content tree the sync takes on: the pages, and the folders that are synced already or
 * hold a page (at any depth). Whiteboards, databases and embeds (and any type Confluence adds later) are
 * listed for the report only: "not synced", never written. An empty folder made in Confluence waits until a
 * page is in it (git keeps no empty directories).
 */
import type { ContentTree, TreeNode } from '../../confluence/types.js';
import { folderOf } from '../state/paths.js';
import type { Manifest, RemoteNode } from '../types.js';

export interface SyncedTree {
  remotes: RemoteNode[];
  notSynced: TreeNode[];
}

export function syncedTree(tree: ContentTree, manifest: Manifest): SyncedTree {
  const folders = tree.others.filter((o) => o.type === 'folder');
  const parentOf = new Map<string, string | null>();
  for (const f of folders) parentOf.set(f.id, f.parentId);
  const holding = new Set<string>();
  for (const page of tree.pages) {
    const seen = new Set<string>();
    for (
      let id = page.parentId;
      id !== null && parentOf.has(id) && !seen.has(id);
      id = parentOf.get(id) ?? null
    ) {
      seen.add(id);
      holding.add(id);
    }
  }
  const spaceId = tree.pages[0]?.spaceId ?? '';
  const synced = folders
    .filter((f) => holding.has(f.id) || manifest.pages[f.id]?.kind === 'folder')
    .map((f): RemoteNode => ({
      id: f.id,
      kind: 'folder',
      title: f.title,
      parentId: f.parentId,
      version: 1,
      lastModified: '',
      spaceId,
    }));
  return {
    remotes: [...tree.pages, ...synced],
    notSynced: tree.others.filter((o) => o.type !== 'folder'),
  };
}

/** One line per whiteboard, database or embed: `Guides/Plan (id 123): not synced (whiteboard)`. */
export function notSyncedLines(
  notSynced: readonly TreeNode[],
  manifest: Manifest,
  rootPageId: string,
): string[] {
  return notSynced.map((node) => {
    const parent =
      node.parentId === null || node.parentId === rootPageId ? undefined : manifest.pages[node.parentId];
    const where = parent ? folderOf(parent.localPath) : '';
    return `${where}${node.title} (id ${node.id}): not synced (${node.type})`;
  });
}
