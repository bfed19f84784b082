/**
 * Push patches, it does not replace (issue 12), end to end: the CLI as a process against the emulator,
 * with pages as people leave them (Cloud editor output, a real server page with inline comments).
 * What is checked is what users see: the page bodies and comments in Confluence, the files, the
 * number of writes, and what the run prints.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, type TestContext } from 'vitest';
import { segmentStorage } from '../../src/convert/patch/segments.js';
import { startSite, type Flavor, type TestSite } from '../helpers/emulator.js';
import { runCli, type CliRun } from '../helpers/run-cli.js';
import { createTempRepo, type TempRepo } from '../helpers/temp-repo.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../unit/patch/fixtures/${name}`, import.meta.url), 'utf8');
/** The Cloud editor page without its leading h1 (the page title is shown above the body). */
const CLOUD_PAGE = fixture('cloud-editor.xml').replace(/^<h1[^]*?<\/h1>\n/, '');
const SERVER_PAGE = fixture('magnolia-backing-up.xml');
/** Third-party macros as pretty-printed exports hold them (pulled as macro lines and fenced code). */
const PRETTY_PAGE = fixture('pretty-printed-macros.xml');
/** Magnolia's macros (code-pro with export line breaks as fences, expand, anchor, include's page address). */
const MAGNOLIA_MACROS_PAGE = fixture('magnolia-macros.xml');

interface World {
  site: TestSite;
  repo: TempRepo;
  pageId: string;
  file: string;
  cli(...args: string[]): Promise<CliRun>;
  writesOf(...args: string[]): Promise<{ run: CliRun; writes: number }>;
  body(): string;
}

/** A page seeded in Confluence as people left it, then pulled into a fresh repository. */
async function pulledPage(t: TestContext, flavor: Flavor, title: string, body: string): Promise<World> {
  const site = await startSite(flavor);
  const repo = createTempRepo({});
  t.onTestFinished(async () => {
    await site.emulator.stop();
    repo.cleanup();
  });
  repo.writeConfig(site.config);
  const { id } = site.emulator.createPage({ spaceKey: 'DOCS', parentId: site.rootId, title, body });
  const cli = (...args: string[]) => runCli(args, { cwd: repo.dir, env: site.env });
  const pull = await cli('pull');
  expect(pull.stderr, pull.stderr).not.toMatch(/^error /m);
  expect(pull.code).toBe(0);
  const file = repo.manifest().pages[id]!.localPath;
  return {
    site,
    repo,
    pageId: id,
    file: `docs/${file}`,
    cli,
    async writesOf(...args) {
      const before = site.writes();
      const run = await cli(...args);
      return { run, writes: site.writes() - before };
    },
    body: () => site.emulator.getPage(id)!.body,
  };
}

function edit(w: World, from: string | RegExp, to: string): void {
  const text = w.repo.read(w.file);
  expect(text).toMatch(from);
  w.repo.write(w.file, text.replace(from, to));
}

/** The page's blocks, exactly as stored. */
const blocks = (storage: string): string[] => segmentStorage(storage).segments.map((s) => s.source);

const PAGES: {
  name: string;
  flavors: Flavor[];
  body: string;
  untouched: string;
  edited: [string, string];
}[] = [
  {
    name: 'a Cloud editor page',
    flavors: ['cloud', 'datacenter'],
    body: CLOUD_PAGE,
    untouched: 'planning - actively being planned',
    edited: ['Here is the provided Java class:', 'Here is the Java class we ship:'],
  },
  {
    name: 'a real server-editor page with inline comments',
    flavors: ['datacenter', 'cloud'],
    body: SERVER_PAGE,
    untouched: 'One weekly backup',
    edited: ['Different events trigger the creation of backups:', 'These events create backups:'],
  },
  {
    name: 'a pretty-printed export page with third-party macros',
    flavors: ['datacenter', 'cloud'],
    body: PRETTY_PAGE,
    untouched: 'what the release team watches',
    edited: ['Ask the release manager before changing this page.', 'Ask the release manager first.'],
  },
  {
    name: 'a server page with code-pro fences, an expand, an anchor and an include',
    flavors: ['datacenter', 'cloud'],
    body: MAGNOLIA_MACROS_PAGE,
    untouched: 'Open a shell and go to the light modules folder.',
    edited: ['Then create the page template.', 'Then create a page template.'],
  },
];

