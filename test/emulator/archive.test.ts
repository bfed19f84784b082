import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index.js';
import { api } from './test-helpers.js';

for (const flavor of ['cloud', 'datacenter'] as const) {
  describe(`archive (${flavor})`, () => {
    let emu: Emulator;
    let http: ReturnType<typeof api>;
    const V1 = flavor === 'cloud' ? '/wiki/rest/api' : '/rest/api';

    beforeAll(async () => {
      emu = await startEmulator({ port: 0, flavor });
      http = api(emu);
    });
    afterAll(() => emu.stop());
    beforeEach(() => emu.reset());

    it('POST /content/archive answers 202 with a long task that reports success; the page is archived', async () => {
      const page = emu.createPage({ spaceKey: 'DOCS', title: 'Old Notes', body: '<p>x</p>' });
      const started = await http.post(`${V1}/content/archive`, { pages: [{ id: Number(page.id) }] });
      expect(started.status).toBe(202);
      expect(started.json.links.status).toBe(`${V1}/longtask/${started.json.id}`);
      const task = await http.get(`${V1}/longtask/${started.json.id}`);
      expect(task.status).toBe(200);
      expect(task.json).toMatchObject({ finished: true, successful: true, percentageComplete: 100 });
      expect(emu.getPage(page.id)?.status).toBe('archived');
      expect(emu.stats().writes).toBeGreaterThan(0);
    });

    it('an archived page keeps its title reserved and is out of the current listing', async () => {
      const page = emu.createPage({ spaceKey: 'DOCS', title: 'Old Notes', body: '<p>x</p>' });
      await http.post(`${V1}/content/archive`, { pages: [{ id: page.id }] });
      expect(() => emu.createPage({ spaceKey: 'DOCS', title: 'old notes', body: '<p>y</p>' })).toThrow(
        /title/i,
      );
      const current = await http.get(`${V1}/content?spaceKey=DOCS&title=Old%20Notes`);
      expect(current.json.results).toEqual([]);
      const archived = await http.get(`${V1}/content?spaceKey=DOCS&title=Old%20Notes&status=archived`);
      expect(archived.json.results.map((p: { id: string }) => p.id)).toEqual([page.id]);
    });

    it('refuses a second archive of the same page, several pages at once, and ids that are not pages (400)', async () => {
      const a = emu.createPage({ spaceKey: 'DOCS', title: 'A', body: '<p>a</p>' });
      const b = emu.createPage({ spaceKey: 'DOCS', title: 'B', body: '<p>b</p>' });
      expect((await http.post(`${V1}/content/archive`, { pages: [{ id: a.id }, { id: b.id }] })).status).toBe(
        400,
      );
      expect(emu.getPage(a.id)?.status).toBe('current');
      expect((await http.post(`${V1}/content/archive`, { pages: [{ id: a.id }] })).status).toBe(202);
      const again = await http.post(`${V1}/content/archive`, { pages: [{ id: a.id }] });
      expect(again.status).toBe(400);
      expect(again.text).toContain('already archived');
      expect((await http.post(`${V1}/content/archive`, { pages: [{ id: 999999 }] })).status).toBe(400);
      expect((await http.post(`${V1}/content/archive`, { pages: [] })).status).toBe(400);
      expect((await http.get(`${V1}/longtask/nope`)).status).toBe(404);
    });
  });
}
