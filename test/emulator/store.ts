/**
 * The emulated Confluence content and its rules: unique titles per space (ignoring case; archived
 * pages keep theirs, trashed ones free it), parents in the same space, well-formed bodies,
 * version = current + 1, trash before purge, children moved up on delete, write permission.
 * Every rule throws an ApiError that routes render in the v1 or v2 shape.
 */
import { ApiError, badRequest, notFound } from './api-error.js';
import {
  currentAttachmentVersion,
  currentVersion,
  type AttachmentRecord,
  type Data,
  type LabelRecord,
  type PageRecord,
  type PropertyRecord,
  type SpaceRecord,
} from './model.js';
import { checkStorageXml, formatXmlProblem } from './storage-xml.js';
import { TitleIndex } from './title-index.js';

export const MAX_TITLE_LENGTH = 255;

export interface CreatePageInput {
  spaceId: string;
  /** undefined: the space home page; null: top level (root-level=true). */
  parentId?: string | null;
  title: string;
  body: string;
  message?: string;
}

export interface UpdatePageInput {
  title: string;
  body?: string;
  /** undefined: keep the parent. */
  parentId?: string;
  /** The number the client sends: must be the current version + 1. */
  versionNumber: number;
  message?: string;
  minorEdit?: boolean;
  status?: 'current' | 'archived';
}

export interface UploadInput {
  filename: string;
  data: Uint8Array;
  mediaType: string;
  comment: string;
  minorEdit: boolean;
}

export class Store {
  /** Direct edits "as a person in Confluence" skip the seeded user's permissions. */
  private admin = false;
  /** Lookups by id, title and sibling position stay O(1) for benchmark-sized spaces. */
  private readonly byId = new Map<string, PageRecord>();
  private readonly titles = new TitleIndex();
  /** Highest child position used under each parent (null: top level), trashed children included. */
  private readonly lastPosition = new Map<string | null, number>();

  constructor(
    readonly data: Data,
    private readonly onChange: () => void = () => undefined,
  ) {
    for (const page of data.pages) {
      this.byId.set(page.id, page);
      if (page.status !== 'trashed') this.titles.add(page.spaceId, currentVersion(page).title, page.id);
      this.notePosition(page);
    }
  }

  private notePosition(page: PageRecord): void {
    const last = this.lastPosition.get(page.parentId);
    if (last === undefined || page.position > last) this.lastPosition.set(page.parentId, page.position);
  }

  private newId(): string {
    return String(this.data.nextId++);
  }

  private changed(): void {
    this.onChange();
  }

  /** For content kept in its own module (inline comments): a fresh id, and "save now". */
  allocateId(): string {
    return this.newId();
  }

  noteChange(): void {
    this.changed();
  }

  // ---- spaces ----

  spaces(): SpaceRecord[] {
    return this.data.spaces;
  }

  spaceById(id: string): SpaceRecord {
    const space = this.data.spaces.find((s) => s.id === id);
    if (!space) throw notFound(`Cannot find [space] entity with id [${id}]`);
    return space;
  }

  spaceByKey(key: string): SpaceRecord | undefined {
    return this.data.spaces.find((s) => s.key === key);
  }

  /** Runs fn with every permission, as a space administrator editing in the browser would. */
  asAdmin<T>(fn: () => T): T {
    this.admin = true;
    try {
      return fn();
    } finally {
      this.admin = false;
    }
  }

  private assertWritable(space: SpaceRecord): void {
    if (!space.writable && !this.admin) {
      throw new ApiError(
        403,
        'PERMISSION_DENIED',
        `You do not have permission to edit content in space ${space.key}`,
        `Not permitted to use confluence: you cannot edit content in space ${space.key}`,
      );
    }
  }

  // ---- pages: reading ----

  findPage(id: string): PageRecord | undefined {
    return this.byId.get(id);
  }

  /** Any status, trashed included; 404 when it does not exist (or was purged). */
  page(id: string): PageRecord {
    const page = this.findPage(id);
    if (!page) throw pageNotFound(id);
    return page;
  }

  /** A page that is not in the trash (what most reads and every write need). */
  livePage(id: string): PageRecord {
    const page = this.page(id);
    if (page.status === 'trashed') throw pageNotFound(id);
    return page;
  }

  pagesInSpace(spaceId: string): PageRecord[] {
    return this.data.pages.filter((p) => p.spaceId === spaceId);
  }

