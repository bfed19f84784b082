/**
 * The manifest as apply sees it: one in-memory copy, changed one page at a time, and saved (through
 * a serial queue, so writes never interleave) right after each applied change. A run killed at any
 * moment leaves a manifest that describes everything applied before the kill (a change counts as
 * applied once its save resolved).
 *
 * Apply runs with `deferSaves` on: put/remove/detach start the save and return without waiting for
 * it, so the change's concurrency slot is free for the next request while the file is written;
 * the queue then waits for `durable()` before it counts the change as done. Saves started while
 * one is waiting to begin are one write, and a deferred save waits a few milliseconds before it
 * begins, so the changes of a busy moment share a save.
 */
import type { DetachedPage, Manifest, ManifestPage } from '../types.js';
import { createSerialQueue } from '../state/lock.js';
import { isFrozenPage } from '../state/manifest.js';

export type SaveManifest = (manifest: Manifest) => Promise<void>;

/** How long a deferred save waits for more changes to carry. */
const GATHER_MS = 15;

export class ManifestStore {
  readonly manifest: Manifest;
  private readonly queue = createSerialQueue();
  private readonly saveFn: SaveManifest;
  private writes = 0;
  private waiting: Promise<void> | null = null;
  /** The save that covers every change recorded so far. */
  private latest: Promise<void> = Promise.resolve();
  /** When set, recording a change does not wait for its save (see `durable`). */
  deferSaves = false;

  constructor(manifest: Manifest, save: SaveManifest) {
    this.manifest = manifest;
    this.saveFn = save;
  }

  page(id: string): ManifestPage | undefined {
    return this.manifest.pages[id];
  }

  /** The page whose file (or virtual folder) is at this path, relative to localRoot. */
  pageByPath(localPath: string): ManifestPage | undefined {
    // An index, checked on every hit (entries are also replaced directly, e.g. when a folder moves)
    // and rebuilt on a miss: a lookup per change no longer walks every page.
    const known = this.byPath?.get(localPath);
    if (known && this.manifest.pages[known.id] === known && known.localPath === localPath) return known;
    this.byPath = new Map();
    for (const page of Object.values(this.manifest.pages))
      if (!this.byPath.has(page.localPath)) this.byPath.set(page.localPath, page);
    return this.byPath.get(localPath);
  }

  private byPath: Map<string, ManifestPage> | undefined;

  /** Records a synced page (a detached page that is linked again stops being detached). */
  async put(page: ManifestPage): Promise<void> {
    this.manifest.pages[page.id] = page;
    if (this.manifest.detached) delete this.manifest.detached[page.id];
    await this.record();
  }

  /** Forgets a page entirely: neither synced nor detached. */
  async remove(id: string): Promise<void> {
    const detached = this.manifest.detached ?? {};
    if (!(id in this.manifest.pages) && !(id in detached)) return;
    delete this.manifest.pages[id];
    delete detached[id];
    await this.record();
  }

  /** The page stays in Confluence but is no longer synced: plan leaves it (and its subtree) alone. */
  async detach(id: string, record: DetachedPage): Promise<void> {
    delete this.manifest.pages[id];
    this.manifest.detached = { ...(this.manifest.detached ?? {}), [id]: record };
    await this.record();
  }

  /**
   * Resolves once every change recorded before this call is on disk; rejects when that save
   * failed (the changes it carried are then not durable).
   */
  durable(): Promise<void> {
    return this.latest;
  }

  private record(): Promise<void> {
    const saved = this.save();
    if (!this.deferSaves) return saved;
    saved.catch(() => undefined); // reported through durable() to the changes it carried
    return Promise.resolve();
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
      // Deferred (apply): a few milliseconds gather the changes finishing meanwhile into this write,
      // instead of one write of the whole manifest per change. Nobody waits on it but the report.
      if (this.deferSaves) await new Promise((resolve) => setTimeout(resolve, GATHER_MS));
      this.waiting = null;
      await this.saveFn(this.snapshot());
      this.writes += 1;
    });
    this.waiting = waiting;
    this.latest = waiting;
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
  // Prototype-free, like the manifest's own maps: an attachment named "__proto__" is a name like any other.
  const attachments = Object.create(null) as ManifestPage['attachments'];
  for (const [name, a] of Object.entries(page.attachments)) attachments[name] = Object.freeze({ ...a });
  return Object.freeze({
    ...page,
    labels: Object.freeze([...page.labels]) as string[],
    attachments: Object.freeze(attachments),
  });
}
