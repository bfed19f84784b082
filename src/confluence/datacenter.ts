/**
 * Confluence Data Center / Server: REST v1 under {base}/rest/api. Pages are found by space key,
 * listed with /descendant/page (offset paging, 200 a request), and fetched in bulk through CQL.
 */
import pLimit from 'p-limit';
import { SyncError } from '../errors.js';
import { archiveViaV1 } from './archive.js';
import { badResponse } from './errors-map.js';
import { latestVersionOf } from './page-history.js';
import type { Transport } from './http.js';
import { attachmentFromV1, uploadViaV1 } from './attachment-upload.js';
import { findTitlesViaCql } from './title-search.js';
import { chunk, collectAll, subtree } from './paging.js';
import { createWithoutDuplicates, updateSurvivingLostAnswer } from './safe-writes.js';
import {
  addLabelsViaV1,
  deleteIfPresent,
  downloadViaV1,
  moveByUpdate,
  removeLabelViaV1,
} from './v1-calls.js';
import {
  v1AttachmentListSchema,
  v1ContentListSchema,
  v1ContentSchema,
  v1LabelListSchema,
  v1ReadContentSchema,
  v1SpaceSchema,
  type V1Content,
} from './schemas.js';
import type {
  Attachment,
  ConfluenceClient,
  ContentTree,
  CreatePageInput,
  MovePageInput,
  Page,
  PageSummary,
  Space,
  TreeNode,
  UpdatePageInput,
  UploadAttachmentInput,
} from './types.js';

const V1 = '/rest/api';
const LIST_LIMIT = 200;
/** Data Center caps CQL results that expand bodies at 50 a request. */
const BODY_BATCH = 50;
/** Body batches read at once at most (a push of 200 pages: four requests side by side). */
const BODY_BATCHES_AT_ONCE = 4;
const EXPAND_PAGE = 'body.storage,version,ancestors,space';
const EXPAND_SUMMARY = 'version,ancestors,space';

function noFolders(): SyncError {
  return new SyncError('CS-014', 'Confluence Data Center has no folders.', {
    hint: 'Give the directory an index.md (or README.md): on Data Center a directory maps to that page.',
  });
}

export class DataCenterClient implements ConfluenceClient {
  readonly flavor = 'datacenter' as const;
  /** Data Center has no folders: the tree is pages only, and the folder calls refuse with CS-014. */
  readonly supportsFolders = false;
  private readonly spacesById = new Map<string, Space>();

  constructor(
    private readonly http: Transport,
    private readonly concurrency = BODY_BATCHES_AT_ONCE,
  ) {}

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  async getSpace(key: string): Promise<Space> {
    const raw = await this.http.json(
      {
        method: 'GET',
        path: `${V1}/space/${encodeURIComponent(key)}`,
        query: { expand: 'homepage' },
        subject: `space ${key}`,
      },
      v1SpaceSchema,
    );
    const space: Space = { id: raw.id, key: raw.key, name: raw.name, homepageId: raw.homepage?.id ?? null };
    this.spacesById.set(space.id, space);
    return space;
  }

  async listContentTree(space: Space, rootId: string): Promise<ContentTree> {
    return { pages: await this.listTree(space, rootId), others: [] };
  }

  createFolder(): Promise<TreeNode> {
    return Promise.reject(noFolders());
  }

  updateFolder(): Promise<TreeNode> {
    return Promise.reject(noFolders());
  }

  deleteFolder(): Promise<void> {
    return Promise.reject(noFolders());
  }

  getFolder(): Promise<TreeNode | null> {
    return Promise.reject(noFolders());
  }

  async listTree(space: Space, rootId: string): Promise<PageSummary[]> {
    this.spacesById.set(space.id, space);
    const root = await this.http.json(
      {
        method: 'GET',
        path: `${V1}/content/${encodeURIComponent(rootId)}`,
        query: { expand: EXPAND_SUMMARY },
        subject: `page ${rootId}`,
      },
      v1ReadContentSchema,
    );
    const descendants = await collectAll(
      this.http,
      {
        method: 'GET',
        path: `${V1}/content/${encodeURIComponent(rootId)}/descendant/page`,
        query: { expand: EXPAND_SUMMARY, limit: LIST_LIMIT, start: 0 },
        subject: `the pages under ${rootId}`,
      },
      v1ContentListSchema,
    );
    // Archived pages (and pages under them) are not synced.
    const live = [root, ...descendants]
      .map((raw) => this.summaryOf(raw, space.id))
      .filter((p) => p.status !== 'archived');
    return subtree(live, rootId);
  }

