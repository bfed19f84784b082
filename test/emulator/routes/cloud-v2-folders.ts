/**
 * Cloud's content tree (cloud-v2.json): POST /folders, GET/DELETE /folders/{id}, and the
 * direct-children / descendants / ancestors lists of every hierarchical type (pages, folders,
 * whiteboards, databases, embeds), each item carrying its `type`. Folder rename and move go through
 * v1 `PUT /rest/api/content/{id}` with `type: folder` (v2 has no folder update call).
 */
import { z } from 'zod';
import { badRequest } from '../api-error.js';
import { contentNotFound, type TreeItem, type TreeType } from '../content-store.js';
import {
  intParam,
  oneOf,
  readJson,
  route,
  sendEmpty,
  sendJson,
  type RequestContext,
  type Route,
} from '../http-kit.js';
import type { ContentKind, ContentRecord } from '../model.js';
import { paginateV2, type Order } from '../paging.js';

const V2 = '/wiki/api/v2';
const id = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(String);

const createFolderSchema = z.object({
  spaceId: id,
  title: z.string().optional(),
  parentId: id.optional(),
});

const CHILD_SORTS = [
  'created-date',
  '-created-date',
  'id',
  '-id',
  'child-position',
  '-child-position',
  'modified-date',
  '-modified-date',
  'title',
  '-title',
] as const;

/** The plural path segment of each hierarchical type. */
const COLLECTIONS: Record<TreeType, string> = {
  page: 'pages',
  folder: 'folders',
  whiteboard: 'whiteboards',
  database: 'databases',
  embed: 'embeds',
};

function childOrder(sort: (typeof CHILD_SORTS)[number]): Order<TreeItem> {
  const desc = sort.startsWith('-');
  const field = desc ? sort.slice(1) : sort;
  const key = (item: TreeItem): (string | number)[] => {
    if (field === 'id') return [Number(item.id)];
    if (field === 'title') return [item.title.toLowerCase(), Number(item.id)];
    if (field === 'modified-date') return [Date.parse(item.lastModified), Number(item.id)];
    return [item.position, Number(item.id)];
  };
  return { key, desc };
}

/** The live node at {id} of the route's type, else Cloud's 404. */
function nodeOf(ctx: RequestContext, type: TreeType): TreeItem {
  const itemId = ctx.params.id ?? '';
  const item = ctx.store.content.item(itemId);
  if (!item || item.type !== type || item.status === 'trashed') throw contentNotFound(type, itemId);
  return item;
}

export function folderV2(ctx: RequestContext, folder: ContentRecord) {
  const space = ctx.store.spaceById(folder.spaceId);
  const parent = folder.parentId ? ctx.store.content.item(folder.parentId) : undefined;
  return {
    id: folder.id,
    type: folder.kind,
    status: folder.status,
    title: folder.title,
    parentId: folder.parentId ?? undefined,
    parentType: parent?.type,
    position: folder.position,
    authorId: folder.authorId,
    ownerId: folder.authorId,
    createdAt: folder.createdAt,
    spaceId: folder.spaceId,
    version: {
      number: folder.version,
      message: '',
      minorEdit: false,
      authorId: folder.authorId,
      createdAt: folder.versionCreatedAt,
    },
    _links: { webui: `/spaces/${space.key}/folder/${folder.id}`, base: `${ctx.origin}/wiki` },
  };
}

async function createFolder(ctx: RequestContext): Promise<void> {
  const input = await readJson(ctx, createFolderSchema);
  const folder = ctx.store.content.create(
    {
      spaceId: input.spaceId,
      kind: 'folder',
      title: input.title ?? 'Untitled folder',
      parentId: input.parentId ?? null,
    },
    ctx.user.accountId,
  );
  sendJson(ctx.res, 200, folderV2(ctx, folder));
}

function getFolder(ctx: RequestContext): void {
  sendJson(ctx.res, 200, folderV2(ctx, ctx.store.content.live(ctx.params.id ?? '', 'folder')));
}

function deleteFolder(ctx: RequestContext): void {
  ctx.store.content.trash(ctx.params.id ?? '', 'folder');
  sendEmpty(ctx.res, 204);
}

