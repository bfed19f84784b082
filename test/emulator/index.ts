/**
 * A local Confluence for tests, demos and benchmarks: `startEmulator()` serves the subset of
 * Cloud REST v2/v1 and Data Center REST v1 that confluence-sync uses, on 127.0.0.1.
 */
import type { AddressInfo } from 'node:net';
import { createAdminHandler } from './admin.js';
import type { EmulatorUser } from './auth.js';
import {
  DirectAccess,
  type DirectAttachment,
  type DirectEdit,
  type DirectContent,
  type DirectInlineComment,
  type DirectPage,
} from './direct.js';
import { FaultInjector, faultsSchema, type Faults } from './faults.js';
import { Router } from './http-kit.js';
import type { ContentKind, Data } from './model.js';
import { loadData, saveData } from './persist.js';
import { cloudV2FolderRoutes } from './routes/cloud-v2-folders.js';
import { cloudV2InlineCommentRoutes } from './routes/cloud-v2-inline-comments.js';
import { cloudV2PageExtraRoutes } from './routes/cloud-v2-page-extras.js';
import { cloudV2PageRoutes } from './routes/cloud-v2-pages.js';
import { cloudV2SpaceRoutes } from './routes/cloud-v2-spaces.js';
import { cloudV2TreeRoutes } from './routes/cloud-v2-tree.js';
import { pageOperationRoutes } from './routes/page-operations.js';
import { v1AttachmentRoutes } from './routes/v1-attachments.js';
import { v1ArchiveRoutes } from './routes/v1-archive.js';
import { v1ContentRoutes } from './routes/v1-content.js';
import { v1LabelRoutes } from './routes/v1-labels.js';
import { v1SearchRoutes } from './routes/v1-search.js';
import { seedData } from './seed.js';
import { createEmulatorServer } from './server.js';
import { StatsCounter, type EmulatorStats } from './stats.js';
import { Store } from './store.js';
import { MediaHost } from './media-host.js';

export type { Faults } from './faults.js';
export type { EmulatorStats } from './stats.js';
export type {
  DirectPage,
  DirectAttachment,
  DirectContent,
  DirectEdit,
  DirectInlineComment,
} from './direct.js';
export type { ContentKind } from './model.js';
export { checkStorageXml, formatXmlProblem, type XmlProblem } from './storage-xml.js';

export interface EmulatorOptions {
  /** 0 = random (default 0). */
  port?: number;
  flavor?: 'cloud' | 'datacenter';
  /** Added to every API request. */
  latencyMs?: number;
  /** JSON persistence: loaded at start if present, saved after writes and on stop. */
  dataFile?: string;
  users?: EmulatorUser[];
  faults?: Faults;
  /** Cloud: v1 content CRUD under /wiki/rest/api answers normally or 410 GoneException (default ok). */
  cloudV1Content?: 'ok' | 'gone';
  /** Request body limit (default 5 MiB) → 413. */
  maxBodyBytes?: number;
  /**
   * A person's edits (editPage, PUT /__emulator/pages/{id}) are saved as the Cloud editor saves them,
   * with its metadata added (default false; switch with setEditorMetadata or PUT /__emulator/editor-metadata).
   */
  editorMetadata?: boolean;
}

export interface Emulator {
  /** cloud: http://127.0.0.1:PORT/wiki   datacenter: http://127.0.0.1:PORT */
  url: string;
  port: number;
  flavor: 'cloud' | 'datacenter';
  /** Cloud: requests that reached the media host with credentials (it refuses them). */
  mediaCredentialLeaks(): number;
  stop(): Promise<void>;
  stats(): EmulatorStats;
  resetStats(): void;
  setFaults(f: Faults | null): void;
  /** Back to the seed data, stats zeroed, faults cleared. */
  reset(): void;
  spaces(): { id: string; key: string; name: string; homepageId: string }[];
  pages(spaceKey: string): DirectPage[];
  getPage(id: string): DirectPage | undefined;
  createPage(p: { spaceKey: string; parentId?: string; title: string; body: string }): {
    id: string;
    version: number;
  };
  editPage(id: string, p: DirectEdit): { version: number };
  setEditorMetadata(on: boolean): void;
  /** A person comments on a text selection (occurrence matchIndex, default 0): no new page version. */
  addInlineComment(
    id: string,
    p: { textSelection: string; matchIndex?: number; body?: string },
  ): DirectInlineComment;
  inlineComments(id: string): DirectInlineComment[];
  /** To the trash. */
  deletePage(id: string): void;
  attachments(pageId: string): DirectAttachment[];
  /** Cloud's non-page content (folders, whiteboards, databases, embeds), trashed included. */
  content(spaceKey: string): DirectContent[];
  /** As a person in Confluence; parentId defaults to the space home page, null = top level. */
  createContent(p: { spaceKey: string; kind: ContentKind; title: string; parentId?: string | null }): {
    id: string;
  };
  editContent(id: string, p: { title?: string; parentId?: string }): void;
  deleteContent(id: string): void;
}

