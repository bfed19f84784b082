/**
 * The end-to-end scenarios of the CLI, run once per emulator flavour (test/e2e/cli-cloud.test.ts and
 * cli-datacenter.test.ts): a temp git repository, the emulator in this process, the CLI as a child
 * process for Cloud and as its main() in this process for Data Center (the flavour changes the
 * client, not the process; see test/helpers/run-cli.ts). Assertions are on what users see: pages in
 * Confluence, files on disk, exit codes, output.
 */
import { cpSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, type TestContext } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runCli as runCliInProcess, runCliProcess, spawnCli, type CliRun } from './run-cli.js';
import { startSite, type Flavor, type TestSite } from './emulator.js';
import { createTempRepo, type RepoConfig, type TempRepo } from './temp-repo.js';

const EXAMPLE_DOCS = fileURLToPath(new URL('../../examples/docs', import.meta.url));

const ALPHA = [
  '---',
  'title: Alpha',
  '---',
  '',
  'Paragraph one.',
  '',
  'Paragraph two.',
  '',
  'Paragraph three.',
  '',
].join('\n');
const SMALL_TREE = {
  'docs/alpha.md': ALPHA,
  'docs/guide/index.md': '# Guide\n\nThe guide. See [Alpha](../alpha.md).\n',
  'docs/guide/beta.md': '# Beta\n\nBeta text.\n',
};

interface World {
  site: TestSite;
  repo: TempRepo;
  cli(...args: string[]): Promise<CliRun>;
  /** Runs the CLI and returns how many write requests Confluence saw meanwhile. */
  writesOf(...args: string[]): Promise<{ run: CliRun; writes: number }>;
}

