/**
 * Confluence Cloud: REST v2 under {base}/api/v2, and v1 under {base}/rest/api only where v2 has
 * no call (label writes, attachment upload).
 */
import { SyncError } from '../errors.js';
import { archiveViaV1 } from './archive.js';
import { badResponse } from './errors-map.js';
import { latestVersionOf } from './page-history.js';
import type { Transport } from './http.js';
import { uploadViaV1 } from './attachment-upload.js';
import { assembleTree, walkDescendants } from './content-tree.js';
import { createFolderV2, deleteFolderV2, getFolderV2, updateFolderV1 } from './folders.js';
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
  v2AttachmentListSchema,
  v2LabelListSchema,
  v2PageListSchema,
  v2PageSchema,
  v2SpaceListSchema,
  v2SpaceSchema,
  type V2Page,
} from './schemas.js';
import type {
  Attachment,
  ConfluenceClient,
  ContentTree,
  ContentTreeOptions,
  CreateFolderInput,
  CreatePageInput,
  MovePageInput,
  Page,
  PageSummary,
  Space,
  TreeNode,
  UpdateFolderInput,
  UpdatePageInput,
  UploadAttachmentInput,
} from './types.js';

const V2 = '/api/v2';
const V1 = '/rest/api';
const MAX_LIMIT = 250;

function summaryOf(raw: V2Page): PageSummary {
  return {
    id: raw.id,
    title: raw.title,
    parentId: raw.parentId ?? null,
    version: raw.version.number,
    lastModified: raw.version.createdAt ?? raw.createdAt ?? '',
    spaceId: raw.spaceId,
    ...(raw.status ? { status: raw.status } : {}),
  };
}

const PARENT_TYPES = new Set(['folder', 'whiteboard', 'database', 'embed']);

export class CloudClient implements ConfluenceClient {
  readonly flavor = 'cloud' as const;
  readonly supportsFolders = true;
  private readonly spaces = new Map<string, Space>();

  constructor(private readonly http: Transport) {}

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  async getSpace(key: string): Promise<Space> {
    const answer = await this.http.json(
      { method: 'GET', path: `${V2}/spaces`, query: { keys: key }, subject: `space ${key}` },
      v2SpaceListSchema,
    );
    const found = answer.results.find((s) => s.key === key);
    if (!found) {
      throw new SyncError('CS-003', `Space ${key} not found or not visible to ${this.who()}.`, {
        hint: 'Check spaceKey (it is case-sensitive, e.g. DOCS) and that this user may view the space.',
        status: 404,
      });
    }
    const space: Space = {
      id: found.id,
      key: found.key,
      name: found.name,
      homepageId: found.homepageId ?? null,
    };
    this.spaces.set(space.id, space);
    return space;
  }

  async listTree(space: Space, rootId: string): Promise<PageSummary[]> {
    const all = await this.spacePages(space);
    // The listing includes archived pages by default; they (and pages under them) are not synced.
    const tree = subtree(
      all.filter((p) => p.status !== 'archived'),
      rootId,
    );
    if (tree.length === 0) throw this.rootNotFound(space, rootId);
    return tree;
  }

  async listContentTree(
    space: Space,
    rootId: string,
    options: ContentTreeOptions = {},
  ): Promise<ContentTree> {
    const all = await this.spacePages(space);
    if (!all.some((p) => p.id === rootId && p.status !== 'archived')) throw this.rootNotFound(space, rootId);
    if (!options.everything && !all.some((p) => p.parentType !== undefined)) {
      // No page of the space hangs under anything but a page: the page listing is the whole synced tree.
      return assembleTree(all, [], rootId);
    }
    const parents = new Set(all.map((p) => p.parentId));
    const descendants = await walkDescendants(this.http, V2, rootId, (id) => parents.has(id));
    return assembleTree(all, descendants, rootId);
  }

  async createFolder(input: CreateFolderInput): Promise<TreeNode> {
    return createFolderV2(this.http, V2, input);
  }

  async updateFolder(input: UpdateFolderInput): Promise<TreeNode> {
    return updateFolderV1(this.http, V2, V1, input);
  }

  async deleteFolder(id: string): Promise<void> {
    await deleteFolderV2(this.http, V2, id);
  }

  async getFolder(id: string): Promise<TreeNode | null> {
    return getFolderV2(this.http, V2, id);
  }

  private rootNotFound(space: Space, rootId: string): SyncError {
    return new SyncError('CS-003', `Page ${rootId} not found in space ${space.key}.`, {
      hint: 'Check parentPageId: it must be a page of this space that the user may view.',
      status: 404,
    });
  }

  private async spacePages(space: Space): Promise<PageSummary[]> {
    this.spaces.set(space.id, space);
    const all = await collectAll(
      this.http,
      {
        method: 'GET',
        path: `${V2}/spaces/${encodeURIComponent(space.id)}/pages`,
        query: { limit: MAX_LIMIT, sort: 'id' },
        subject: `the pages of space ${space.key}`,
      },
      v2PageListSchema,
    );
    return all.map((raw) => {
      const summary = summaryOf(raw);
      const type = raw.parentType ?? undefined;
      return type && PARENT_TYPES.has(type)
        ? { ...summary, parentType: type as PageSummary['parentType'] }
        : summary;
    });
  }

  async getPage(id: string, version?: number): Promise<Page> {
    const raw = await this.http.json(
      {
        method: 'GET',
        path: `${V2}/pages/${encodeURIComponent(id)}`,
        query: { 'body-format': 'storage', version },
        subject: version === undefined ? `page ${id}` : `version ${version} of page ${id}`,
      },
      v2PageSchema,
    );
    return this.pageOf(raw, `${V2}/pages/${id}`);
  }