  /** Direct children that are not trashed, by position then id. */
  children(id: string): PageRecord[] {
    return this.data.pages
      .filter((p) => p.parentId === id && p.status !== 'trashed')
      .sort((a, b) => a.position - b.position || Number(a.id) - Number(b.id));
  }

  /**
   * Descendants top-down (breadth first) with their depth (1 = child), up to maxDepth, and the
   * (position, id) pairs from the root's child down to them: that path orders them, level by level.
   */
  descendants(
    id: string,
    maxDepth = Number.POSITIVE_INFINITY,
  ): { page: PageRecord; depth: number; path: number[] }[] {
    const byParent = new Map<string, PageRecord[]>();
    for (const p of this.data.pages) {
      if (p.parentId === null || p.status === 'trashed') continue;
      const list = byParent.get(p.parentId) ?? [];
      list.push(p);
      byParent.set(p.parentId, list);
    }
    const out: { page: PageRecord; depth: number; path: number[] }[] = [];
    let level: { id: string; path: number[] }[] = [{ id, path: [] }];
    for (let depth = 1; depth <= maxDepth && level.length > 0; depth++) {
      const next: { id: string; path: number[] }[] = [];
      for (const parent of level) {
        const children = (byParent.get(parent.id) ?? []).sort(
          (a, b) => a.position - b.position || Number(a.id) - Number(b.id),
        );
        for (const child of children) {
          const path = [...parent.path, child.position, Number(child.id)];
          out.push({ page: child, depth, path });
          next.push({ id: child.id, path });
        }
      }
      level = next;
    }
    return out;
  }

  /** Root first, direct parent last. */
  ancestors(id: string): PageRecord[] {
    const chain: PageRecord[] = [];
    let parentId = this.page(id).parentId;
    while (parentId) {
      const parent = this.findPage(parentId);
      if (!parent || chain.includes(parent)) break;
      chain.unshift(parent);
      parentId = parent.parentId;
    }
    return chain;
  }

  // ---- pages: writing ----

  createPage(input: CreatePageInput, authorId: string, now = new Date().toISOString()): PageRecord {
    const space = this.spaceById(input.spaceId);
    this.assertWritable(space);
    const parentId = input.parentId === undefined ? space.homepageId : input.parentId;
    if (parentId !== null) this.checkParent(space, parentId);
    this.checkTitle(space, input.title, null);
    checkBody(input.body);
    const page: PageRecord = {
      id: this.newId(),
      spaceId: space.id,
      parentId,
      status: 'current',
      createdAt: now,
      authorId,
      position: (this.lastPosition.get(parentId) ?? -1) + 1,
      versions: [
        {
          number: 1,
          title: input.title,
          body: input.body,
          createdAt: now,
          message: input.message ?? '',
          minorEdit: false,
          authorId,
        },
      ],
      labels: [],
      properties: [],
    };
    this.data.pages.push(page);
    this.byId.set(page.id, page);
    this.titles.add(space.id, input.title, page.id);
    this.notePosition(page);
    this.changed();
    return page;
  }

  updatePage(
    id: string,
    input: UpdatePageInput,
    authorId: string,
    now = new Date().toISOString(),
  ): PageRecord {
    const page = this.page(id);
    const space = this.spaceById(page.spaceId);
    this.assertWritable(space);
    const current = currentVersion(page);
    if (page.status === 'trashed') {
      // Confluence: a PUT with status current restores a trashed page and changes nothing else.
      if (input.status !== 'current') throw pageNotFound(id);
      this.checkTitle(space, current.title, page.id);
      page.status = 'current';
      this.titles.add(space.id, current.title, page.id);
      this.changed();
      return page;
    }
    if (input.versionNumber !== current.number + 1) {
      throw new ApiError(
        409,
        'CONFLICT',
        `Version must be incremented when updating a page. Current Version: [${current.number}]. Provided version: [${input.versionNumber}]`,
        `Version must be incremented on update. Current version is: ${current.number}`,
      );
    }
    this.checkTitle(space, input.title, page.id);
    if (input.parentId !== undefined && input.parentId !== page.parentId) {
      this.checkParent(space, input.parentId);
      if (input.parentId === page.id || this.descendants(page.id).some((d) => d.page.id === input.parentId)) {
        throw badRequest('Cannot move a page under itself or one of its descendants');
      }
    }
    const body = input.body ?? current.body;
    checkBody(body);
    if (input.parentId !== undefined) {
      page.parentId = input.parentId;
      this.notePosition(page);
    }
    if (input.status) page.status = input.status;
    this.titles.remove(space.id, current.title, page.id);
    this.titles.add(space.id, input.title, page.id);
    page.versions.push({
      number: current.number + 1,
      title: input.title,
      body,
      createdAt: laterThan(current.createdAt, now),
      message: input.message ?? '',
      minorEdit: input.minorEdit ?? false,
      authorId,
    });
    this.changed();
    return page;
  }