for (const flavor of ['cloud', 'datacenter'] as const) {
  // each test runs a few CLI processes; on a loaded machine that takes longer than the default
  describe.concurrent(`push patches, it does not replace (${flavor})`, { timeout: 180_000 }, () => {
    for (const p of PAGES.filter((x) => x.flavors.includes(flavor))) {
      it(`${p.name}: pulled, then pushed untouched, writes nothing`, async (t) => {
        const w = await pulledPage(t, flavor, 'Client Dashboard', p.body);
        for (const command of ['push', 'sync', 'status']) {
          const again = await w.writesOf(command);
          expect(again.run.code, `${command}: ${again.run.stderr}`).toBe(0);
          expect(again.writes, command).toBe(0);
        }
        expect(w.body()).toBe(p.body);
      });

      it(`${p.name}: an inline comment added after the pull survives a push that edits another paragraph; untouched blocks come back byte for byte`, async (t) => {
        const w = await pulledPage(t, flavor, 'Client Dashboard', p.body);
        const comment = w.site.emulator.addInlineComment(w.pageId, { textSelection: p.untouched });
        const before = w.body();
        expect(w.site.emulator.getPage(w.pageId)!.version).toBe(1); // no new version: the plan cannot see it

        edit(w, p.edited[0], p.edited[1]);
        const push = await w.writesOf('push');
        expect(push.run.code, push.run.stderr).toBe(0);
        expect(push.writes).toBe(1);

        const after = w.body();
        expect(after).toContain(p.edited[1]);
        expect(after).toContain(
          `<ac:inline-comment-marker ac:ref="${comment.markerRef}">${p.untouched}</ac:inline-comment-marker>`,
        );
        const changed = blocks(before).filter((b) => !after.includes(b));
        expect(changed).toHaveLength(1);
        expect(changed[0]).toContain(p.edited[0]);
        expect(blocks(after)).toHaveLength(blocks(before).length);
        expect(w.site.emulator.inlineComments(w.pageId).map((c) => c.resolutionStatus)).toEqual(['open']);
        expect(`${push.run.stdout}${push.run.stderr}`).not.toMatch(/lost (its|their) anchor/);
      });
    }

    it('a push that deletes the commented text says so, in text and in JSON; the comment is dangling', async (t) => {
      const w = await pulledPage(t, flavor, 'Client Dashboard', CLOUD_PAGE);
      const comment = w.site.emulator.addInlineComment(w.pageId, { textSelection: 'Pierre Klein' });
      const kept = w.site.emulator.addInlineComment(w.pageId, { textSelection: 'mobile app' });

      edit(w, 'Pierre Klein', 'Ana Souza');
      // the PR check says it before the merge, without writing
      const check = await w.writesOf('check');
      expect(check.writes).toBe(0);
      expect(`${check.run.stdout}${check.run.stderr}`).toContain(
        `1 inline comment would lose its anchor on page "Client Dashboard" (${w.file.replace(/^docs\//, '')}) if pushed: the text it is on was deleted in the file (comment ref ${comment.markerRef}).`,
      );
      const push = await w.cli('push');
      expect(push.code, push.stderr).toBe(0);
      const expected = `1 inline comment lost its anchor on page "Client Dashboard" (${w.file.replace(/^docs\//, '')}): the text it was on was deleted (comment ref ${comment.markerRef}).`;
      expect(`${push.stdout}${push.stderr}`).toContain(expected);
      expect(w.body()).toContain('Ana Souza');
      expect(w.site.emulator.inlineComments(w.pageId)).toEqual([
        expect.objectContaining({ id: comment.id, resolutionStatus: 'dangling' }),
        expect.objectContaining({ id: kept.id, resolutionStatus: 'open' }),
      ]);
      // the table, rewritten for the edited cell, keeps its layout and id
      expect(w.body()).toContain(
        '<table data-table-width="760" data-layout="default" ac:local-id="e0cf9caaf767"',
      );

      // the JSON report carries the same line
      const again = w.site.emulator.addInlineComment(w.pageId, { textSelection: 'Ana Souza' });
      edit(w, 'Ana Souza', 'Ana S.');
      const json = await w.cli('push', '--json');
      expect(json.code, json.stderr).toBe(0);
      const report = JSON.parse(json.stdout) as { warnings: string[] };
      expect(report.warnings).toEqual([
        `1 inline comment lost its anchor on page "Client Dashboard" (${w.file.replace(/^docs\//, '')}): the text it was on was deleted (comment ref ${again.markerRef}).`,
      ]);
    });
  });
}

