/**
 * onLocalDelete archive through runSync against the in-process emulator: pages are archived through
 * the client's archivePage, one archive task at a time, and the manifest forgets them.
 */
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ConfluenceClient } from '../../../src/confluence/types.js';
import { runSync } from '../../../src/sync/engine.js';
import { useApplyWorld } from './world.js';

const world = useApplyWorld('archive');
const { abs, write, manifest } = world;
const config = () => world.config({ concurrentOperations: 4, onLocalDelete: 'archive' });

describe('onLocalDelete archive', () => {
  it('archives each deleted page, one archive task at a time, and forgets it', async () => {
    for (const name of ['a', 'b', 'c', 'd']) write(`${name}.md`, `# Page ${name}\n\nText.\n`);
    await runSync(config(), { mode: 'push' });
    const ids = Object.keys(manifest().pages);
    expect(ids).toHaveLength(4);
    for (const name of ['a', 'b', 'c']) rmSync(abs(`${name}.md`));

    const inner = world.client();
    let inFlight = 0;
    let maxInFlight = 0;
    const archived: string[] = [];
    const client: ConfluenceClient = Object.assign(Object.create(inner) as ConfluenceClient, {
      async archivePage(id: string) {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        try {
          await inner.archivePage(id);
          archived.push(id);
        } finally {
          inFlight--;
        }
      },
    });
    const result = await runSync(config(), { mode: 'push' }, { client });
    expect(result.exitCode).toBe(0);
    expect(result.changeSet.changes.map((c) => [c.kind, c.title, c.outcome])).toEqual([
      ['archive-remote', 'Page a', 'applied'],
      ['archive-remote', 'Page b', 'applied'],
      ['archive-remote', 'Page c', 'applied'],
    ]);
    expect(maxInFlight).toBe(1);
    expect(archived).toHaveLength(3);
    for (const id of archived) expect(world.emulator.getPage(id)?.status).toBe('archived');
    expect(Object.values(manifest().pages).map((p) => p.title)).toEqual(['Page d']);

    // Archived pages are no longer in the tree: nothing to pull, nothing to archive again.
    const again = await runSync(config(), { mode: 'sync' });
    expect(again.changeSet.changes).toEqual([]);
  });

  it('a failed archive leaves the page in the manifest, so the next run tries again', async () => {
    write('a.md', '# Page a\n');
    await runSync(config(), { mode: 'push' });
    const [id] = Object.keys(manifest().pages);
    rmSync(abs('a.md'));
    world.emulator.setFaults({
      failNext: [{ method: 'POST', pathIncludes: '/content/archive', status: 400 }],
    });
    const failed = await runSync(config(), { mode: 'push' });
    expect(failed.changeSet.changes[0]).toMatchObject({ kind: 'archive-remote', outcome: 'failed' });
    expect(manifest().pages[id!]).toBeDefined();
    world.emulator.setFaults(null);
    const retried = await runSync(config(), { mode: 'push' });
    expect(retried.changeSet.changes[0]).toMatchObject({ kind: 'archive-remote', outcome: 'applied' });
    expect(world.emulator.getPage(id!)?.status).toBe('archived');
  });
});
