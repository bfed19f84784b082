import { afterEach, describe, expect, it } from 'vitest';
import { prng } from './faults.js';
import { startEmulator, type Emulator } from './index.js';
import { api } from './test-helpers.js';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.stop();
  emu = undefined;
});

const SPACES = '/wiki/api/v2/spaces';

async function outcome(
  http: ReturnType<typeof api>,
  path = SPACES,
  method: 'get' | 'del' = 'get',
): Promise<number | 'reset'> {
  try {
    return (await http[method](path)).status;
  } catch {
    return 'reset';
  }
}

describe('fault injection', () => {
  it('answers 429 with Retry-After and the rate-limit headers, counted in stats', async () => {
    emu = await startEmulator({ port: 0, faults: { rate429: 1, retryAfterSeconds: 7 } });
    const res = await api(emu).get(SPACES);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(res.headers.get('x-ratelimit-reset')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/);
    expect(res.headers.get('ratelimit-reason')).toBe('confluence-quota-tenant-based');
    expect(res.json.errors[0].status).toBe(429);
    expect(emu.stats()).toMatchObject({ total: 1, faultsInjected: 1 });
  });

  it('plays scripted failNext faults in order, matching method and path, then serves normally', async () => {
    emu = await startEmulator({ port: 0 });
    const http = api(emu);
    emu.setFaults({
      failNext: [
        { status: 503, times: 2, method: 'GET', pathIncludes: '/spaces' },
        { status: 429, retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT' },
        { status: 'reset' },
      ],
    });
    const first = await http.get(SPACES);
    expect(first.status).toBe(503);
    expect((await http.get(SPACES)).status).toBe(503);
    const limited = await http.get('/wiki/api/v2/pages');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('Wed, 21 Oct 2026 07:28:00 GMT');
    expect(await outcome(http)).toBe('reset');
    expect(await outcome(http)).toBe(200);
    expect(emu.stats().faultsInjected).toBe(4);
  });

  it('a scripted 409 reads like the transient optimistic-lock conflict of Confluence', async () => {
    emu = await startEmulator({ port: 0, faults: { failNext: [{ status: 409, method: 'PUT' }] } });
    const res = await api(emu).put('/wiki/rest/api/content/100002', {
      type: 'page',
      title: 'x',
      version: { number: 2 },
    });
    expect(res.status).toBe(409);
    expect(res.json.message).toMatch(/OptimisticLockException/);
    expect(emu.getPage('100002')?.version).toBe(1);
  });

  it('hangs for hangMs and then resets the connection', async () => {
    emu = await startEmulator({ port: 0, faults: { failNext: [{ status: 'hang' }], hangMs: 50 } });
    const started = Date.now();
    expect(await outcome(api(emu))).toBe('reset');
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('a lost response applies the write, then resets instead of answering', async () => {
    emu = await startEmulator({ port: 0, faults: { failNext: [{ status: 'lost', method: 'POST' }] } });
    const http = api(emu);
    const docs = emu.spaces().find((s) => s.key === 'DOCS')!;
    const create = () =>
      http.post('/wiki/api/v2/pages', {
        spaceId: docs.id,
        status: 'current',
        title: 'Lost Answer',
        body: { representation: 'storage', value: '<p>once</p>' },
      });
    await expect(create()).rejects.toThrow();
    expect(emu.pages('DOCS').filter((p) => p.title === 'Lost Answer')).toHaveLength(1);
    expect(emu.stats()).toMatchObject({ writes: 1, faultsInjected: 1 });
    // A blind retry of the create is what duplicates pages on a real site; here it hits the title rule.
    const retry = await create();
    expect(retry.status).toBe(400);
    expect(retry.json.errors[0].title).toMatch(/already exists/);
  });

  it('a lost update keeps the new version; a retry with the same number gets the 409', async () => {
    emu = await startEmulator({
      port: 0,
      faults: { failNext: [{ status: 'lost', method: 'PUT', pathIncludes: '/pages/' }], lostHangMs: 40 },
    });
    const http = api(emu);
    const { id } = emu.createPage({ spaceKey: 'DOCS', title: 'Edited', body: '<p>v1</p>' });
    const update = () =>
      http.put(`/wiki/api/v2/pages/${id}`, {
        id,
        status: 'current',
        title: 'Edited',
        body: { representation: 'storage', value: '<p>v2</p>' },
        version: { number: 2 },
      });
    const started = Date.now();
    await expect(update()).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    expect(emu.getPage(id)).toMatchObject({ version: 2, body: '<p>v2</p>' });
    const retry = await update();
    expect(retry.status).toBe(409);
    expect(retry.json.errors[0].title).toContain('Current Version: [2]. Provided version: [2]');
  });

  it('rateLost hits writes only, each counted as an injected fault', async () => {
    emu = await startEmulator({ port: 0, faults: { rateLost: 1, seed: 3 } });
    const http = api(emu);
    expect(await outcome(http)).toBe(200);
    const { id } = emu.createPage({ spaceKey: 'DOCS', title: 'Doomed', body: '<p/>' });
    expect(await outcome(http, `/wiki/api/v2/pages/${id}`, 'del')).toBe('reset');
    expect(emu.getPage(id)?.status).toBe('trashed');
    expect(emu.stats()).toMatchObject({ reads: 1, writes: 1, faultsInjected: 1 });
  });

  it('writesOnly spares reads; rates follow the seeded PRNG deterministically', async () => {
    emu = await startEmulator({ port: 0, faults: { rate5xx: 1, writesOnly: true, seed: 1 } });
    const http = api(emu);
    expect(await outcome(http)).toBe(200);
    const write = await outcome(http, '/wiki/api/v2/pages/1', 'del');
    expect([500, 502, 503]).toContain(write);

    const run = async () => {
      emu!.setFaults({ rate5xx: 0.5, seed: 42 });
      const seen: (number | 'reset')[] = [];
      for (let i = 0; i < 12; i++) seen.push(await outcome(http));
      return seen;
    };
    const a = await run();
    expect(await run()).toEqual(a);
    expect(a.some((s) => s === 200)).toBe(true);
    expect(a.some((s) => s !== 200)).toBe(true);
  });

  it('adds latency from the option and from faults', async () => {
    emu = await startEmulator({ port: 0, latencyMs: 30 });
    emu.setFaults({ latencyMs: 30 });
    const started = Date.now();
    await api(emu).get(SPACES);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('prng is deterministic and in [0, 1)', () => {
    const a = prng(7);
    const b = prng(7);
    const values = Array.from({ length: 100 }, () => a());
    expect(values).toEqual(Array.from({ length: 100 }, () => b()));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
  });
});

describe('stats', () => {
  it('counts API requests by method and route template, reads and writes, not admin calls', async () => {
    emu = await startEmulator({ port: 0 });
    const http = api(emu);
    const docs = (await http.get(`${SPACES}?keys=DOCS`)).json.results[0];
    await http.get(`${SPACES}/${docs.id}/pages`);
    await http.get(`${SPACES}/${docs.id}/pages?limit=1`);
    await http.del('/wiki/api/v2/pages/12345');
    await http.get('/wiki/api/v2/nowhere');
    await fetch(`${http.origin}/__emulator/stats`);
    emu.createPage({ spaceKey: 'DOCS', title: 'Direct', body: '<p/>' });
    expect(emu.stats()).toEqual({
      total: 5,
      reads: 4,
      writes: 1,
      byRoute: {
        'GET /wiki/api/v2/spaces': 1,
        'GET /wiki/api/v2/spaces/{id}/pages': 2,
        'DELETE /wiki/api/v2/pages/{id}': 1,
        'GET (unmatched)': 1,
      },
      faultsInjected: 0,
      maxInFlight: 1,
    });
    emu.resetStats();
    expect(emu.stats().total).toBe(0);
  });
});
