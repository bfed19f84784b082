/**
 * The one interface the engine uses to talk to Confluence. Two implementations live beside it:
 * cloud.ts (REST v2, v1 only where v2 lacks a call) and datacenter.ts (REST v1). Neither knows
 * anything of Markdown. All ids are strings; bodies are storage format (XHTML-like XML).
 */

export type Flavor = 'cloud' | 'datacenter';

export interface Credentials {
  /** Cloud: the Atlassian account e-mail (Basic auth). Absent for Data Center personal access tokens. */
  username?: string;
  /** API token (Cloud) or personal access token (Data Center, sent as Bearer when no username). */
  token: string;
}

/** Told to ClientOptions.onEvent: a retry about to wait, or any answer (with its rate-limit headers only). */
export type TransportEvent =
  | {
      type: 'retry';
      reason: 'network' | 'rate-limited' | 'server';
      /** HTTP status for rate-limited / server. */
      status?: number;
      /** Network error code (ECONNREFUSED, timeout, …). */
      detail?: string;
      method: string;
      path: string;
      waitMs: number;
      /** 1-based number of the attempt that follows the wait. */
      nextAttempt: number;
      attempts: number;
    }
  | {
      type: 'response';
      method: string;
      path: string;
      status: number;
      /** Only the rate-limit headers (X-RateLimit-*, RateLimit-*, Retry-After), lower-cased names. */
      rateLimitHeaders: Record<string, string>;
    };

export interface ClientOptions {
  /** Site base, e.g. https://example.atlassian.net/wiki or https://confluence.corp:8090 */
  baseUrl: string;
  credentials: Credentials;
  /** Overrides detection from the URL (`*.atlassian.net` → cloud, else datacenter). */
  flavor?: Flavor;
  /** Per-request timeout in ms (default 30 000). */
  timeoutMs?: number;
  /** Retries for 429/5xx/network errors (default 5). */
  retries?: number;
  /** Upper bound for one Retry-After/backoff wait in ms (default 60 000). */
  maxRetryDelayMs?: number;
  /** Consecutive failed requests (after retries) before every further call fails fast with CS-011 (default 10). */
  circuitBreakerThreshold?: number;
  /**
   * Requests one call may send side by side (Data Center reads bodies in batches of 50, a few at once;
   * default 4): the run's concurrentOperations, so a limit set for a rate limit holds inside a call too.
   */
  concurrency?: number;
  /** Debug sink: never receives tokens or bodies. */
  log?: (line: string) => void;
  /** Retries and answers as they happen (for a face to show waiting; never tokens or bodies). */
  onEvent?: (event: TransportEvent) => void;
  /** Test hook: replaces setTimeout-based sleeping. */
  sleep?: (ms: number) => Promise<void>;
  /** Test hook: random in [0,1) for jitter. */
  random?: () => number;
}

export interface Space {
  id: string;
  key: string;
  name: string;
  homepageId: string | null;
}

/** What a tree listing returns: everything needed for change detection, no body. */
export interface PageSummary {
  id: string;
  title: string;
  parentId: string | null;
  /** Version number (1 = created). */
  version: number;
  /** ISO time of the current version. */
  lastModified: string;
  spaceId: string;
  /** "current" or "archived" (listings include archived pages); absent when the API did not say. */
  status?: string;
  /** Cloud: what the parent is (a page may sit under a folder, whiteboard, …); absent: a page. */
  parentType?: TreeType;
}

/** Cloud's hierarchical content types; Data Center only has pages. */
export type TreeType = 'page' | 'folder' | 'whiteboard' | 'database' | 'embed';

/**
 * Content in the page tree that is not a page: folders (which the sync maps to directories) and
 * whiteboards, databases, embeds (listed, reported "not synced", never written). A type Confluence
 * adds later keeps its own name in `type` and is treated like a whiteboard.
 */
export interface TreeNode {
  id: string;
  type: string;
  title: string;
  parentId: string | null;
}

/** The docs tree under the root: its pages (with versions) and everything else in it. */
export interface ContentTree {
  pages: PageSummary[];
  others: TreeNode[];
}

export interface ContentTreeOptions {
  /**
   * Cloud: walk the root's descendants even when no page of the space sits under a folder, whiteboard,
   * database or embed (status reports whiteboards; a new directory may join a folder). Without it
   * a space without folders costs what the page listing costs.
   */
  everything?: boolean;
}

export interface CreateFolderInput {
  spaceId: string;
  parentId: string;
  title: string;
}

export interface UpdateFolderInput {
  id: string;
  /** New title and/or new parent; the other stays. */
  title?: string;
  parentId?: string;
}

export interface Page extends PageSummary {
  /** Storage-format body. */
  body: string;
}

