/**
 * Where each remote page belongs locally, walking the tree parents first: a known page stays where its file
 * is unless its parent moved or it was renamed (a file named after the old title follows the new one); a new
 * page gets a fresh, unique path from paths.ts under its parent's folder.
 */
import type { PageSummary } from '../../confluence/types.js';
import { folderOf, localPathForPage, safeName } from '../state/paths.js';
import { containingFolder, nodeName, occupied, rebuild, shapeOf } from './nodes.js';

export interface RemotePathInput {
  rootPageId: string;
  /** Remote pages under the root (root excluded). */
  remotes: PageSummary[];
  /** Where the file of a known page is now (page id → local path). */
  currentPath: ReadonlyMap<string, string>;
  /** The title the manifest recorded (page id → title), for "named after the title" renames. */
  recordedTitle: ReadonlyMap<string, string>;
  /** Every local path that exists or is recorded (they occupy names). */
  usedPaths: Iterable<string>;
}

export interface RemotePaths {
  /** Page id → planned local path. */
  path: Map<string, string>;
  /** Page id → planned local path of its parent (null = localRoot). */
  parentPath: Map<string, string | null>;
}

export function planRemotePaths(input: RemotePathInput): RemotePaths {
  const byId = new Map(input.remotes.map((r) => [r.id, r]));
  const children = new Map<string, PageSummary[]>();
  for (const r of input.remotes) {
    const parent = r.parentId !== null && byId.has(r.parentId) ? r.parentId : input.rootPageId;
    const list = children.get(parent) ?? [];
    list.push(r);
    children.set(parent, list);
  }
  const taken = new Set<string>();
  for (const p of input.usedPaths) for (const key of keysWithFolders(p)) taken.add(key);

  const path = new Map<string, string>();
  const parentPath = new Map<string, string | null>();
  const queue: (string | null)[] = [null];
  for (let next = 0; next < queue.length; next++) {
    const parentId = queue[next] as string | null;
    const parentPlanned = parentId === null ? null : (path.get(parentId) ?? null);
    const kids = [...(children.get(parentId ?? input.rootPageId) ?? [])].sort((a, b) =>
      a.id.localeCompare(b.id),
    );
    for (const page of kids) {
      parentPath.set(page.id, parentPlanned);
      const current = input.currentPath.get(page.id);
      const planned =
        current === undefined
          ? localPathForPage({
              id: page.id,
              title: page.title,
              parentPath: parentPlanned,
              hasChildren: (children.get(page.id)?.length ?? 0) > 0,
              taken,
            })
          : relocate(page, current, folderOf(parentPlanned), input.recordedTitle.get(page.id), taken);
      for (const key of keysWithFolders(planned)) taken.add(key);
      path.set(page.id, planned);
      queue.push(page.id);
    }
  }
  return { path, parentPath };
}

function relocate(
  page: PageSummary,
  current: string,
  folder: string,
  recordedTitle: string | undefined,
  taken: ReadonlySet<string>,
): string {
  let name = nodeName(current);
  const namedAfterTitle =
    recordedTitle !== undefined && name.toLowerCase() === safeName(recordedTitle, '').toLowerCase();
  if (namedAfterTitle && recordedTitle !== page.title) {
    // A leaf must not be renamed to index.md / README.md (that would make it a folder's page).
    name = shapeOf(current) === 'leaf' ? safeName(page.title, '.md').slice(0, -3) : safeName(page.title, '');
  }
  if (folder === containingFolder(current) && name === nodeName(current)) return current;
  const own = new Set(occupied(current));
  const candidate = rebuild(current, folder, name);
  const clash = occupied(candidate).some((key) => taken.has(key) && !own.has(key));
  return clash ? rebuild(current, folder, `${name}-${page.id}`) : candidate;
}

/** The node's own key plus every folder on its way: `a/b/c.md` → `a/`, `a/b/`, `a/b/c.md`. */
function keysWithFolders(path: string): string[] {
  const keys = occupied(path);
  const parts = path.toLowerCase().split('/');
  for (let i = 1; i < parts.length; i++) keys.push(`${parts.slice(0, i).join('/')}/`);
  return keys;
}
