/**
 * Bad input catalogue, part 3: the world moving under a run. A page edited or deleted between plan and
 * apply, and two runs at once on the same space (two clones of the repository pushing different edits):
 * every write carries the version it was based on, so the loser gets a conflict, never a lost update
 * or a duplicate page.
 */
import { cpSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../helpers/run-cli.js';
import { createTempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { catalogueWorld, expectNothingChanged, intercept, stopWorlds } from './catalogue.js';

const clones: TempRepo[] = [];
afterEach(async () => {
  await stopWorlds();
  for (const c of clones.splice(0)) c.cleanup();
});

describe('bad input: the page changes between plan and apply', () => {
  it.each(['cloud', 'datacenter'] as const)(
    '%s: edited in Confluence mid-run → a conflict (CS-005), the person’s edit kept, the file kept',
    async (flavor) => {
      const w = await catalogueWorld({ flavor, pushed: true });
      const alpha = w.site.byTitle('Alpha');
      w.repo.write('docs/alpha.md', '# Alpha\n\nAlpha text, edited in git.\n');
      const before = w.snapshot();
      let edited = 0;
      const run = await w.cliWith(['push'], (client) =>
        intercept(client, {
          async updatePage(input) {
            if (input.id === alpha.id && edited++ === 0) {
              w.site.emulator.editPage(alpha.id, { body: '<p>Alpha text, edited by a person mid-run.</p>' });
            }
            return client.updatePage(input);
          },
        }),
      );
      expect(edited, 'the run tried to write the page').toBeGreaterThan(0);
      expect(run.code, run.stdout).not.toBe(0);
      expect(run.stdout).toMatch(/Alpha[^\n]*(conflict|CS-005)/i);
      const page = w.site.byTitle('Alpha');
      expect(page.version).toBe(alpha.version + 1);
      expect(page.body).toContain('edited by a person mid-run');
      expect(w.repo.read('docs/alpha.md')).toContain('edited in git');
      // The manifest does not pretend the page is in step: the next run still sees both edits.
      const status = await w.cli(['status']);
      expect(status.stdout).toMatch(/conflict[^\n]*Alpha|Alpha[^\n]*conflict/i);
      expect(JSON.parse(JSON.stringify([...before.files.keys()]))).toContain('.confluence-sync.json');
    },
  );

  it('deleted in Confluence mid-run → a clear error for that page, no page re-created, the file kept', async () => {
    const w = await catalogueWorld({ pushed: true });
    const beta = w.site.byTitle('Beta');
    w.repo.write('docs/guide/beta.md', '# Beta\n\nBeta text, edited in git.\n');
    w.snapshot();
    let deleted = false;
    const run = await w.cliWith(['push'], (client) =>
      intercept(client, {
        async updatePage(input) {
          if (input.id === beta.id && !deleted) {
            w.site.emulator.deletePage(beta.id);
            deleted = true;
          }
          return client.updatePage(input);
        },
      }),
    );
    expect(deleted).toBe(true);
    expect(run.code, run.stdout).not.toBe(0);
    expect(run.stdout).toMatch(/Beta[^\n]*(CS-003|CS-005|conflict)/i);
    expect(w.site.emulator.getPage(beta.id)?.status).toBe('trashed');
    expect(w.site.tree().filter((p) => p.title === 'Beta')).toHaveLength(0);
    expect(w.repo.read('docs/guide/beta.md')).toContain('edited in git');
  });
});

describe('bad input: two runs at once on the same space', () => {
  async function twoClones() {
    const w = await catalogueWorld({ pushed: true });
    const other = createTempRepo();
    clones.push(other);
    cpSync(w.repo.dir, other.dir, { recursive: true, filter: (src) => !src.includes('/.git') });
    return { w, a: w.repo, b: other };
  }

  it.each(['the same page edited differently', 'the same new page created with different text'])(
    '%s: one run wins, the other gets a conflict; no lost update, no duplicate',
    async (what) => {
      const { w, a, b } = await twoClones();
      const alpha = w.site.byTitle('Alpha');
      const path = what.includes('new') ? 'docs/new-page.md' : 'docs/alpha.md';
      const title = what.includes('new') ? 'New Page' : 'Alpha';
      a.write(path, `# ${title}\n\nWritten by run A.\n`);
      b.write(path, `# ${title}\n\nWritten by run B.\n`);
      w.site.emulator.setFaults({ latencyMs: 30 });
      const runs = await Promise.all(
        [a, b].map(async (repo) => (await spawnCli(['push'], { cwd: repo.dir, env: w.site.env })).done),
      );
      w.site.emulator.setFaults(null);

      const pages = w.site.tree().filter((p) => p.title === title);
      expect(pages, 'exactly one page with that title').toHaveLength(1);
      const page = pages[0]!;
      const winner = page.body.includes('Written by run A.') ? 0 : 1;
      expect(page.body).toContain(winner === 0 ? 'Written by run A.' : 'Written by run B.');
      if (title === 'Alpha') expect(page.version).toBe(alpha.version + 1);
      expect(runs[winner]!.code, runs[winner]!.stderr).toBe(0);
      const loser = runs[1 - winner]!;
      expect(loser.code, loser.stdout).not.toBe(0);
      expect(`${loser.stdout}${loser.stderr}`).toMatch(/conflict|CS-005|CS-010/i);
      // The loser's edit is still in its file, waiting for a person (nothing silently dropped).
      const loserRepo = winner === 0 ? b : a;
      expect(loserRepo.read(path)).toContain(winner === 0 ? 'Written by run B.' : 'Written by run A.');
      // And the loser's next run still reports it instead of overwriting the winner.
      const again = await runCli(['push'], { cwd: loserRepo.dir, env: w.site.env });
      expect(again.code, again.stdout).not.toBe(0);
      expect(w.site.tree().filter((p) => p.title === title)).toHaveLength(1);
      expect(w.site.tree().find((p) => p.title === title)!.body).toBe(page.body);
    },
  );

  it('a status run alongside a push changes nothing itself', async () => {
    const { w, b } = await twoClones();
    const before = w.snapshot();
    const run = await runCli(['status'], { cwd: b.dir, env: w.site.env });
    expect(run.code).toBe(0);
    expectNothingChanged(w, before);
  });
});
