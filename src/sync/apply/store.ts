/**
 * The manifest as apply sees it: one in-memory copy, changed one page at a time, and saved (through
 * a serial queue, so writes never interleave) right after each applied change. A run killed at any
 * moment leaves a manifest that describes everything applied before the kill (a change counts as
 * applied once its save resolved).
 */
import type { DetachedPage, Manifest, ManifestPage } from '../types.js';
import { createSerialQueue } from '../state/lock.js';
import { isFrozenPage } from '../state/manifest.js';

export type SaveManifest = (manifest: Manifest) => Promise<void>;

export class ManifestStore {
  readonly manifest: Manifest;
  private readonly queue = createSerialQueue();
  private readonly saveFn: SaveManifest;
  private writes = 0;
  private waiting: Promise<void> | null = null;

  constructor(manifest: Manifest, save: SaveManifest) {
    this.manifest = manifest;
    this.saveFn = save;
  }

  page(id: string): ManifestPage | undefined {
    return this.manifest.pages[id];
  }

  /** The page whose file (or virtual folder) is at this path, relative to localRoot. */
  pageByPath(localPath: string): ManifestPage | undefined {
    return Object.values(this.manifest.pages).find((p) => p.localPath === localPath);
  }

  /** Records a synced page (a detached page that is linked again stops being detached). */
  async put(page: ManifestPage): Promise<void> {
    this.manifest.pages[page.id] = page;
    if (this.manifest.detached) delete this.manifest.detached[page.id];
    await this.save();
  }

  /** Forgets a page entirely: neither synced nor detached. */
  async remove(id: string): Promise<void> {
    const detached = this.manifest.detached ?? {};
    if (!(id in this.manifest.pages) && !(id in detached)) return;
    delete this.manifest.pages[id];
    delete detached[id];
    await this.save();
  }

  /** The page stays in Confluence but is no longer synced: plan leaves it (and its subtree) alone. */
  async detach(id: string, record: DetachedPage): Promise<void> {
    delete this.manifest.pages[id];
    this.manifest.detached = { ...(this.manifest.detached ?? {}), [id]: record };
    await this.save();
  }

  /** How many times the manifest was written by this run. */
  get saves(): number {
    return this.writes;
  }

  /**
   * Resolves once a snapshot taken after this call is on disk. Calls made while a save is waiting
   * to start share it (its snapshot includes their changes), so concurrent changes cost one write.
   */
  save(): Promise<void> {
    if (this.waiting) return this.waiting;
    const waiting = this.queue.run(async () => {
      this.waiting = null;
      await this.saveFn(this.snapshot());
      this.writes += 1;
    });
    this.waiting = waiting;
    return waiting;
  }

  /**
   * The manifest as it is now, without copying every page: pages are frozen (a frozen copy replaces
   * one that is not), so later changes replace entries of the live maps and never reach the snapshot.
   * Frozen pages also let serialiseManifest reuse each unchanged page's text.
   */
  private snapshot(): Manifest {
    const pages = this.manifest.pages;
    for (const id of Object.keys(pages)) {
      const page = pages[id]!;
      if (!isFrozenPage(page)) pages[id] = frozenCopy(page);
    }
    const snapshot: Manifest = { ...this.manifest, pages: { ...pages } };
    if (this.manifest.detached) snapshot.detached = structuredClone(this.manifest.detached);
    return snapshot;
  }
}

function frozenCopy(page: ManifestPage): ManifestPage {
  const attachments: ManifestPage['attachments'] = {};
  for (const [name, a] of Object.entries(page.attachments)) attachments[name] = Object.freeze({ ...a });
  return Object.freeze({
    ...page,
    labels: Object.freeze([...page.labels]) as string[],
    attachments: Object.freeze(attachments),
  });
}