  async getPages(ids: readonly string[]): Promise<Page[]> {
    const unique = [...new Set(ids)];
    const byId = new Map<string, Page>();
    for (const batch of chunk(unique, MAX_LIMIT)) {
      const raws = await collectAll(
        this.http,
        {
          method: 'GET',
          path: `${V2}/pages`,
          query: { id: batch.join(','), 'body-format': 'storage', limit: MAX_LIMIT },
          subject: `${batch.length} pages`,
        },
        v2PageListSchema,
      );
      for (const raw of raws) byId.set(raw.id, this.pageOf(raw, `${V2}/pages`));
    }
    return unique.flatMap((id) => byId.get(id) ?? []);
  }

  async findPageByTitle(space: Space, title: string): Promise<PageSummary | null> {
    return this.findByTitle(space.id, title);
  }

  async findPagesByTitles(space: Space, titles: readonly string[]): Promise<Map<string, string>> {
    return findTitlesViaCql(this.http, V1, space.key, titles);
  }

  async createPage(input: CreatePageInput): Promise<PageSummary> {
    return createWithoutDuplicates(this.http, {
      attempt: async () => {
        const raw = await this.http.json(
          {
            method: 'POST',
            path: `${V2}/pages`,
            json: {
              spaceId: input.spaceId,
              status: 'current',
              title: input.title,
              ...(input.parentId === undefined ? {} : { parentId: input.parentId }),
              body: { representation: 'storage', value: input.body },
            },
            subject: `the new page "${input.title}"`,
          },
          v2PageSchema,
        );
        return summaryOf(raw);
      },
      lookup: () => this.findByTitle(input.spaceId, input.title),
      expectedParentId: async () => input.parentId ?? (await this.homepageOf(input.spaceId)),
    });
  }

  async updatePage(input: UpdatePageInput): Promise<PageSummary> {
    const version = input.baseVersion + 1;
    return updateSurvivingLostAnswer(
      async () => {
        const raw = await this.http.json(
          {
            method: 'PUT',
            path: `${V2}/pages/${encodeURIComponent(input.id)}`,
            json: {
              id: input.id,
              status: 'current',
              title: input.title,
              spaceId: input.spaceId,
              ...(input.parentId === undefined ? {} : { parentId: input.parentId }),
              body: { representation: 'storage', value: input.body },
              version: { number: version, message: input.message ?? '' },
            },
            subject: `page ${input.id} ("${input.title}")`,
          },
          v2PageSchema,
        );
        return summaryOf(raw);
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
      path: `${V2}/pages/${encodeURIComponent(id)}`,
      subject: `page ${id}`,
    });
  }

  async archivePage(id: string): Promise<void> {
    await archiveViaV1(this.http, V1, id);
  }

  async latestVersion(pageId: string): Promise<{ number: number; message: string } | null> {
    return latestVersionOf(this.http, pageId, 'v2');
  }

  async getLabels(pageId: string): Promise<string[]> {
    const labels = await collectAll(
      this.http,
      {
        method: 'GET',
        path: `${V2}/pages/${encodeURIComponent(pageId)}/labels`,
        query: { limit: MAX_LIMIT },
        subject: `the labels of page ${pageId}`,
      },
      v2LabelListSchema,
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
        path: `${V2}/pages/${encodeURIComponent(pageId)}/attachments`,
        query: { limit: MAX_LIMIT },
        subject: `the attachments of page ${pageId}`,
      },
      v2AttachmentListSchema,
    );
    return raws.map((raw) => ({
      id: raw.id,
      pageId: raw.pageId ?? pageId,
      title: raw.title,
      mediaType: raw.mediaType,
      fileSize: raw.fileSize,
      version: raw.version.number,
      comment: raw.comment ?? '',
      ...(raw.downloadLink ? { downloadPath: raw.downloadLink } : {}),
    }));
  }

  async uploadAttachment(input: UploadAttachmentInput): Promise<Attachment> {
    return uploadViaV1(this.http, V1, input);
  }

  async downloadAttachment(attachment: Attachment): Promise<Uint8Array> {
    return downloadViaV1(this.http, V1, attachment, 'rest');
  }

  pageUrl(id: string, spaceKey?: string): string {
    return spaceKey
      ? `${this.baseUrl}/spaces/${encodeURIComponent(spaceKey)}/pages/${encodeURIComponent(id)}`
      : `${this.baseUrl}/pages/viewpage.action?pageId=${encodeURIComponent(id)}`;
  }

  private async findByTitle(spaceId: string, title: string): Promise<PageSummary | null> {
    const raws = await collectAll(
      this.http,
      {
        method: 'GET',
        path: `${V2}/pages`,
        query: { 'space-id': spaceId, title, limit: MAX_LIMIT },
        subject: `the page titled "${title}"`,
      },
      v2PageListSchema,
    );
    const found = raws.find((raw) => raw.title === title && raw.status !== 'trashed');
    return found ? summaryOf(found) : null;
  }

  private async homepageOf(spaceId: string): Promise<string | null> {
    const known = this.spaces.get(spaceId);
    if (known) return known.homepageId;
    const raw = await this.http.json(
      { method: 'GET', path: `${V2}/spaces/${encodeURIComponent(spaceId)}`, subject: `space ${spaceId}` },
      v2SpaceSchema,
    );
    return raw.homepageId ?? null;
  }

  private pageOf(raw: V2Page, path: string): Page {
    const body = raw.body?.storage?.value;
    if (body === undefined) {
      throw badResponse(
        { method: 'GET', path, identity: this.http.identity },
        `page ${raw.id} has no storage body`,
      );
    }
    return { ...summaryOf(raw), body };
  }

  private who(): string {
    const { username, host } = this.http.identity;
    return username ? `${username} at ${host}` : host;
  }
}