describe('a page in layouts (cloud)', { timeout: 180_000 }, () => {
  const LAYOUT_PAGE = readFileSync(
    new URL('../convert/real-pages/cloud--hw-layout-cell.xml', import.meta.url),
    'utf8',
  );

  it('an edit in one layout cell changes only that heading; a comment in another cell survives', async (t) => {
    const w = await pulledPage(t, 'cloud', 'Products', LAYOUT_PAGE);
    const comment = w.site.emulator.addInlineComment(w.pageId, {
      textSelection: 'Discover our family of products',
    });
    const before = w.body();
    edit(w, '## InsightHub', '## InsightHub, renamed');
    const push = await w.writesOf('push');
    expect(push.run.code, push.run.stderr).toBe(0);
    expect(push.writes).toBe(1);
    // the whole page is one layout block: patched inside it, every other byte stays
    expect(w.body()).toBe(before.replace('>InsightHub</h2>', '>InsightHub, renamed</h2>'));
    expect(w.body()).toContain(`ac:ref="${comment.markerRef}"`);
    expect(`${push.run.stdout}${push.run.stderr}`).not.toMatch(/lost (its|their) anchor/);
  });
});

describe('a person edits in the Cloud editor (cloud)', { timeout: 180_000 }, () => {
  const FILE = [
    '# Team',
    '',
    'Who does what.',
    '',
    '| Name | Role |',
    '| ---- | ---- |',
    '| Ann  | Dev  |',
    '| Bob  | Ops  |',
    '',
    '- first point',
    '- second point',
    '',
    '```sh',
    'make test',
    '```',
    '',
  ].join('\n');

  // The pull keeps the editor's metadata (local-id, <li><p>, table data-layout, <colgroup>) out of the
  // Markdown (issue 12, pull half), so a one-cell edit in Confluence is a one-line diff in git.
  it('a one-cell edit in Confluence pulls as a one-line diff', async (t) => {
    const site = await startSite('cloud', { editorMetadata: true });
    const repo = createTempRepo({ 'docs/team.md': FILE });
    t.onTestFinished(async () => {
      await site.emulator.stop();
      repo.cleanup();
    });
    repo.writeConfig(site.config);
    const cli = (...args: string[]) => runCli(args, { cwd: repo.dir, env: site.env });
    expect((await cli('push')).code).toBe(0);
    const page = site.byTitle('Team');
    site.emulator.editPage(page.id, { body: page.body.replace('Ops', 'SRE') });
    expect(site.emulator.getPage(page.id)!.body).toMatch(/local-id=/);

    const pull = await cli('pull');
    expect(pull.code, pull.stderr).toBe(0);
    const before = FILE.split('\n');
    const after = repo.read('docs/team.md').split('\n');
    const differing = after.filter((line, i) => line !== before[i]);
    expect(after).toHaveLength(before.length);
    expect(differing).toEqual(['| Bob  | SRE  |']);
  });
});
