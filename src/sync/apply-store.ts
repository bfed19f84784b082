/**
 * The manifest as apply sees it: one in-memory copy, changed one page at a time, and saved (through
 * a serial queue, so writes never interleave) right after each applied change. A run killed at any
 * moment leaves a manifest that describes everything applied before the kill (a change counts as
 * applied once its save resolved).
 */
import type { Manifest, ManifestPage } from './types.js';
import { createSerialQueue } from './lock.js';

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

  async put(page: ManifestPage): Promise<void> {
    this.manifest.pages[page.id] = page;
    await this.save();
  }

  async remove(id: string): Promise<void> {
    if (!(id in this.manifest.pages)) return;
    delete this.manifest.pages[id];
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
      await this.saveFn(structuredClone(this.manifest));
      this.writes += 1;
    });
    this.waiting = waiting;
    return waiting;
  }
}