  async getPage(id: string, version?: number): Promise<Page> {
    const raw = await this.http.json(
      {
        method: 'GET',
        path: `${V1}/content/${encodeURIComponent(id)}`,
        query: {
          expand: EXPAND_PAGE,
          ...(version === undefined ? {} : { status: 'historical', version }),
        },
        subject: version === undefined ? `page ${id}` : `version ${version} of page ${id}`,
      },
      v1ReadContentSchema,
    );
    return this.pageOf(raw);
  }

  async getPages(ids: readonly string[], atOnce = this.concurrency): Promise<Page[]> {
    // CQL takes numeric ids only; anything else cannot name a page.
    const unique = [...new Set(ids)].filter((id) => /^\d+$/.test(id));
    const byId = new Map<string, Page>();
    // A few batches at a time: each is one request's latency, not one after the other.
    const limit = pLimit(Math.max(1, Math.min(atOnce, this.concurrency, BODY_BATCHES_AT_ONCE)));
    const batches = await Promise.all(
      chunk(unique, BODY_BATCH).map((batch) =>
        limit(() =>
          collectAll(
            this.http,
            {
              method: 'GET',
              path: `${V1}/content/search`,
              query: { cql: `id in (${batch.join(',')})`, expand: EXPAND_PAGE, limit: BODY_BATCH },
              subject: `${batch.length} pages`,
            },
            v1ContentListSchema,
          ),
        ),
      ),
    );
    for (const raws of batches) for (const raw of raws) byId.set(raw.id, this.pageOf(raw));
    return unique.flatMap((id) => byId.get(id) ?? []);
  }

  async findPageByTitle(space: Space, title: string): Promise<PageSummary | null> {
    this.spacesById.set(space.id, space);
    return this.findByTitle(space.key, space.id, title);
  }

  async findPagesByTitles(space: Space, titles: readonly string[]): Promise<Map<string, string>> {
    return findTitlesViaCql(this.http, V1, space.key, titles);
  }

  async createPage(input: CreatePageInput): Promise<PageSummary> {
    const space = this.spacesById.get(input.spaceId);
    const spaceKey = input.spaceKey ?? space?.key;
    if (spaceKey === undefined) {
      throw new SyncError(
        'CS-099',
        `Cannot create "${input.title}": space ${input.spaceId} was never read.`,
        {
          hint: 'This is a bug in confluence-sync (getSpace must run before createPage on Data Center); please report it.',
        },
      );
    }
    const parentId = input.parentId ?? space?.homepageId ?? undefined;
    return createWithoutDuplicates(this.http, {
      attempt: async () => {
        const raw = await this.http.json(
          {
            method: 'POST',
            path: `${V1}/content`,
            query: { expand: EXPAND_SUMMARY },
            json: {
              type: 'page',
              title: input.title,
              space: { key: spaceKey },
              status: 'current',
              ...(parentId === undefined ? {} : { ancestors: [{ id: parentId }] }),
              body: { storage: { value: input.body, representation: 'storage' } },
              ...(input.message ? { version: { message: input.message } } : {}),
            },
            subject: `the new page "${input.title}"`,
          },
          v1ContentSchema,
        );
        return this.summaryOf(raw, input.spaceId, { parentId: parentId ?? null, version: 1 });
      },
      lookup: () => this.findByTitle(spaceKey, input.spaceId, input.title),
      expectedParentId: async () => parentId ?? null,
    });
  }

  async updatePage(input: UpdatePageInput): Promise<PageSummary> {
    const version = input.baseVersion + 1;
    return updateSurvivingLostAnswer(
      async () => {
        const raw = await this.http.json(
          {
            method: 'PUT',
            path: `${V1}/content/${encodeURIComponent(input.id)}`,
            query: { expand: EXPAND_SUMMARY },
            json: {
              id: input.id,
              type: 'page',
              title: input.title,
              status: 'current',
              ...(input.parentId === undefined ? {} : { ancestors: [{ id: input.parentId }] }),
              body: { storage: { value: input.body, representation: 'storage' } },
              version: { number: version, message: input.message ?? '' },
            },
            subject: `page ${input.id} ("${input.title}")`,
          },
          v1ContentSchema,
        );
        return this.summaryOf(raw, input.spaceId, { parentId: input.parentId ?? null, version });
      },
      { version, title: input.title },
      () => this.getPage(input.id),
      () => this.deletePage(input.id),
    );
  }

