import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManifestStore } from '../../../src/sync/apply/store.js';
import { serialiseManifest } from '../../../src/sync/state/manifest.js';
import type { Manifest, ManifestPage } from '../../../src/sync/types.js';

/** The layout the manifest has always had: the ordered object through JSON.stringify(…, null, 2). */
function reference(m: Manifest): string {
  const byId = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  // Without a prototype, like the manifest's own maps: a key "__proto__" is a key like any other.
  const pages = Object.create(null) as Record<string, unknown>;
  for (const id of Object.keys(m.pages).sort(byId)) {
    const p = m.pages[id]!;
    const attachments = Object.create(null) as Record<string, unknown>;
    for (const f of Object.keys(p.attachments).sort()) {
      const a = p.attachments[f]!;
      attachments[f] = { id: a.id, hash: a.hash, version: a.version, localPath: a.localPath };
    }
    const {
      id: pid,
      spaceKey,
      title,
      version,
      parentId,
      lastModified,
      localPath,
      contentHash,
      remoteHash,
      status,
    } = p;
    pages[id] = {
      ...{
        id: pid,
        spaceKey,
        title,
        version,
        parentId,
        lastModified,
        localPath,
        contentHash,
        remoteHash,
        status,
      },
      labels: [...p.labels].sort(),
      attachments,
    };
  }
  const detached = Object.create(null) as Record<string, unknown>;
  for (const id of Object.keys(m.detached ?? {}).sort(byId)) {
    const d = m.detached![id]!;
    detached[id] = { title: d.title, localPath: d.localPath, at: d.at };
  }
  const { version, confluenceUrl, spaceKey, rootPageId, lastSyncTime } = m;
  const ordered = { version, confluenceUrl, spaceKey, rootPageId, lastSyncTime, pages, detached };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const attachment = fc.record({ id: text, hash: text, version: fc.nat(), localPath: text });
const page = (id: string) =>
  fc.record({
    id: fc.constant(id),
    spaceKey: text,
    title: text,
    version: fc.nat(),
    parentId: fc.option(text, { nil: null }),
    lastModified: text,
    localPath: text,
    contentHash: text,
    remoteHash: fc.option(fc.stringMatching(/^[0-9a-f]{64}$/), { nil: undefined }),
    status: fc.constantFrom('synced' as const, 'modified' as const, 'conflicted' as const),
    labels: fc.array(text, { maxLength: 3 }),
    attachments: fc.dictionary(text, attachment, { maxKeys: 3 }),
  });
const ids = fc.uniqueArray(
  fc.oneof(
    fc.nat().map(String),
    text.filter((s) => s !== ''),
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString'),
  ),
  { maxLength: 6 },
);
const manifest: fc.Arbitrary<Manifest> = ids.chain((list) =>
  fc.record({
    version: fc.constant(4 as const),
    confluenceUrl: text,
    spaceKey: text,
    rootPageId: text,
    lastSyncTime: fc.option(text, { nil: null }),
    pages:
      list.length === 0 ? fc.constant({}) : fc.record(Object.fromEntries(list.map((id) => [id, page(id)]))),
    detached: fc.dictionary(fc.nat().map(String), fc.record({ title: text, localPath: text, at: text }), {
      maxKeys: 3,
    }),
  }),
) as fc.Arbitrary<Manifest>;

describe('serialiseManifest', () => {
  it('writes exactly the stable layout, for pages frozen by the store or not', async () => {
    await fc.assert(
      fc.asyncProperty(manifest, async (m) => {
        const expected = reference(m);
        expect(serialiseManifest(m)).toBe(expected);
        let saved = '';
        const store = new ManifestStore(m, async (snapshot) => {
          saved = serialiseManifest(snapshot);
        });
        await store.save();
        expect(saved).toBe(expected);
        // Twice: the second save reuses the text of every (now frozen) page.
        await store.save();
        expect(saved).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('saves a page replaced after an earlier save with its new fields', async () => {
    const base: ManifestPage = {
      id: '7',
      spaceKey: 'DOCS',
      title: 'One',
      version: 1,
      parentId: null,
      lastModified: '',
      localPath: 'one.md',
      contentHash: 'h1',
      status: 'synced',
      labels: ['x'],
      attachments: {},
    };
    const m: Manifest = {
      version: 4,
      confluenceUrl: 'u',
      spaceKey: 'DOCS',
      rootPageId: '1',
      lastSyncTime: null,
      pages: {},
      detached: {},
    };
    const saved: string[] = [];
    const store = new ManifestStore(m, async (snapshot) => {
      saved.push(serialiseManifest(snapshot));
    });
    await store.put(base);
    const first = store.page('7')!;
    expect(() => {
      (first as { version: number }).version = 9;
    }).toThrow(TypeError);
    await store.put({ ...first, version: 2, labels: [...first.labels, 'y'] });
    expect(JSON.parse(saved[0]!).pages['7'].version).toBe(1);
    expect(JSON.parse(saved[1]!).pages['7']).toMatchObject({ version: 2, labels: ['x', 'y'] });
    expect(saved[1]).toBe(reference(m));
  });
});
