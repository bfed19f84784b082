/**
 * concurrentOperations bounds requests in flight, not the work between them: while one page converts
 * and writes its file, the next page's request is already out; never more than the limit in flight;
 * after a fatal failure no waiting request is sent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ConfluenceClient } from '../../../src/confluence/types.js';
import { SyncError } from '../../../src/errors.js';
import { NotAttempted, gateRequests } from '../../../src/sync/apply/request-gate.js';
import { runSync } from '../../../src/sync/engine.js';
import { useApplyWorld } from './world.js';

const world = useApplyWorld('gate');

/** The real client, every request observed (all methods but the local ones). */
function observed(onCall: (method: string, args: unknown[]) => Promise<void> | void): ConfluenceClient {
  const inner = world.client();
  return new Proxy(inner, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      const method = value as (...a: unknown[]) => unknown;
      if (key === 'pageUrl') return method.bind(target);
      return async (...args: unknown[]) => {
        await onCall(String(key), args);
        return method.apply(target, args);
      };
    },
  });
}

describe('request gate', () => {
  it('sends the next page’s request while the previous page is still being written, at most concurrentOperations at once', async () => {
    const names = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
    for (const n of names) world.write(`${n}.md`, `# Page ${n}\n\nText.\n`);
    await runSync(world.config(), { mode: 'push' });
    const ids = Object.fromEntries(Object.values(world.manifest().pages).map((p) => [p.localPath, p.id]));
    for (const n of names)
      world.emulator.editPage(ids[`${n}.md`]!, { body: `<p>Edited ${n} in Confluence.</p>` });

    let inFlight = 0;
    let maxInFlight = 0;
    /** For each label read after the first: was the page before it already written to disk? */
    const previousWritten: boolean[] = [];
    const client = observed(async (method, args) => {
      if (method === 'getLabels') {
        const index = names.findIndex((n) => ids[`${n}.md`] === args[0]);
        if (index > 0) {
          const file = world.abs(`${names[index - 1]}.md`);
          previousWritten.push(existsSync(file) && readFileSync(file, 'utf8').includes('Edited'));
        }
      }
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 10));
      inFlight--;
    });
    const result = await runSync(world.config({ concurrentOperations: 1 }), { mode: 'pull' }, { client });
    expect(result.exitCode).toBe(0);
    expect(result.changeSet.changes.map((c) => c.outcome)).toEqual(names.map(() => 'applied'));
    for (const n of names) expect(readFileSync(world.abs(`${n}.md`), 'utf8')).toContain(`Edited ${n}`);
    expect(maxInFlight).toBe(1);
    // One slot for requests, two changes under way: label reads go out while the page ahead of them
    // is converted and written (one change at a time would find it on disk every time: all true).
    expect(previousWritten.filter((written) => !written).length).toBeGreaterThanOrEqual(2);
  });

  it('sends no waiting request after a fatal failure', async () => {
    const sent: string[] = [];
    let release = (): void => undefined;
    const client = {
      pageUrl: (id: string) => `page ${id}`,
      getLabels: async (id: string) => {
        sent.push(id);
        if (id === 'a') {
          await new Promise<void>((r) => (release = r));
          throw new SyncError('CS-001', 'Confluence rejected the credentials.');
        }
        return [];
      },
    } as unknown as ConfluenceClient;
    const gate = gateRequests(client, 1);
    const first = gate.client();
    const second = gate.client();
    const a = first.client.getLabels('a');
    const b = second.client.getLabels('b');
    await new Promise((r) => setTimeout(r, 5));
    release();
    await expect(a).rejects.toMatchObject({ code: 'CS-001' });
    await expect(b).rejects.toBeInstanceOf(NotAttempted);
    expect(sent).toEqual(['a']);
    expect(first.sent()).toBe(true);
    expect(second.sent()).toBe(false);
    expect(gate.stoppedBy()?.code).toBe('CS-001');
    expect(second.client.pageUrl('x')).toBe('page x');
  });
});
