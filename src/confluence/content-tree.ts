/**
 * Cloud's docs tree as it is since 2024: pages, folders, whiteboards, databases and embeds.
 *
 * How it is listed (measured in docs/performance.md and the issue 13 note): the space's pages
 * (`GET /spaces/{id}/pages`, 250 a request: ids, titles, parents, versions) plus the root's
 * descendants (`GET /pages/{root}/descendants?depth=5`, 250 a request: every type, with parents,
 * no versions). Descendants stop at depth 5; the walk goes on from a node at depth 5 when it is
 * not a page, or is a page that has pages under it. So a tree of N pages and F other items costs
 * ceil(N/250) + ceil((N+F)/250) requests, plus one per such node at depth 5, 10, … When no page of the
 * space sits under a folder (or whiteboard, database, embed) and the caller does not ask for everything,
 * the walk is skipped: a tree without folders costs ceil(N/250), as before folders.
 * The alternative (the space's pages, then GET /folders/{id} for each folder a page points at)
 * costs one request per folder and never sees empty folders or whiteboards.
 */
import type { Transport } from './http.js';
import { collectAll } from './paging.js';
import { v2DescendantListSchema, type V2Descendant } from './schemas.js';
import type { ContentTree, PageSummary, TreeNode } from './types.js';

const MAX_DEPTH = 5;
const MAX_LIMIT = 250;

/** The v2 collection of each hierarchical type (a type without one is a leaf for the walk). */
const COLLECTIONS: Record<string, string> = {
  page: 'pages',
  folder: 'folders',
  whiteboard: 'whiteboards',
  database: 'databases',
  embed: 'embeds',
};

export interface Descendant {
  id: string;
  type: string;
  title: string;
  parentId: string | null;
  archived: boolean;
}

/** Everything under rootId (a page), every type, following depth-5 cut-offs as described above. */
export async function walkDescendants(
  http: Transport,
  v2: string,
  rootId: string,
  hasPageChildren: (id: string) => boolean,
): Promise<Descendant[]> {
  const found: Descendant[] = [];
  const seen = new Set([rootId]);
  let frontier: { id: string; type: string }[] = [{ id: rootId, type: 'page' }];
  while (frontier.length > 0) {
    const next: { id: string; type: string }[] = [];
    for (const node of frontier) {
      const collection = COLLECTIONS[node.type];
      if (!collection) continue;
      const items: V2Descendant[] = await collectAll(
        http,
        {
          method: 'GET',
          path: `${v2}/${collection}/${encodeURIComponent(node.id)}/descendants`,
          query: { depth: MAX_DEPTH, limit: MAX_LIMIT },
          subject: `the content tree under ${node.type} ${node.id}`,
        },
        v2DescendantListSchema,
      );
      for (const item of items) {
        if (seen.has(item.id)) continue;
        seen.add(item.id);
        found.push({
          id: item.id,
          type: item.type,
          title: item.title,
          parentId: item.parentId ?? (item.depth === 1 ? node.id : null),
          archived: item.status === 'archived',
        });
        const deeper = item.type !== 'page' || hasPageChildren(item.id);
        if (item.depth >= MAX_DEPTH && deeper) next.push({ id: item.id, type: item.type });
      }
    }
    frontier = next;
  }
  return found;
}

/**
 * The tree under rootId from the space's pages (versions; the listing's parent wins for a page) and
 * the descendants walk (parents of everything else). Archived content and everything under it is
 * left out, as before folders existed.
 */
export function assembleTree(
  listed: readonly PageSummary[],
  descendants: readonly Descendant[],
  rootId: string,
): ContentTree {
  const parentOf = new Map<string, string | null>();
  const archived = new Set<string>();
  for (const d of descendants) {
    parentOf.set(d.id, d.parentId);
    if (d.archived) archived.add(d.id);
  }
  for (const p of listed) {
    parentOf.set(p.id, p.parentId);
    if (p.status === 'archived') archived.add(p.id);
  }
  const children = new Map<string, string[]>();
  for (const [id, parent] of parentOf) {
    if (parent === null || archived.has(id)) continue;
    const list = children.get(parent) ?? [];
    list.push(id);
    children.set(parent, list);
  }
  const inTree = new Set<string>();
  if (!archived.has(rootId)) {
    const queue = [rootId];
    inTree.add(rootId);
    for (let i = 0; i < queue.length; i++) {
      for (const child of children.get(queue[i]!) ?? []) {
        if (inTree.has(child)) continue;
        inTree.add(child);
        queue.push(child);
      }
    }
  }
  const pageIds = new Set(listed.map((p) => p.id));
  const others: TreeNode[] = descendants
    .filter((d) => d.type !== 'page' && !pageIds.has(d.id) && inTree.has(d.id))
    .map((d) => ({ id: d.id, type: d.type, title: d.title, parentId: parentOf.get(d.id) ?? null }));
  const typeOf = new Map(others.map((o) => [o.id, o.type]));
  const pages = listed
    .filter((p) => inTree.has(p.id))
    .map((p) => {
      const parentType = p.parentId ? typeOf.get(p.parentId) : undefined;
      return parentType && isTreeType(parentType) ? { ...p, parentType } : p;
    });
  return { pages, others };
}

function isTreeType(type: string): type is 'folder' | 'whiteboard' | 'database' | 'embed' {
  return type === 'folder' || type === 'whiteboard' || type === 'database' || type === 'embed';
}