  /**
   * Archived: out of the current tree, but the title stays reserved (like Confluence). The children stay where
   * they are. Confluence refuses to archive a page twice (400).
   */
  archivePage(id: string): void {
    const page = this.livePage(id);
    this.assertWritable(this.spaceById(page.spaceId));
    if (page.status === 'archived') throw badRequest(`Page ${id} is already archived`);
    page.status = 'archived';
    this.changed();
  }

  /** To the trash; the children move up to the deleted page's parent. */
  trashPage(id: string): void {
    const page = this.livePage(id);
    this.assertWritable(this.spaceById(page.spaceId));
    for (const child of this.data.pages.filter((p) => p.parentId === id)) {
      child.parentId = page.parentId;
      this.notePosition(child);
    }
    page.status = 'trashed';
    this.titles.remove(page.spaceId, currentVersion(page).title, page.id);
    this.changed();
  }

  /** Only a trashed page can be purged. */
  purgePage(id: string): void {
    const page = this.page(id);
    this.assertWritable(this.spaceById(page.spaceId));
    if (page.status !== 'trashed') {
      throw badRequest(`Page ${id} must be in the trash before it can be purged`);
    }
    this.data.pages = this.data.pages.filter((p) => p !== page);
    this.byId.delete(id);
    this.data.attachments = this.data.attachments.filter((a) => a.pageId !== id);
    this.changed();
  }

  private checkParent(space: SpaceRecord, parentId: string): void {
    const parent = this.findPage(parentId);
    if (!parent || parent.status === 'trashed') throw pageNotFound(parentId);
    if (parent.spaceId !== space.id) {
      throw badRequest(
        `The parent page ${parentId} is not in space ${space.key}; pages can only be moved within a space`,
      );
    }
  }

  private checkTitle(space: SpaceRecord, title: string, selfId: string | null): void {
    if (title.trim() === '') throw badRequest('Title cannot be empty');
    if (title.length > MAX_TITLE_LENGTH) {
      throw badRequest(`Title cannot be longer than ${MAX_TITLE_LENGTH} characters.`);
    }
    const clash = [...this.titles.holders(space.id, title)].some((id) => id !== selfId);
    if (clash) {
      throw badRequest(
        'A page with this title already exists: A page already exists with the same TITLE in this space',
        `A page with this title already exists: A page already exists with the title ${title} in the space with key ${space.key}`,
      );
    }
  }

  // ---- labels ----

  addLabels(pageId: string, labels: { name: string; prefix?: string }[]): LabelRecord[] {
    const page = this.livePage(pageId);
    this.assertWritable(this.spaceById(page.spaceId));
    for (const { name, prefix } of labels) {
      const normalised = name.trim().toLowerCase();
      if (normalised === '' || /\s/.test(normalised) || normalised.length > 255) {
        throw badRequest(`Invalid label name: '${name}'`);
      }
      if (!page.labels.some((l) => l.name === normalised)) {
        page.labels.push({ id: this.newId(), name: normalised, prefix: prefix ?? 'global' });
      }
    }
    this.changed();
    return page.labels;
  }

  removeLabel(pageId: string, name: string): void {
    const page = this.livePage(pageId);
    this.assertWritable(this.spaceById(page.spaceId));
    const before = page.labels.length;
    page.labels = page.labels.filter((l) => l.name !== name.toLowerCase());
    if (page.labels.length === before) throw notFound(`Label '${name}' is not on page ${pageId}`);
    this.changed();
  }

  // ---- attachments ----

  attachments(pageId: string): AttachmentRecord[] {
    return this.data.attachments.filter((a) => a.pageId === pageId);
  }

  /** Accepts `att123` and `123`. */
  attachment(pageId: string, attachmentId: string): AttachmentRecord {
    const id = attachmentId.replace(/^att/, '');
    const found = this.data.attachments.find((a) => a.id === id && a.pageId === pageId);
    if (!found) throw notFound(`Cannot find [attachment] entity with id [${attachmentId}]`);
    return found;
  }

