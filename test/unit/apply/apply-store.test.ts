import { describe, expect, it } from 'vitest';
import { ManifestStore } from '../../../src/sync/apply/store.js';
import type { Manifest, ManifestPage } from '../../../src/sync/types.js';

const manifest = (): Manifest => ({
  version: 4,
  confluenceUrl: 'https://example.atlassian.net/wiki',
  spaceKey: 'DOCS',
  rootPageId: '1',
  lastSyncTime: null,
  pages: {},
});

const page = (id: string): ManifestPage => ({
  id,
  spaceKey: 'DOCS',
  title: `Page ${id}`,
  version: 1,
  parentId: '1',
  lastModified: '',
  localPath: `p${id}.md`,
  contentHash: 'h',
  status: 'synced',
  labels: [],
  attachments: {},
});

describe('ManifestStore', () => {
  it('finds a page by path after puts, saves (frozen copies) and entries replaced directly', async () => {
    const store = new ManifestStore(manifest(), async () => undefined);
    await store.put(page('1'));
    await store.put(page('2'));
    expect(store.pageByPath('p2.md')?.id).toBe('2');
    await store.save();
    expect(store.pageByPath('p2.md')).toBe(store.manifest.pages['2']);
    // a folder move rewrites entries in place, outside put()
    store.manifest.pages['2'] = { ...store.manifest.pages['2']!, localPath: 'moved/p2.md' };
    expect(store.pageByPath('p2.md')).toBeUndefined();
    expect(store.pageByPath('moved/p2.md')?.id).toBe('2');
    await store.remove('1');
    expect(store.pageByPath('p1.md')).toBeUndefined();
    await store.put({ ...page('3'), localPath: 'p1.md' });
    expect(store.pageByPath('p1.md')?.id).toBe('3');
  });

  it('saves snapshots in order, never two at once, and each put resolves after its page is on disk', async () => {
    const saved: string[][] = [];
    let active = 0;
    const store = new ManifestStore(manifest(), async (m) => {
      active++;
      expect(active).toBe(1);
      await new Promise((r) => setTimeout(r, 2));
      saved.push(Object.keys(m.pages));
      active--;
    });
    await store.put(page('10'));
    expect(saved).toEqual([['10']]);
    await Promise.all([store.put(page('11')), store.put(page('12')), store.remove('10')]);
    expect(saved.at(-1)).toEqual(['11', '12']);
    // The three concurrent changes shared saves instead of writing the file three times.
    expect(store.saves).toBeLessThan(4);
    expect(store.pageByPath('p12.md')?.id).toBe('12');
  });

  it('keeps later edits out of a snapshot already being written', async () => {
    const snapshots: Manifest[] = [];
    const store = new ManifestStore(manifest(), async (m) => {
      snapshots.push(m);
      await new Promise((r) => setTimeout(r, 1));
    });
    const first = store.put(page('1'));
    await new Promise((r) => setTimeout(r, 0));
    const second = store.put({ ...page('1'), version: 2 });
    await Promise.all([first, second]);
    expect(snapshots.map((m) => m.pages['1']?.version)).toEqual([1, 2]);
  });

  it('with deferred saves, a change returns at once and durable() resolves once its save is on disk', async () => {
    const onDisk: string[][] = [];
    let release: () => void = () => undefined;
    const store = new ManifestStore(manifest(), async (m) => {
      await new Promise<void>((r) => (release = r));
      onDisk.push(Object.keys(m.pages));
    });
    store.deferSaves = true;
    await store.put(page('1'));
    await store.put(page('2'));
    const durable = store.durable();
    let settled = false;
    void durable.then(() => (settled = true));
    // A deferred save gathers for a few milliseconds before it begins (store.ts GATHER_MS).
    await new Promise((r) => setTimeout(r, 40));
    expect(settled).toBe(false);
    expect(onDisk).toEqual([]);
    release();
    await new Promise((r) => setTimeout(r, 40));
    release(); // the second put waited for the first save to finish, then shared one write
    await durable;
    expect(onDisk.at(-1)).toEqual(['1', '2']);
    expect(store.saves).toBeLessThanOrEqual(2);
  });

  it('with deferred saves, a failed save rejects durable() for the changes it carried', async () => {
    const store = new ManifestStore(manifest(), async () => {
      throw new Error('disk full');
    });
    store.deferSaves = true;
    await expect(store.put(page('1'))).resolves.toBeUndefined();
    await expect(store.durable()).rejects.toThrow('disk full');
  });
});