export function defineCliScenarios(flavor: Flavor): void {
  const runCli = flavor === 'cloud' ? runCliProcess : runCliInProcess;
  async function world(
    t: TestContext,
    files: Record<string, string> = SMALL_TREE,
    config: Partial<RepoConfig> = {},
  ): Promise<World> {
    const site = await startSite(flavor);
    const repo = createTempRepo(files);
    t.onTestFinished(async () => {
      await site.emulator.stop();
      repo.cleanup();
    });
    repo.writeConfig({ ...site.config, ...config });
    const cli = (...args: string[]) => runCli(args, { cwd: repo.dir, env: site.env });
    const w: World = {
      site,
      repo,
      cli,
      async writesOf(...args) {
        const before = site.writes();
        const run = await cli(...args);
        return { run, writes: site.writes() - before };
      },
    };
    return w;
  }

  async function pushed(
    t: TestContext,
    files?: Record<string, string>,
    config?: Partial<RepoConfig>,
  ): Promise<World> {
    const w = await world(t, files, config);
    // Setup, not the case under test ("the first push" runs the CLI as a process): the same main() in
    // this process, whose code is already loaded and compiled, instead of one more CLI process.
    let stderr = '';
    const code = await main(['push'], {
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr += text) },
      env: { ...w.site.env, NO_COLOR: '1' },
      cwd: w.repo.dir,
    });
    expect(stderr, stderr).not.toMatch(/^error /m);
    expect(code).toBe(0);
    return w;
  }

  const editRemote = (w: World, title: string, from: string, to: string): void => {
    const page = w.site.byTitle(title);
    expect(page.body).toContain(from);
    w.site.emulator.editPage(page.id, { body: page.body.replace(from, to) });
  };

  // Scenarios are independent (own emulator, own repository): running them side by side keeps the
  // suite short, since each mostly waits for CLI processes.
  describe.concurrent(`confluence-sync CLI end to end (${flavor})`, () => {
    it('first push of a nested tree with images and cross-links; a second push writes nothing', async (t) => {
      const w = await world(t, {});
      cpSync(EXAMPLE_DOCS, `${w.repo.dir}/docs`, { recursive: true });

      const first = await w.cli('push');
      expect(first.stderr).not.toMatch(/^error /m);
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('Getting Started');

      // On Cloud, reference/ (no index file) is a folder; on Data Center a generated page.
      const tree = w.site.tree({ withFolders: true });
      expect(tree.map((p) => p.title)).toEqual(
        ['API Reference', 'Configuration', 'Getting Started', 'Installation', 'reference', 'User Guide'].sort(
          (a, b) => a.localeCompare(b),
        ),
      );
      const guide = w.site.byTitle('User Guide');
      expect(w.site.byTitle('Installation').parentId).toBe(guide.id);
      expect(w.site.byTitle('Configuration').parentId).toBe(guide.id);
      expect(w.site.byTitle('API Reference').parentId).toBe(w.site.byTitle('reference').id);
      expect(w.site.byTitle('Getting Started').parentId).toBe(w.site.rootId);

      const start = w.site.byTitle('Getting Started');
      expect(start.body).toMatch(/<ri:page ri:content-title="Installation"/);
      expect(start.body).toMatch(/<ri:page ri:content-title="API Reference"/);
      expect(start.body).toMatch(/<ri:attachment ri:filename="architecture.png"/);
      expect(start.labels.sort()).toEqual(['docs-as-code', 'onboarding']);
      const attachments = w.site.emulator.attachments(start.id);
      expect(attachments.map((a) => a.title)).toEqual(['architecture.png']);
      expect(Buffer.from(attachments[0]!.data).equals(w.repo.readBytes('docs/images/architecture.png'))).toBe(
        true,
      );
      const install = w.site.byTitle('Installation').body;
      expect(install).toMatch(/<ri:page ri:content-title="Configuration"/);
      // Code blocks, alerts, task lists and tables arrive as Confluence's own constructs.
      expect(install).toMatch(/<ac:structured-macro ac:name="code"/);
      expect(install).toMatch(/<ac:structured-macro ac:name="(note|warning|info|tip)"/);
      expect(install).toContain('<ac:task-list>');
      expect(start.body).toContain('<table');

      const manifest = w.repo.manifest();
      expect(Object.keys(manifest.pages)).toHaveLength(6);

      for (const command of ['push', 'status', 'pull', 'sync', 'check']) {
        const again = await w.writesOf(command);
        expect(again.run.code, `${command}: ${again.run.stderr}`).toBe(0);
        expect(again.writes, `${command} after a push`).toBe(0);
      }
      expect(w.repo.files('docs')).toEqual([
        'docs/getting-started.md',
        'docs/guide/configuration.md',
        'docs/guide/index.md',
        'docs/guide/installation.md',
        'docs/images/architecture.png',
        'docs/reference/api.md',
      ]);

      // A new colleague's first pull downloads the image (on Cloud: REST endpoint, then the media host).
      const fresh = createTempRepo({});
      t.onTestFinished(() => fresh.cleanup());
      fresh.writeConfig(w.site.config);
      const pull = await runCli(['pull'], { cwd: fresh.dir, env: w.site.env });
      expect(pull.code, pull.stderr).toBe(0);
      expect(
        fresh
          .readBytes('docs/Getting Started.assets/architecture.png')
          .equals(w.repo.readBytes('docs/images/architecture.png')),
      ).toBe(true);
      expect(w.site.emulator.mediaCredentialLeaks()).toBe(0);
    });

    it('pulls a page edited in Confluence; pull then push of untouched files writes nothing', async (t) => {
      const w = await pushed(t);
      editRemote(w, 'Alpha', 'Paragraph two.', 'Paragraph two, edited in Confluence.');

      const pull = await w.writesOf('pull');
      expect(pull.run.code).toBe(0);
      expect(pull.writes).toBe(0);
      expect(pull.run.stdout).toContain('Alpha');
      const text = w.repo.read('docs/alpha.md');
      expect(text).toContain('Paragraph two, edited in Confluence.');
      expect(text).toContain('Paragraph one.');
      expect(text).toMatch(/^---\ntitle: Alpha\n/);

      expect((await w.writesOf('push')).writes).toBe(0);
      expect((await w.writesOf('pull')).writes).toBe(0);
      expect(w.repo.read('docs/alpha.md')).toBe(text);
    });

    it('pushes a local edit as a new version of the same page', async (t) => {
      const w = await pushed(t);
      const before = w.site.byTitle('Beta');
      w.repo.write('docs/guide/beta.md', '# Beta\n\nBeta text, edited in git.\n');

      const push = await w.writesOf('push');
      expect(push.run.code).toBe(0);
      expect(push.writes).toBe(1);
      const after = w.site.byTitle('Beta');
      expect(after.id).toBe(before.id);
      expect(after.version).toBe(before.version + 1);
      expect(after.body).toContain('Beta text, edited in git.');
      expect((await w.writesOf('push')).writes).toBe(0);
    });

    it('shows the title once: push leaves the leading heading out, pull writes it back', async (t) => {
      const w = await pushed(t);
      // '# Beta' named the page: Confluence shows it as the title, not again in the body.
      const beta = w.site.byTitle('Beta');
      expect(beta.body).toBe('<p>Beta text.</p>');
      expect(w.site.byTitle('Guide').body).not.toContain('<h1>');
      // Front matter named Alpha, so its body is untouched either way.
      expect(w.site.byTitle('Alpha').body).toContain('<p>Paragraph one.</p>');

      editRemote(w, 'Beta', 'Beta text.', 'Beta text, edited in Confluence.');
      w.site.emulator.createPage({
        spaceKey: 'DOCS',
        parentId: w.site.rootId,
        title: 'Notes *draft*',
        body: '<h1>Chapter 1</h1><p>First.</p>',
      });
      const pull = await w.writesOf('pull');
      expect(pull.run.code, pull.run.stderr).toBe(0);
      expect(pull.writes).toBe(0);
      expect(w.repo.read('docs/guide/beta.md')).toBe('# Beta\n\nBeta text, edited in Confluence.\n');
      const notesPath = w.repo.files('docs').find((f) => /notes/i.test(f));
      expect(notesPath).toBeDefined();
      // The title as an escaped heading; the body's own, different H1 kept below it.
      expect(w.repo.read(notesPath!)).toBe('# Notes \\*draft\\*\n\n# Chapter 1\n\nFirst.\n');

      for (const command of ['push', 'pull', 'push', 'sync']) {
        const again = await w.writesOf(command);
        expect(again.run.code, `${command}: ${again.run.stderr}`).toBe(0);
        expect(again.writes, `${command} after a pull`).toBe(0);
      }

      w.repo.write(notesPath!, '# Notes \\*draft\\*\n\n# Chapter 1\n\nFirst, edited in git.\n');
      const push = await w.writesOf('push');
      expect(push.run.code, push.run.stderr).toBe(0);
      expect(push.writes).toBe(1);
      const notes = w.site.byTitle('Notes *draft*');
      expect(notes.body).toBe('<h1>Chapter 1</h1><p>First, edited in git.</p>');
      expect((await w.writesOf('push')).writes).toBe(0);
    });

    describe('both sides edited', () => {
      async function bothEdited(t: TestContext, sameLines = false): Promise<World> {
        const w = await pushed(t);
        editRemote(w, 'Alpha', 'Paragraph one.', 'Paragraph one, edited in Confluence.');
        const local = sameLines
          ? ALPHA.replace('Paragraph one.', 'Paragraph one, edited in git.')
          : ALPHA.replace('Paragraph three.', 'Paragraph three, edited in git.');
        w.repo.write('docs/alpha.md', local);
        return w;
      }

      it('manual: reports the conflict, exits 2 and touches neither side', async (t) => {
        const w = await bothEdited(t);
        const remoteBefore = w.site.byTitle('Alpha');
        const fileBefore = w.repo.read('docs/alpha.md');
        const sync = await w.writesOf('sync');
        expect(sync.run.code).toBe(2);
        expect(sync.writes).toBe(0);
        expect(sync.run.stdout).toMatch(/conflict/i);
        expect(sync.run.stdout).toContain('Alpha');
        expect(w.site.byTitle('Alpha').version).toBe(remoteBefore.version);
        expect(w.repo.read('docs/alpha.md')).toBe(fileBefore);
        expect((await w.writesOf('sync')).run.code).toBe(2);
      });

      it('local-first: the file wins', async (t) => {
        const w = await bothEdited(t);
        const sync = await w.cli('sync', '--strategy', 'local-first');
        expect(sync.code).toBe(0);
        const body = w.site.byTitle('Alpha').body;
        expect(body).toContain('Paragraph three, edited in git.');
        expect(body).not.toContain('edited in Confluence');
        expect((await w.writesOf('sync', '--strategy', 'local-first')).writes).toBe(0);
      });

      it('remote-first: the page wins', async (t) => {
        const w = await bothEdited(t);
        const sync = await w.cli('sync', '--strategy', 'remote-first');
        expect(sync.code).toBe(0);
        const text = w.repo.read('docs/alpha.md');
        expect(text).toContain('Paragraph one, edited in Confluence.');
        expect(text).not.toContain('edited in git');
        expect((await w.writesOf('sync', '--strategy', 'remote-first')).writes).toBe(0);
      });

      it('merge: edits on different lines are merged and written both ways', async (t) => {
        const w = await bothEdited(t);
        const sync = await w.cli('sync', '--strategy', 'merge');
        expect(sync.code).toBe(0);
        for (const text of [w.repo.read('docs/alpha.md'), w.site.byTitle('Alpha').body]) {
          expect(text).toContain('Paragraph one, edited in Confluence.');
          expect(text).toContain('Paragraph three, edited in git.');
        }
        expect((await w.writesOf('sync', '--strategy', 'merge')).writes).toBe(0);
      });

      it('merge: overlapping edits get conflict markers, are never pushed, and push once resolved', async (t) => {
        const w = await bothEdited(t, true);
        const pull = await w.writesOf('pull', '--strategy', 'merge');
        expect(pull.run.code).toBe(2);
        expect(pull.writes).toBe(0);
        const marked = w.repo.read('docs/alpha.md');
        expect(marked).toContain(
          [
            '<<<<<<< local',
            'Paragraph one, edited in git.',
            '=======',
            'Paragraph one, edited in Confluence.',
            '>>>>>>> confluence',
          ].join('\n'),
        );

        w.repo.write('docs/alpha.md', `${marked}\nOne more line.\n`);
        const refused = await w.writesOf('push');
        expect(refused.run.code).toBe(2);
        expect(refused.writes).toBe(0);
        expect(refused.run.stdout).toMatch(/conflict markers/);

        const resolved = marked.replace(
          /<<<<<<< local\n.*\n=======\n.*\n>>>>>>> confluence/,
          'Paragraph one, resolved by a person.',
        );
        w.repo.write('docs/alpha.md', resolved);
        const push = await w.writesOf('push');
        expect(push.run.code).toBe(0);
        expect(push.writes).toBe(1);
        const body = w.site.byTitle('Alpha').body;
        expect(body).toContain('Paragraph one, resolved by a person.');
        expect(body).not.toContain('&lt;&lt;&lt;');
      });
    });

    it('local delete: keep (default) leaves the page, delete moves it to the trash', async (t) => {
      const keep = await pushed(t);
      keep.repo.remove('docs/guide/beta.md');
      const kept = await keep.writesOf('push');
      expect(kept.run.code).toBe(0);
      expect(kept.writes).toBe(0);
      expect(keep.site.tree().map((p) => p.title)).toContain('Beta');
      expect(Object.values(keep.repo.manifest().pages).map((p) => p.title)).not.toContain('Beta');

      const del = await pushed(t, SMALL_TREE, { onLocalDelete: 'delete' });
      const betaId = del.site.byTitle('Beta').id;
      del.repo.remove('docs/guide/beta.md');
      const deleted = await del.writesOf('push');
      expect(deleted.run.code).toBe(0);
      expect(deleted.writes).toBe(1);
      expect(del.site.tree().map((p) => p.title)).not.toContain('Beta');
      expect(del.site.emulator.getPage(betaId)?.status).toBe('trashed');
      expect((await del.writesOf('push')).writes).toBe(0);
    });

    it('local delete under archive: the page is archived in Confluence and stays out of later runs', async (t) => {
      const w = await pushed(t, SMALL_TREE, { onLocalDelete: 'archive' });
      const beta = w.site.byTitle('Beta');
      w.repo.remove('docs/guide/beta.md');
      const archive = await w.writesOf('push');
      expect(archive.run.code, archive.run.stderr).toBe(0);
      expect(archive.run.stdout).toMatch(/archive-remote.*Beta/);
      expect(archive.writes).toBe(1);
      const page = w.site.emulator.getPage(beta.id);
      expect(page?.status).toBe('archived');
      expect(page?.labels).not.toContain('archived-by-confluence-sync');
      expect(w.site.tree().map((p) => p.title)).not.toContain('Beta');
      expect(w.repo.manifest().pages[beta.id]).toBeUndefined();

      for (const command of ['push', 'pull', 'sync']) {
        const again = await w.writesOf(command);
        expect(again.run.code, `${command}: ${again.run.stderr}`).toBe(0);
        expect(again.writes, command).toBe(0);
      }
      expect(w.repo.exists('docs/guide/beta.md')).toBe(false);
    });

    it('local delete under keep: later pulls do not bring the file back; the same title links it again', async (t) => {
      const w = await pushed(t);
      const beta = w.site.byTitle('Beta');
      w.repo.remove('docs/guide/beta.md');
      const keep = await w.writesOf('push');
      expect(keep.run.code).toBe(0);
      expect(keep.writes).toBe(0);
      expect(keep.run.stdout).toMatch(/keep-remote.*Beta/);
      expect(w.repo.manifest().detached).toMatchObject({
        [beta.id]: { title: 'Beta', localPath: 'guide/beta.md' },
      });

      editRemote(w, 'Beta', 'Beta text.', 'Beta text, edited in Confluence.');
      const pull = await w.writesOf('pull', '--json');
      expect(pull.run.code).toBe(0);
      expect(pull.writes).toBe(0);
      expect((JSON.parse(pull.run.stdout) as { changes: unknown[] }).changes).toEqual([]);
      expect(w.repo.exists('docs/guide/beta.md')).toBe(false);
      expect((await w.writesOf('sync')).writes).toBe(0);
      expect(w.repo.exists('docs/guide/beta.md')).toBe(false);

      w.repo.write('docs/guide/beta.md', '# Beta\n\nBeta text, edited in Confluence.\n');
      const relink = await w.writesOf('push');
      expect(relink.run.code).toBe(0);
      expect(relink.writes).toBe(0);
      expect(w.repo.manifest().detached).toEqual({});
      expect(w.repo.manifest().pages[beta.id]?.localPath).toBe('guide/beta.md');
      expect(w.site.tree().filter((p) => p.title === 'Beta')).toHaveLength(1);
    });

    it('remote delete: pull removes the file', async (t) => {
      const w = await pushed(t);
      w.site.emulator.deletePage(w.site.byTitle('Beta').id);
      const pull = await w.writesOf('pull');
      expect(pull.run.code).toBe(0);
      expect(pull.writes).toBe(0);
      expect(w.repo.exists('docs/guide/beta.md')).toBe(false);
      expect(w.repo.exists('docs/guide/index.md')).toBe(true);
      expect((await w.writesOf('sync')).writes).toBe(0);
    });

    it('local move: the same page moves under its new parent', async (t) => {
      const w = await pushed(t);
      const alpha = w.site.byTitle('Alpha');
      w.repo.git('add', '-A');
      w.repo.git('commit', '-qm', 'docs');
      w.repo.git('mv', 'docs/alpha.md', 'docs/guide/alpha.md');
      const push = await w.writesOf('push');
      expect(push.run.code).toBe(0);
      const moved = w.site.byTitle('Alpha');
      expect(moved.id).toBe(alpha.id);
      expect(moved.parentId).toBe(w.site.byTitle('Guide').id);
      expect(w.site.tree().filter((p) => p.title === 'Alpha')).toHaveLength(1);
      // The guide links to ../alpha.md, which is gone: its page is unchanged.
      expect((await w.writesOf('push')).writes).toBe(0);
    });

    it('remote rename: the file follows the new title, the page id is kept', async (t) => {
      const w = await pushed(t, {
        'docs/alpha.md': ALPHA,
        'docs/guide/index.md': '# Guide\n\nSee [Alpha](../alpha.md).\n',
      });
      const alpha = w.site.byTitle('Alpha');
      w.site.emulator.editPage(alpha.id, { title: 'Alpha Renamed' });
      const pull = await w.writesOf('pull');
      expect(pull.run.code).toBe(0);
      expect(pull.writes).toBe(0);
      expect(w.repo.exists('docs/alpha.md')).toBe(false);
      const renamed = w.repo.read('docs/Alpha Renamed.md');
      expect(renamed).toMatch(/^---\ntitle: Alpha Renamed\n/);
      const entry = Object.values(w.repo.manifest().pages).find((p) => p.id === alpha.id);
      expect(entry?.localPath).toBe('Alpha Renamed.md');
      expect((await w.writesOf('sync')).writes).toBe(0);
    });

    it('refuses two files with the same title before writing anything', async (t) => {
      const w = await world(t, {
        'docs/a.md': '# Same Title\n\nA.\n',
        'docs/b.md': '---\ntitle: same title\n---\n\nB.\n',
      });
      const push = await w.writesOf('push');
      expect(push.run.code).toBe(1);
      expect(push.writes).toBe(0);
      expect(push.run.stderr).toMatch(/^error CS-040 .*a\.md.*b\.md/m);
      expect(w.repo.exists('.confluence-sync.json')).toBe(false);
      expect(w.site.tree()).toEqual([]);
    });

    it('a push killed mid-run converges when run again: no duplicates, nothing lost', async (t) => {
      const files: Record<string, string> = {};
      for (let i = 1; i <= 12; i++)
        files[`docs/section/page-${String(i).padStart(2, '0')}.md`] = `# Page ${i}\n\nBody ${i}.\n`;
      files['docs/section/index.md'] = '# Section\n\nAll pages.\n';
      const w = await world(t, files, { concurrentOperations: 2 });
      w.site.emulator.setFaults({ latencyMs: 40 });
      const { child, done } = await spawnCli(['push'], { cwd: w.repo.dir, env: w.site.env });
      while (w.site.writes() < 4) await new Promise((r) => setTimeout(r, 5));
      child.kill('SIGKILL');
      const killed = await done;
      expect(killed.signal).toBe('SIGKILL');
      const partial = w.site.tree().length;
      expect(partial).toBeGreaterThan(0);
      expect(partial).toBeLessThan(13);
      w.site.emulator.setFaults(null);

      const rerun = await w.cli('push');
      expect(rerun.stderr).not.toMatch(/^error /m);
      expect(rerun.code).toBe(0);
      const titles = w.site.tree().map((p) => p.title);
      expect(titles).toHaveLength(13);
      expect(new Set(titles).size).toBe(13);
      const section = w.site.byTitle('Section');
      for (let i = 1; i <= 12; i++) {
        const page = w.site.byTitle(`Page ${i}`);
        expect(page.parentId).toBe(section.id);
        expect(page.body).toContain(`Body ${i}.`);
      }
      expect(Object.keys(w.repo.manifest().pages)).toHaveLength(13);
      expect((await w.writesOf('push')).writes).toBe(0);
    });

    it('every command run twice writes nothing the second time', async (t) => {
      const w = await pushed(t);
      for (const command of ['push', 'pull', 'sync']) {
        editRemote(w, 'Beta', 'Beta text', `Beta text (${command})`);
        w.repo.write('docs/alpha.md', ALPHA.replace('Paragraph two.', `Paragraph two (${command}).`));
        const first = await w.cli(command);
        expect(first.code, first.stderr).toBe(0);
        const second = await w.writesOf(command);
        expect(second.run.code).toBe(0);
        expect(second.writes, `${command} twice`).toBe(0);
      }
      expect(w.repo.read('docs/guide/beta.md')).toContain('Beta text (sync)');
      expect(w.site.byTitle('Alpha').body).toContain('Paragraph two (sync).');
    });

    it('status, check, --dry-run and --json report without writing', async (t) => {
      const w = await pushed(t);
      w.repo.write('docs/guide/beta.md', '# Beta\n\nChanged locally.\n');
      w.repo.write('docs/new-page.md', '# New Page\n\nNew.\n');
      const manifestBefore = w.repo.read('.confluence-sync.json');

      const dry = await w.writesOf('push', '--dry-run', '--json');
      expect(dry.run.code).toBe(0);
      expect(dry.writes).toBe(0);
      const report = JSON.parse(dry.run.stdout) as {
        changes: { kind: string; title: string; outcome: string }[];
      };
      expect(report.changes.map((c) => [c.kind, c.title, c.outcome]).sort()).toEqual([
        ['create-remote', 'New Page', 'planned'],
        ['update-remote', 'Beta', 'planned'],
      ]);

      const status = await w.writesOf('status');
      expect(status.run.code).toBe(0);
      expect(status.writes).toBe(0);
      expect(status.run.stdout).toContain('New Page');

      const clean = await w.writesOf('check');
      expect(clean.run.code).toBe(0);
      editRemote(w, 'Alpha', 'Paragraph two.', 'Paragraph two, edited in Confluence.');
      const check = await w.writesOf('check');
      expect(check.run.code).toBe(2);
      expect(check.writes).toBe(0);
      expect(w.repo.read('.confluence-sync.json')).toBe(manifestBefore);
      expect(w.repo.exists('docs/new-page.md')).toBe(true);
    });

    it('fails with one clear line and exit 1 on bad credentials or a bad flag', async (t) => {
      const w = await world(t);
      const badToken = await runCli(['status'], {
        cwd: w.repo.dir,
        env: { ...w.site.env, CONFLUENCE_API_TOKEN: 'wrong-token-123' },
      });
      expect(badToken.code).toBe(1);
      expect(badToken.stderr).toMatch(/^error CS-001 /m);
      expect(badToken.stderr).not.toContain('wrong-token-123');
      const badFlag = await w.cli('push', '--force');
      expect(badFlag.code).toBe(1);
      expect(badFlag.stderr.trim()).toMatch(/^error CS-020 .*--force/);
    });
  });
}
