/**
 * Path-limited runs (`confluence-sync push|pull PATH…`) end to end: the CLI as a process against the
 * emulator, on Cloud and Data Center. A selected file's new ancestors are part of the run; a path a
 * user can get wrong ends in a named CS error, never CS-099.
 */
import { describe, expect, it, type TestContext } from 'vitest';
import { runCli, type CliRun } from '../helpers/run-cli.js';
import { startSite, type Flavor, type TestSite } from '../helpers/emulator.js';
import { createTempRepo, type RepoConfig, type TempRepo } from '../helpers/temp-repo.js';

const BASE = { 'docs/alpha.md': '# Alpha\n\nAlpha text.\n' };

async function world(
  t: TestContext,
  flavor: Flavor,
  extra: Record<string, unknown> = {},
): Promise<{ site: TestSite; repo: TempRepo; cli: (...a: string[]) => Promise<CliRun> }> {
  const site = await startSite(flavor);
  const repo = createTempRepo(BASE);
  t.onTestFinished(async () => {
    await site.emulator.stop();
    repo.cleanup();
  });
  repo.writeConfig({ ...site.config, ...extra } as RepoConfig);
  const cli = (...args: string[]) => runCli(args, { cwd: repo.dir, env: site.env });
  const first = await cli('push');
  expect(first.code, first.stderr).toBe(0);
  return { site, repo, cli };
}

const noInternal = (run: CliRun): void => {
  expect(`${run.stdout}\n${run.stderr}`).not.toContain('CS-099');
};

for (const flavor of ['cloud', 'datacenter'] as const) {
  describe.concurrent(`path-limited runs (${flavor})`, () => {
    it('push of a file in a new folder two levels deep, no index.md: the folders come too', async (t) => {
      const w = await world(t, flavor);
      w.repo.write('docs/how-to/deep/setup.md', '# Setup\n\nSteps.\n');
      w.repo.write('docs/other/note.md', '# Note\n\nNot selected.\n');

      const run = await w.cli('push', 'docs/how-to/deep/setup.md');
      noInternal(run);
      expect(run.code, run.stderr).toBe(0);

      const setup = w.site.byTitle('Setup');
      const deep = w.site.tree({ withFolders: true }).find((p) => p.id === setup.parentId)!;
      const howTo = w.site.tree({ withFolders: true }).find((p) => p.id === deep.parentId)!;
      expect(deep.title).toBe('deep');
      expect(howTo.title).toBe('how-to');
      expect(howTo.parentId).toBe(w.site.rootId);
      // Only the selected file's ancestors: the unselected new file is not pushed.
      expect(w.site.tree({ withFolders: true }).map((p) => p.title)).not.toContain('Note');
      expect(Object.values(w.repo.manifest().pages).map((p) => p.localPath)).toContain(
        'how-to/deep/setup.md',
      );

      const again = await w.cli('push', 'docs/how-to/deep/setup.md');
      expect(again.code, again.stderr).toBe(0);
      expect(w.site.tree({ withFolders: true }).filter((p) => p.title === 'deep')).toHaveLength(1);
    });

    it('push of a file in a new folder two levels deep, with index.md files: the index pages come too', async (t) => {
      const w = await world(t, flavor);
      w.repo.write('docs/how-to/index.md', '# How-to\n\nGuides.\n');
      w.repo.write('docs/how-to/deep/index.md', '# Deep Dives\n\nDetail.\n');
      w.repo.write('docs/how-to/deep/setup.md', '# Setup\n\nSteps.\n');
      w.repo.write('docs/how-to/unrelated.md', '# Unrelated\n\nNot selected.\n');

      const run = await w.cli('push', 'docs/how-to/deep/setup.md');
      noInternal(run);
      expect(run.code, run.stderr).toBe(0);
      const setup = w.site.byTitle('Setup');
      const deep = w.site.byTitle('Deep Dives');
      const howTo = w.site.byTitle('How-to');
      expect(setup.parentId).toBe(deep.id);
      expect(deep.parentId).toBe(howTo.id);
      expect(howTo.parentId).toBe(w.site.rootId);
      expect(howTo.body).toContain('Guides.');
      expect(w.site.tree({ withFolders: true }).map((p) => p.title)).not.toContain('Unrelated');
    });

    it('pull of docs/x/ whose parent page is new in Confluence and missing locally', async (t) => {
      const w = await world(t, flavor);
      const space = 'DOCS';
      const parent = w.site.emulator.createPage({
        spaceKey: space,
        parentId: w.site.rootId,
        title: 'Team',
        body: '<p>Team home.</p>',
      });
      const x = w.site.emulator.createPage({
        spaceKey: space,
        parentId: parent.id,
        title: 'x',
        body: '<p>X.</p>',
      });
      w.site.emulator.createPage({
        spaceKey: space,
        parentId: x.id,
        title: 'Leaf',
        body: '<p>Leaf text.</p>',
      });
      w.site.emulator.createPage({
        spaceKey: space,
        parentId: w.site.rootId,
        title: 'Elsewhere',
        body: '<p>E.</p>',
      });

      // Pulled files are named after page titles: Team/, x/, Leaf.md.
      const run = await w.cli('pull', 'docs/Team/x/');
      noInternal(run);
      expect(run.code, run.stderr).toBe(0);
      const files = w.repo.files('docs');
      expect(files).toContain('docs/Team/index.md');
      expect(files).toContain('docs/Team/x/index.md');
      expect(files).toContain('docs/Team/x/Leaf.md');
      expect(w.repo.read('docs/Team/x/Leaf.md')).toContain('Leaf text.');
      expect(w.repo.read('docs/Team/index.md')).toContain('Team home.');
      expect(files.some((f) => /elsewhere/i.test(f))).toBe(false);
    });

    it('paths a user can get wrong end in a named error, not CS-099', async (t) => {
      const w = await world(t, flavor, { excludePatterns: ['**/drafts/**'], onLocalDelete: 'delete' });
      w.repo.write('notes/outside.md', '# Outside\n');
      w.repo.write('docs/drafts/wip.md', '# WIP\n');
      w.repo.write('docs/guides/one.md', '# One\n\nOne.\n');

      const outside = await w.cli('push', 'notes/outside.md');
      noInternal(outside);
      expect(outside.code).not.toBe(0);
      expect(outside.stderr).toContain('CS-041');

      const excluded = await w.cli('push', 'docs/drafts/wip.md');
      noInternal(excluded);
      expect(excluded.code).not.toBe(0);
      expect(excluded.stderr).toContain('CS-062');
      expect(excluded.stderr).toContain('excluded');
      expect(w.site.tree({ withFolders: true }).map((p) => p.title)).not.toContain('WIP');

      const missing = await w.cli('push', 'docs/nope.md');
      noInternal(missing);
      expect(missing.stderr).toContain('CS-062');

      // A directory: everything under it, its new folder page included.
      const dir = await w.cli('push', 'docs/guides');
      noInternal(dir);
      expect(dir.code, dir.stderr).toBe(0);
      expect(w.site.byTitle('One').parentId).toBe(w.site.byTitle('guides').id);

      // A deleted file's path: the deletion is what gets pushed (here onLocalDelete: delete).
      w.repo.remove('docs/guides/one.md');
      const deleted = await w.cli('push', 'docs/guides/one.md');
      noInternal(deleted);
      expect(deleted.code, deleted.stderr).toBe(0);
      expect(w.site.tree({ withFolders: true }).map((p) => p.title)).not.toContain('One');
      expect(Object.values(w.repo.manifest().pages).map((p) => p.localPath)).not.toContain('guides/one.md');
    });
  });
}
