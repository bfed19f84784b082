/**
 * Cloud's content tree beyond pages: folders (POST /folders), and whiteboards, databases and embeds
 * (held for tests through the direct API). They sit in the same tree as pages: a page's parent may be
 * a folder, a folder's parent a page, and so on. Rules as Cloud has them: folders do not reserve page
 * titles, but two live folders in a space may not share a title (ignoring case); versions bump by one;
 * a deleted folder goes to the trash and its children move up to its parent, like a page's.
 */
import { ApiError, badRequest } from './api-error.js';
import { currentVersion, type ContentKind, type ContentRecord, type PageRecord } from './model.js';
import { MAX_TITLE_LENGTH, type Store } from './store.js';

export type TreeType = 'page' | ContentKind;

/** One node of the tree as the v2 children/descendants/ancestors lists show it. */
export interface TreeItem {
  id: string;
  type: TreeType;
  title: string;
  status: string;
  spaceId: string;
  parentId: string | null;
  position: number;
  lastModified: string;
}

export interface CreateContentInput {
  spaceId: string;
  kind: ContentKind;
  title: string;
  /** null or absent: top level of the space (as POST /folders without parentId). */
  parentId?: string | null;
}

export interface UpdateFolderInput {
  title: string;
  /** undefined: keep the parent. */
  parentId?: string;
  /** Must be the current version + 1. */
  versionNumber: number;
}

function pageItem(page: PageRecord): TreeItem {
  const v = currentVersion(page);
  return {
    id: page.id,
    type: 'page',
    title: v.title,
    status: page.status,
    spaceId: page.spaceId,
    parentId: page.parentId,
    position: page.position,
    lastModified: v.createdAt,
  };
}

function contentItem(c: ContentRecord): TreeItem {
  return {
    id: c.id,
    type: c.kind,
    title: c.title,
    status: c.status,
    spaceId: c.spaceId,
    parentId: c.parentId,
    position: c.position,
    lastModified: c.versionCreatedAt,
  };
}

export function contentNotFound(kind: TreeType, id: string): ApiError {
  return new ApiError(
    404,
    'NOT_FOUND',
    `Cannot find [${kind}] entity with id [${id}]`,
    `No content found with id: ContentId{id=${id}}`,
  );
}

const byPosition = (a: TreeItem, b: TreeItem) => a.position - b.position || Number(a.id) - Number(b.id);

export class ContentStore {
  private readonly byId = new Map<string, ContentRecord>();

  constructor(
    private readonly store: Store,
    private readonly records: ContentRecord[],
    private readonly changed: () => void,
  ) {
    for (const c of records) this.byId.set(c.id, c);
  }

  all(): readonly ContentRecord[] {
    return this.records;
  }

  find(id: string): ContentRecord | undefined {
    return this.byId.get(id);
  }

  /** Not trashed, of this kind (any kind when absent); else 404 as Cloud answers. */
  live(id: string, kind?: ContentKind): ContentRecord {
    const found = this.byId.get(id);
    if (!found || found.status === 'trashed' || (kind && found.kind !== kind)) {
      throw contentNotFound(kind ?? 'page', id);
    }
    return found;
  }

  /** A page or a content record, trashed ones included. */
  item(id: string): TreeItem | undefined {
    const page = this.store.findPage(id);
    if (page) return pageItem(page);
    const c = this.byId.get(id);
    return c ? contentItem(c) : undefined;
  }

  /** Direct children of any type, not trashed, by position then id. */
  childrenOf(id: string): TreeItem[] {
    const pages = this.store.data.pages.filter((p) => p.parentId === id && p.status !== 'trashed');
    const others = this.records.filter((c) => c.parentId === id && c.status !== 'trashed');
    return [...pages.map(pageItem), ...others.map(contentItem)].sort(byPosition);
  }

  /** Top-down (breadth first), with depth (1 = child) and the (position, id) path that orders them. */
  descendantsOf(
    id: string,
    maxDepth = Number.POSITIVE_INFINITY,
  ): { item: TreeItem; depth: number; path: number[] }[] {
    const byParent = new Map<string, TreeItem[]>();
    const note = (item: TreeItem) => {
      if (item.parentId === null || item.status === 'trashed') return;
      const list = byParent.get(item.parentId) ?? [];
      list.push(item);
      byParent.set(item.parentId, list);
    };
    for (const p of this.store.data.pages) note(pageItem(p));
    for (const c of this.records) note(contentItem(c));
    const out: { item: TreeItem; depth: number; path: number[] }[] = [];
    let level: { id: string; path: number[] }[] = [{ id, path: [] }];
    for (let depth = 1; depth <= maxDepth && level.length > 0; depth++) {
      const next: { id: string; path: number[] }[] = [];
      for (const parent of level) {
        for (const child of (byParent.get(parent.id) ?? []).sort(byPosition)) {
          const path = [...parent.path, child.position, Number(child.id)];
          out.push({ item: child, depth, path });
          next.push({ id: child.id, path });
        }
      }
      level = next;
    }
    return out;
  }