export interface CreatePageInput {
  spaceId: string;
  /** Data Center creates pages by space key; known from getSpace() when absent. */
  spaceKey?: string;
  /** Parent page; the space home page when absent. */
  parentId?: string;
  title: string;
  body: string;
  message?: string;
}

export interface UpdatePageInput {
  id: string;
  spaceId: string;
  title: string;
  /** May differ from the current parent: the page moves. */
  parentId?: string;
  body: string;
  /** The version this update is based on; the request carries baseVersion + 1. Stale → CS-005. */
  baseVersion: number;
  message?: string;
}

export interface MovePageInput {
  id: string;
  spaceId: string;
  /** New parent and/or new title; the body is kept. */
  parentId?: string;
  title?: string;
  baseVersion: number;
}

export interface Attachment {
  id: string;
  pageId: string;
  /** File name, unique per page. */
  title: string;
  mediaType: string;
  fileSize: number;
  version: number;
  /** Free text; the engine stores a content hash here to skip unchanged uploads. */
  comment: string;
  /** Download link as Confluence gave it (relative to the site); the client falls back to the v1 route. */
  downloadPath?: string;
}

export interface UploadAttachmentInput {
  pageId: string;
  filename: string;
  data: Uint8Array;
  mediaType: string;
  comment?: string;
}

export interface ConfluenceClient {
  readonly flavor: Flavor;
  readonly baseUrl: string;

  getSpace(key: string): Promise<Space>;
  /**
   * Every page under rootId (rootId included), without bodies, in as few requests as the API
   * allows (pages of the maximum size). Order: parents before children is NOT guaranteed.
   * Archived pages (and pages under them) are not part of the tree.
   */
  listTree(space: Space, rootId: string): Promise<PageSummary[]>;
  /**
   * The same tree with its folders, whiteboards, databases and embeds (Cloud); pages under folders
   * at any depth are in `pages`. Data Center: `listTree` and no others.
   */
  listContentTree(space: Space, rootId: string, options?: ContentTreeOptions): Promise<ContentTree>;
  /** Cloud has folders; Data Center does not (the folder calls then fail with CS-014). */
  readonly supportsFolders: boolean;
  createFolder(input: CreateFolderInput): Promise<TreeNode>;
  /** Renames and/or moves a folder (its id stays). */
  updateFolder(input: UpdateFolderInput): Promise<TreeNode>;
  /** Moves the folder to the trash (its children move up to its parent); already gone is done. */
  deleteFolder(id: string): Promise<void>;
  /** The folder by id, or null when it is gone (404 or trashed). */
  getFolder(id: string): Promise<TreeNode | null>;
  /** One page with its storage body; `version` reads a historical version. */
  getPage(id: string, version?: number): Promise<Page>;
  /**
   * Several pages with bodies, batched where the API allows (Cloud: 250 ids a request, one after the
   * other; Data Center: 50, up to `atOnce` and the client's concurrency side by side).
   */
  getPages(ids: readonly string[], atOnce?: number): Promise<Page[]>;
  /** Exact title lookup in a space (titles are unique per space, ignoring case). */
  findPageByTitle(space: Space, title: string): Promise<PageSummary | null>;
  /** Many title lookups batched (CQL, 50 titles a request): lower-cased title → page id, for those found. */
  findPagesByTitles(space: Space, titles: readonly string[]): Promise<Map<string, string>>;
  /** Never blindly retried: after an ambiguous failure it looks the title up first. */
  createPage(input: CreatePageInput): Promise<PageSummary>;
  updatePage(input: UpdatePageInput): Promise<PageSummary>;
  movePage(input: MovePageInput): Promise<PageSummary>;
  /** Moves the page to the trash. */
  deletePage(id: string): Promise<void>;
  /**
   * Archives the page (Cloud; Data Center 7.10+) and resolves once Confluence finished the archive task.
   * An archived page keeps its title (no other page may take it) and is not part of listTree.
   */
  archivePage(id: string): Promise<void>;

  /** The page's newest version: its number and change message (`confluence-sync` on the tool's own writes). */
  latestVersion(pageId: string): Promise<{ number: number; message: string } | null>;

  getLabels(pageId: string): Promise<string[]>;
  addLabels(pageId: string, labels: readonly string[]): Promise<void>;
  removeLabel(pageId: string, label: string): Promise<void>;

  listAttachments(pageId: string): Promise<Attachment[]>;
  /** Creates the attachment or adds a new version of the same-named one. */
  uploadAttachment(input: UploadAttachmentInput): Promise<Attachment>;
  downloadAttachment(attachment: Attachment): Promise<Uint8Array>;

  /** Browser URL of a page, for reports. */
  pageUrl(id: string, spaceKey?: string): string;
}
