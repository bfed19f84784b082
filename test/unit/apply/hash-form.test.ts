/**
 * The body hash the manifest records (remoteHashOf) must mean the same from one release to the next:
 * a recorded hash in another form makes every page with it look edited in Confluence. This pins the
 * form over the real-pages corpus and the converter fixtures. When it fails, normalizeStorage changed
 * what it leaves of a body: bump REMOTE_HASH_FORM in src/sync/apply/env.ts (manifests recorded in the
 * old form then fall back to the version-author check, see verify-remote.ts) and pin the new digest
 * here under the new form.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { forgetStaleHashes, REMOTE_HASH_FORM, remoteHashOf } from '../../../src/sync/apply/env.js';
import { emptyManifest } from '../../../src/sync/state/manifest.js';

/** `PIN_HASH_FORM=1 npx vitest run test/unit/apply/hash-form.test.ts` writes the pins of the current form. */
const PINS = join(import.meta.dirname, 'hash-form.pins.json');

function bodies(): { file: string; storage: string }[] {
  const dirs = [
    join(import.meta.dirname, '../../convert/real-pages'),
    join(import.meta.dirname, '../../convert/fixtures'),
  ];
  return dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.xml'))
      .sort()
      .map((f) => ({ file: `${dir.split('/').pop()}/${f}`, storage: readFileSync(join(dir, f), 'utf8') })),
  );
}

describe('the recorded body hash keeps its form', () => {
  it(`form ${REMOTE_HASH_FORM} hashes the corpus as pinned`, () => {
    const now = Object.fromEntries(bodies().map(({ file, storage }) => [file, remoteHashOf(storage)]));
    if (process.env.PIN_HASH_FORM === '1')
      writeFileSync(PINS, `${JSON.stringify({ form: REMOTE_HASH_FORM, hashes: now }, null, 2)}\n`);
    const pinned = JSON.parse(readFileSync(PINS, 'utf8')) as { form: number; hashes: Record<string, string> };
    expect(pinned.form, 'the pins are of another form: pin this one (see the header)').toBe(REMOTE_HASH_FORM);
    expect(Object.keys(pinned.hashes).length).toBeGreaterThan(150);
    // Files added to the corpus since the pins were written are not pinned; none may go missing.
    const changed = Object.entries(pinned.hashes)
      .filter(([file, hash]) => now[file] !== hash)
      .map(([file]) => file);
    expect(
      changed,
      'normalizeStorage changed what it leaves of these bodies: bump REMOTE_HASH_FORM (src/sync/apply/env.ts) and pin again',
    ).toEqual([]);
  });

  it('a manifest recorded in another form forgets its hashes; one in this form keeps them', () => {
    const page = (id: string) => ({
      id,
      spaceKey: 'DOCS',
      title: `P${id}`,
      version: 3,
      parentId: null,
      lastModified: '2026-01-01T00:00:00.000Z',
      status: 'synced' as const,
      localPath: `p${id}.md`,
      contentHash: 'c'.repeat(64),
      remoteHash: 'a'.repeat(64),
      labels: [],
      attachments: {},
    });
    const current = emptyManifest('https://x.atlassian.net/wiki', 'DOCS');
    current.pages['1'] = page('1');
    if (REMOTE_HASH_FORM !== 1) current.hashForm = REMOTE_HASH_FORM;
    expect(forgetStaleHashes(current)).toBe(0);
    expect(current.pages['1']!.remoteHash).toBe('a'.repeat(64));

    const other = emptyManifest('https://x.atlassian.net/wiki', 'DOCS');
    other.pages['1'] = page('1');
    other.pages['2'] = page('2');
    other.hashForm = REMOTE_HASH_FORM + 1;
    expect(forgetStaleHashes(other)).toBe(2);
    expect(Object.values(other.pages).map((p) => p.remoteHash)).toEqual([undefined, undefined]);
    expect(other.hashForm ?? 1).toBe(REMOTE_HASH_FORM);
  });
});