  /** Root first, direct parent last, of any type. */
  ancestorsOf(id: string): TreeItem[] {
    const chain: TreeItem[] = [];
    let parentId = this.item(id)?.parentId ?? null;
    while (parentId) {
      const parent = this.item(parentId);
      if (!parent || chain.some((c) => c.id === parent.id)) break;
      chain.unshift(parent);
      parentId = parent.parentId;
    }
    return chain;
  }

  /** A parent for a page or content: a live page or content record of the same space. */
  checkParent(spaceId: string, spaceKey: string, parentId: string): void {
    const parent = this.item(parentId);
    if (!parent || parent.status === 'trashed') throw contentNotFound('page', parentId);
    if (parent.spaceId !== spaceId) {
      throw badRequest(
        `The parent ${parentId} is not in space ${spaceKey}; content can only be moved within a space`,
      );
    }
  }

  create(input: CreateContentInput, authorId: string, now = new Date().toISOString()): ContentRecord {
    const space = this.store.spaceById(input.spaceId);
    this.store.assertWritable(space);
    const parentId = input.parentId ?? null;
    if (parentId !== null) this.checkParent(space.id, space.key, parentId);
    this.checkTitle(input.spaceId, input.kind, input.title, null);
    const siblings = this.childrenOf(parentId ?? '');
    const record: ContentRecord = {
      id: this.store.newId(),
      kind: input.kind,
      spaceId: space.id,
      parentId,
      status: 'current',
      createdAt: now,
      authorId,
      position: parentId === null ? 0 : Math.max(-1, ...siblings.map((s) => s.position)) + 1,
      title: input.title,
      version: 1,
      versionCreatedAt: now,
    };
    this.records.push(record);
    this.byId.set(record.id, record);
    this.changed();
    return record;
  }

  updateFolder(id: string, input: UpdateFolderInput, now = new Date().toISOString()): ContentRecord {
    const folder = this.live(id, 'folder');
    const space = this.store.spaceById(folder.spaceId);
    this.store.assertWritable(space);
    if (input.versionNumber !== folder.version + 1) {
      throw new ApiError(
        409,
        'CONFLICT',
        `Version must be incremented when updating a folder. Current Version: [${folder.version}]. Provided version: [${input.versionNumber}]`,
        `Version must be incremented on update. Current version is: ${folder.version}`,
      );
    }
    this.checkTitle(folder.spaceId, 'folder', input.title, folder.id);
    if (input.parentId !== undefined && input.parentId !== folder.parentId) this.move(folder, input.parentId);
    folder.title = input.title;
    folder.version += 1;
    folder.versionCreatedAt = now;
    this.changed();
    return folder;
  }

  /** Re-parents any node (page or content) under `parentId`, refusing cycles. */
  moveNode(id: string, parentId: string): void {
    const content = this.byId.get(id);
    if (content && content.status !== 'trashed') {
      this.store.assertWritable(this.store.spaceById(content.spaceId));
      this.move(content, parentId);
      this.changed();
      return;
    }
    throw contentNotFound('page', id);
  }

  private move(record: ContentRecord, parentId: string): void {
    const space = this.store.spaceById(record.spaceId);
    this.checkParent(space.id, space.key, parentId);
    if (parentId === record.id || this.descendantsOf(record.id).some((d) => d.item.id === parentId)) {
      throw badRequest('Cannot move content under itself or one of its descendants');
    }
    const siblings = this.childrenOf(parentId);
    record.parentId = parentId;
    record.position = Math.max(-1, ...siblings.map((s) => s.position)) + 1;
  }

  /** To the trash; the children (pages and content) move up to its parent, as for a page. */
  trash(id: string, kind: ContentKind): void {
    const record = this.live(id, kind);
    this.store.assertWritable(this.store.spaceById(record.spaceId));
    this.moveChildrenUp(record.id, record.parentId);
    record.status = 'trashed';
    this.changed();
  }

  /** Used by the page store too: children of a trashed node take its parent. */
  moveChildrenUp(id: string, newParent: string | null): void {
    for (const page of this.store.data.pages) if (page.parentId === id) page.parentId = newParent;
    for (const c of this.records) if (c.parentId === id) c.parentId = newParent;
  }

  private checkTitle(spaceId: string, kind: ContentKind, title: string, selfId: string | null): void {
    if (title.trim() === '') throw badRequest('Title cannot be empty');
    if (title.length > MAX_TITLE_LENGTH) {
      throw badRequest(`Title cannot be longer than ${MAX_TITLE_LENGTH} characters.`);
    }
    if (kind !== 'folder') return;
    const lower = title.toLowerCase();
    const clash = this.records.some(
      (c) =>
        c.kind === 'folder' &&
        c.spaceId === spaceId &&
        c.status !== 'trashed' &&
        c.id !== selfId &&
        c.title.toLowerCase() === lower,
    );
    if (clash) throw badRequest('A folder exists with the same title in this space');
  }
}

export function isContentKind(value: string): value is ContentKind {
  return value === 'folder' || value === 'whiteboard' || value === 'database' || value === 'embed';
}
