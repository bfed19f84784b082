/**
 * onLocalDelete keep through runSync against the in-process emulator: the page stays, the manifest
 * remembers it as detached, later pulls leave it alone, and a new file with its title links it again.
 */
import { existsSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runSync } from '../../../src/sync/engine.js';
import { useApplyWorld } from './world.js';

const NOW = new Date('2026-11-25T10:00:00.000Z');
const world = useApplyWorld('detached');
const { abs, write, manifest } = world;
const config = () => world.config({ concurrentOperations: 2 });
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
    expect(world.emulator.getPage(betaId)?.status).toBe('current');

    // Even an edit in Confluence does not bring it back.
    world.emulator.editPage(betaId, { body: '<p>B, edited in Confluence.</p>' });
    const before = world.emulator.stats().writes;
    for (const mode of ['pull', 'sync', 'status', 'push'] as const) {
      const again = await run(mode);
      expect(again.changeSet.changes, mode).toEqual([]);
      expect(again.exitCode).toBe(0);
    }
    expect(world.emulator.stats().writes).toBe(before);
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
    const before = world.emulator.stats().writes;
    const relink = await run('push');
    expect(relink.changeSet.changes.map((c) => [c.kind, c.pageId, c.outcome])).toEqual([
      ['adopt', betaId, 'applied'],
    ]);
    expect(world.emulator.stats().writes).toBe(before);
    expect(manifest().detached).toEqual({});
    expect(manifest().pages[betaId]?.localPath).toBe('restored.md');
  });

  it('forgets a detached page deleted in Confluence', async () => {
    write('beta.md', '# Beta\n\nB.\n');
    await run('push');
    const betaId = Object.keys(manifest().pages)[0]!;
    rmSync(abs('beta.md'));
    await run('push');
    world.emulator.deletePage(betaId);
    const pull = await run('pull');
    expect(pull.changeSet.changes).toEqual([]);
    expect(manifest().detached).toEqual({});
  });
});