export const DEFAULT_USERS: EmulatorUser[] = [{ username: 'ci@example.com', token: 'emulator-token' }];
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const flavor = options.flavor ?? 'cloud';
  const dataFile = options.dataFile;
  const save = (data: Data) => {
    if (dataFile) saveData(dataFile, data);
  };
  const makeStore = (data: Data) => {
    const store: Store = new Store(data, () => save(store.data));
    return store;
  };
  let store = makeStore((dataFile ? loadData(dataFile) : undefined) ?? seedData());

  const router = new Router();
  if (flavor === 'cloud') {
    router.add([
      ...cloudV2SpaceRoutes(),
      ...cloudV2PageRoutes(),
      ...cloudV2TreeRoutes(),
      ...cloudV2FolderRoutes(),
      ...cloudV2PageExtraRoutes(),
      ...pageOperationRoutes(),
      ...cloudV2InlineCommentRoutes(),
    ]);
  }
  const v1Prefix = flavor === 'cloud' ? '/wiki/rest/api' : '/rest/api';
  const downloadPrefix = flavor === 'cloud' ? '/wiki/download' : '/download';
  const media = flavor === 'cloud' ? new MediaHost() : undefined;
  await media?.start();
  router.add([
    ...v1ArchiveRoutes(v1Prefix),
    ...v1ContentRoutes(v1Prefix),
    ...v1AttachmentRoutes(v1Prefix, downloadPrefix, media),
    ...v1LabelRoutes(v1Prefix),
    ...v1SearchRoutes(v1Prefix),
  ]);

  const faults = new FaultInjector();
  const initialFaults = options.faults ? faultsSchema.parse(options.faults) : null;
  faults.set(initialFaults);
  const stats = new StatsCounter();
  let editorMetadata = options.editorMetadata ?? false;
  const direct = new DirectAccess(
    () => store,
    () => editorMetadata,
  );
  const hangs = new Set<NodeJS.Timeout>();

  const control = {
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    setFaults: (f: Faults | null) => faults.set(f ? faultsSchema.parse(f) : null),
    setEditorMetadata: (on: boolean) => {
      editorMetadata = on;
    },
    reset: () => {
      editorMetadata = options.editorMetadata ?? false;
      store = makeStore(seedData());
      save(store.data);
      stats.reset();
      faults.set(null);
    },
  };

  const server = createEmulatorServer({
    flavor,
    users: options.users ?? DEFAULT_USERS,
    latencyMs: options.latencyMs ?? 0,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    cloudV1Content: options.cloudV1Content ?? 'ok',
    router,
    faults,
    stats,
    store: () => store,
    admin: createAdminHandler({ ...control, direct }),
    hangs,
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: flavor === 'cloud' ? `http://127.0.0.1:${port}/wiki` : `http://127.0.0.1:${port}`,
    port,
    flavor,
    ...control,
    mediaCredentialLeaks: () => media?.credentialLeaks ?? 0,
    stop: async () => {
      for (const timer of hangs) clearTimeout(timer);
      hangs.clear();
      save(store.data);
      await media?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    spaces: () => direct.spaces(),
    pages: (key) => direct.pages(key),
    getPage: (id) => direct.getPage(id),
    createPage: (p) => direct.createPage(p),
    editPage: (id, p) => direct.editPage(id, p),
    addInlineComment: (id, p) => direct.addInlineComment(id, p),
    inlineComments: (id) => direct.inlineComments(id),
    deletePage: (id) => direct.deletePage(id),
    attachments: (id) => direct.attachments(id),
    content: (key) => direct.content(key),
    createContent: (p) => direct.createContent(p),
    editContent: (id, p) => direct.editContent(id, p),
    deleteContent: (id) => direct.deleteContent(id),
  };
}