  async movePage(input: MovePageInput): Promise<PageSummary> {
    return moveByUpdate(this, input);
  }

  async deletePage(id: string): Promise<void> {
    await deleteIfPresent(this.http, {
      path: `${V1}/content/${encodeURIComponent(id)}`,
      subject: `page ${id}`,
    });
  }

  async archivePage(id: string): Promise<void> {
    await archiveViaV1(this.http, V1, id);
  }

  async latestVersion(pageId: string): Promise<{ number: number; message: string } | null> {
    return latestVersionOf(this.http, pageId, 'v1');
  }

  async getLabels(pageId: string): Promise<string[]> {
    const labels = await collectAll(
      this.http,
      {
        method: 'GET',
        path: `${V1}/content/${encodeURIComponent(pageId)}/label`,
        query: { limit: LIST_LIMIT, start: 0 },
        subject: `the labels of page ${pageId}`,
      },
      v1LabelListSchema,
    );
    return labels.map((l) => l.name);
  }

  async addLabels(pageId: string, labels: readonly string[]): Promise<void> {
    await addLabelsViaV1(this.http, V1, pageId, labels);
  }

  async removeLabel(pageId: string, label: string): Promise<void> {
    await removeLabelViaV1(this.http, V1, pageId, label);
  }

  async listAttachments(pageId: string): Promise<Attachment[]> {
    const raws = await collectAll(
      this.http,
      {
        method: 'GET',
        path: `${V1}/content/${encodeURIComponent(pageId)}/child/attachment`,
        query: { expand: 'version', limit: LIST_LIMIT, start: 0 },
        subject: `the attachments of page ${pageId}`,
      },
      v1AttachmentListSchema,
    );
    return raws.map((raw) => attachmentFromV1(raw, pageId));
  }

  async uploadAttachment(input: UploadAttachmentInput): Promise<Attachment> {
    return uploadViaV1(this.http, V1, input);
  }

  async downloadAttachment(attachment: Attachment): Promise<Uint8Array> {
    return downloadViaV1(this.http, V1, attachment, 'listed-path');
  }

  pageUrl(id: string): string {
    return `${this.baseUrl}/pages/viewpage.action?pageId=${encodeURIComponent(id)}`;
  }

  private async findByTitle(spaceKey: string, spaceId: string, title: string): Promise<PageSummary | null> {
    const raws = await collectAll(
      this.http,
      {
        method: 'GET',
        path: `${V1}/content`,
        query: { spaceKey, title, type: 'page', expand: EXPAND_SUMMARY, limit: LIST_LIMIT },
        subject: `the page titled "${title}"`,
      },
      v1ContentListSchema,
    );
    const found = raws.find((raw) => raw.title === title);
    return found ? this.summaryOf(found, spaceId) : null;
  }

  /** `known` fills what a write answer may leave out (older servers expand nothing on POST/PUT). */
  private summaryOf(
    raw: V1Content,
    fallbackSpaceId: string,
    known?: { parentId: string | null; version: number },
  ): PageSummary {
    const version = raw.version?.number ?? known?.version;
    if (version === undefined) {
      throw badResponse(
        { method: 'GET', path: `${V1}/content/${raw.id}`, identity: this.http.identity },
        `page ${raw.id} has no version`,
      );
    }
    const parentId = raw.ancestors ? (raw.ancestors.at(-1)?.id ?? null) : (known?.parentId ?? null);
    return {
      id: raw.id,
      title: raw.title,
      parentId,
      version,
      lastModified: raw.version?.when ?? '',
      spaceId: raw.space?.id ?? this.spaceIdOf(raw.space?.key) ?? fallbackSpaceId,
      ...(raw.status ? { status: raw.status } : {}),
    };
  }

  private spaceIdOf(key: string | undefined): string | undefined {
    if (key === undefined) return undefined;
    for (const space of this.spacesById.values()) if (space.key === key) return space.id;
    return undefined;
  }

  private pageOf(raw: V1Content): Page {
    const body = raw.body?.storage?.value;
    if (body === undefined) {
      throw badResponse(
        { method: 'GET', path: `${V1}/content/${raw.id}`, identity: this.http.identity },
        `page ${raw.id} has no storage body`,
      );
    }
    return { ...this.summaryOf(raw, this.spaceIdOf(raw.space?.key) ?? ''), body };
  }
}