function directChildren(type: TreeType) {
  return (ctx: RequestContext): void => {
    const parent = nodeOf(ctx, type);
    const sort = oneOf(ctx.query, 'sort', CHILD_SORTS) ?? 'child-position';
    const list = paginateV2(ctx, ctx.store.content.childrenOf(parent.id), childOrder(sort));
    const results = list.results.map((c) => ({
      id: c.id,
      status: c.status,
      title: c.title,
      type: c.type,
      spaceId: c.spaceId,
      childPosition: c.position,
    }));
    sendJson(ctx.res, 200, { ...list, results });
  };
}

function descendants(type: TreeType) {
  return (ctx: RequestContext): void => {
    const root = nodeOf(ctx, type);
    const depth = intParam(ctx.query, 'depth', 2, 1, 5);
    // Breadth first: by depth, then by the (position, id) path from the root.
    const list = paginateV2(ctx, ctx.store.content.descendantsOf(root.id, depth), {
      key: ({ depth: d, path }) => [d, ...path],
    });
    const results = list.results.map(({ item, depth: d }) => ({
      id: item.id,
      status: item.status,
      title: item.title,
      type: item.type,
      parentId: item.parentId ?? undefined,
      depth: d,
      childPosition: item.position,
    }));
    sendJson(ctx.res, 200, { ...list, results });
  };
}

function ancestors(type: TreeType) {
  return (ctx: RequestContext): void => {
    const node = nodeOf(ctx, type);
    const limit = intParam(ctx.query, 'limit', 25, 1, 250);
    // Not cursor paged: the nearest `limit` ancestors, still top-down.
    const chain = ctx.store.content.ancestorsOf(node.id).slice(-limit);
    sendJson(ctx.res, 200, { results: chain.map((a) => ({ id: a.id, type: a.type })) });
  };
}

const v1FolderUpdateSchema = z.object({
  id: id.optional(),
  type: z.literal('folder'),
  title: z.string(),
  ancestors: z.array(z.object({ id })).optional(),
  version: z.object({ number: z.number().int() }),
});

/** v1 `PUT /content/{id}` on a folder: rename and/or move (the parent is the last ancestor). */
export async function updateFolderV1(ctx: RequestContext): Promise<void> {
  const folderId = ctx.params.id ?? '';
  const input = await readJson(ctx, v1FolderUpdateSchema);
  if (input.id !== undefined && input.id !== folderId) {
    throw badRequest(`The id in the body (${input.id}) does not match the content id (${folderId})`);
  }
  const folder = ctx.store.content.updateFolder(folderId, {
    title: input.title,
    parentId: input.ancestors?.at(-1)?.id,
    versionNumber: input.version.number,
  });
  const space = ctx.store.spaceById(folder.spaceId);
  sendJson(ctx.res, 200, {
    id: folder.id,
    type: 'folder',
    status: folder.status,
    title: folder.title,
    space: { id: Number(space.id), key: space.key },
    version: { number: folder.version, when: folder.versionCreatedAt },
    ancestors: ctx.store.content.ancestorsOf(folder.id).map((a) => ({ id: a.id, type: a.type })),
  });
}

export function isFolderId(ctx: RequestContext): boolean {
  return ctx.store.content.find(ctx.params.id ?? '')?.kind === 'folder';
}

const KINDS: ContentKind[] = ['folder', 'whiteboard', 'database', 'embed'];

export function cloudV2FolderRoutes(): Route[] {
  const tree = (['page', ...KINDS] as TreeType[]).flatMap((type) => {
    const base = `${V2}/${COLLECTIONS[type]}/{id}`;
    return [
      route('GET', `${base}/direct-children`, 'v2', directChildren(type)),
      route('GET', `${base}/descendants`, 'v2', descendants(type)),
      route('GET', `${base}/ancestors`, 'v2', ancestors(type)),
    ];
  });
  return [
    route('POST', `${V2}/folders`, 'v2', createFolder),
    route('GET', `${V2}/folders/{id}`, 'v2', getFolder),
    route('DELETE', `${V2}/folders/{id}`, 'v2', deleteFolder),
    ...tree,
  ];
}