  /** POST (mode create: same name → 400) or PUT (mode upsert: same name → new version). */
  upload(
    pageId: string,
    file: UploadInput,
    mode: 'create' | 'upsert',
    now = new Date().toISOString(),
  ): AttachmentRecord {
    const page = this.livePage(pageId);
    this.assertWritable(this.spaceById(page.spaceId));
    if (file.filename === '' || /[\\/"":?*|<>]/.test(file.filename)) {
      throw badRequest(`Invalid attachment file name: '${file.filename}'`);
    }
    const existing = this.attachments(pageId).find((a) => a.title === file.filename);
    if (existing) {
      if (mode === 'create') {
        throw badRequest(
          `Cannot add a new attachment with same file name as an existing attachment: ${file.filename}`,
        );
      }
      return this.addAttachmentVersion(existing, file, now);
    }
    const attachment: AttachmentRecord = {
      id: this.newId(),
      pageId,
      title: file.filename,
      versions: [attachmentVersion(1, file, now)],
    };
    this.data.attachments.push(attachment);
    this.changed();
    return attachment;
  }

  /** POST …/child/attachment/{id}/data: a new version of one attachment. */
  uploadData(
    pageId: string,
    attachmentId: string,
    file: UploadInput,
    now = new Date().toISOString(),
  ): AttachmentRecord {
    const page = this.livePage(pageId);
    this.assertWritable(this.spaceById(page.spaceId));
    return this.addAttachmentVersion(this.attachment(pageId, attachmentId), file, now);
  }

  private addAttachmentVersion(
    attachment: AttachmentRecord,
    file: UploadInput,
    now: string,
  ): AttachmentRecord {
    const previous = currentAttachmentVersion(attachment);
    attachment.versions.push(
      attachmentVersion(previous.number + 1, file, laterThan(previous.createdAt, now)),
    );
    this.changed();
    return attachment;
  }

  // ---- content properties ----

  property(pageId: string, propertyId: string): PropertyRecord {
    const found = this.livePage(pageId).properties.find((p) => p.id === propertyId);
    if (!found) throw notFound(`Cannot find [content property] entity with id [${propertyId}]`);
    return found;
  }

  createProperty(pageId: string, key: string, value: unknown): PropertyRecord {
    const page = this.livePage(pageId);
    this.assertWritable(this.spaceById(page.spaceId));
    if (page.properties.some((p) => p.key === key)) {
      throw badRequest(`A content property with key '${key}' already exists on page ${pageId}`);
    }
    const property = { id: this.newId(), key, value, version: 1 };
    page.properties.push(property);
    this.changed();
    return property;
  }

  updateProperty(
    pageId: string,
    propertyId: string,
    key: string,
    value: unknown,
    version: number,
  ): PropertyRecord {
    const page = this.livePage(pageId);
    this.assertWritable(this.spaceById(page.spaceId));
    const property = this.property(pageId, propertyId);
    if (version !== property.version + 1) {
      throw new ApiError(
        409,
        'CONFLICT',
        `Version must be incremented when updating a content property. Current Version: [${property.version}]. Provided version: [${version}]`,
      );
    }
    Object.assign(property, { key, value, version });
    this.changed();
    return property;
  }

  deleteProperty(pageId: string, propertyId: string): void {
    const page = this.livePage(pageId);
    this.assertWritable(this.spaceById(page.spaceId));
    this.property(pageId, propertyId);
    page.properties = page.properties.filter((p) => p.id !== propertyId);
    this.changed();
  }
}

export function pageNotFound(id: string): ApiError {
  return new ApiError(
    404,
    'NOT_FOUND',
    `Cannot find [page] entity with id [${id}]`,
    `No content found with id: ContentId{id=${id}}`,
  );
}

export function checkBody(body: string): void {
  const problem = checkStorageXml(body);
  if (problem) throw badRequest(formatXmlProblem(problem));
}

function attachmentVersion(number: number, file: UploadInput, now: string) {
  return {
    number,
    dataBase64: Buffer.from(file.data).toString('base64'),
    comment: file.comment,
    mediaType: file.mediaType,
    createdAt: now,
    minorEdit: file.minorEdit,
  };
}

/** Version times strictly increase even within one millisecond, so "modified since" queries are exact. */
function laterThan(previous: string, now: string): string {
  const prev = Date.parse(previous);
  return Date.parse(now) > prev ? now : new Date(prev + 1).toISOString();
}
