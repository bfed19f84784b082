/**
 * onLocalDelete keep through runSync against the in-process emulator: the page stays, the manifest
 * remembers it as detached, later pulls leave it alone, and a new file with its title links it again.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncConfig } from '../../../src/config/types.js';
import { runSync } from '../../../src/sync/engine.js';
import type { Manifest } from '../../../src/sync/types.js';
import { startEmulator, type Emulator } from '../../emulator/index.js';

let emulator: Emulator;
let dir: string;
let rootId: string;
const NOW = new Date('2026-11-25T10:00:00.000Z');

beforeEach(async () => {
  emulator = await startEmulator({ flavor: 'cloud' });
  rootId = emulator.createPage({ spaceKey: 'DOCS', title: 'Root', body: '<p>root</p>' }).id;
  dir = mkdtempSync(join(tmpdir(), 'cs-detached-'));
});
afterEach(async () => {
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
});

const abs = (path: string) => join(dir, 'docs', path);
function write(path: string, text: string): void {
  mkdirSync(dirname(abs(path)), { recursive: true });
  writeFileSync(abs(path), text);
}
const manifest = (): Manifest => JSON.parse(readFileSync(join(dir, '.confluence-sync.json'), 'utf8'));

const config = (): SyncConfig => ({
  cwd: dir,
  profileName: 'default',
  confluenceUrl: emulator.url,
  flavor: 'cloud',
  credentials: { username: 'ci@example.com', token: 'emulator-token' },
  spaceKey: 'DOCS',
  parentPageId: rootId,
  localRoot: 'docs',
  includePatterns: ['**/*.md'],
  excludePatterns: [],
  concurrentOperations: 2,
  conflictStrategy: 'manual',
  onLocalDelete: 'keep',
  manifestPath: '.confluence-sync.json',
});
const run = (mode: 'push' | 'pull' | 'sync' | 'status') => runSync(config(), { mode }, { now: () => NOW });

describe('onLocalDelete keep', () => {
  it('detaches the page once, then pull and sync neither restore the file nor plan anything', async () => {
    write('alpha.md', '# Alpha\n\nA.\n');
    write('beta.md', '# Beta\n\nB.\n');
    await run('push');
    const betaId = Object.values(manifest().pages).find((p) => p.title === 'Beta')!.id;
    rmSync(abs('beta.md'));

    const keep = await run('push');
    expect(keep.changeSet.changes.map((c) => [c.kind, c.title, c.outcome])).toEqual([
      ['keep-remote', 'Beta', 'applied'],
    ]);
    expect(manifest().pages[betaId]).toBeUndefined();
    expect(manifest().detached).toEqual({
      [betaId]: { title: 'Beta', localPath: 'beta.md', at: NOW.toISOString() },
    });
    expect(emulator.getPage(betaId)?.status).toBe('current');

    // Even an edit in Confluence does not bring it back.
    emulator.editPage(betaId, { body: '<p>B, edited in Confluence.</p>' });
    const before = emulator.stats().writes;
    for (const mode of ['pull', 'sync', 'status', 'push'] as const) {
      const again = await run(mode);
      expect(again.changeSet.changes, mode).toEqual([]);
      expect(again.exitCode).toBe(0);
    }
    expect(emulator.stats().writes).toBe(before);
    expect(existsSync(abs('beta.md'))).toBe(false);
  });

  it('a new file with the same title links the page again and drops the detached record', async () => {
    write('beta.md', '# Beta\n\nB.\n');
    await run('push');
    const betaId = Object.keys(manifest().pages)[0]!;
    rmSync(abs('beta.md'));
    await run('push');
    expect(Object.keys(manifest().detached ?? {})).toEqual([betaId]);

    // Restored (e.g. from git) under another name: same content, so it links without writing.
    write('restored.md', '# Beta\n\nB.\n');
    const before = emulator.stats().writes;
    const relink = await run('push');
    expect(relink.changeSet.changes.map((c) => [c.kind, c.pageId, c.outcome])).toEqual([
      ['adopt', betaId, 'applied'],
    ]);
    expect(emulator.stats().writes).toBe(before);
    expect(manifest().detached).toEqual({});
    expect(manifest().pages[betaId]?.localPath).toBe('restored.md');
  });

  it('forgets a detached page deleted in Confluence', async () => {
    write('beta.md', '# Beta\n\nB.\n');
    await run('push');
    const betaId = Object.keys(manifest().pages)[0]!;
    rmSync(abs('beta.md'));
    await run('push');
    emulator.deletePage(betaId);
    const pull = await run('pull');
    expect(pull.changeSet.changes).toEqual([]);
    expect(manifest().detached).toEqual({});
  });
});
