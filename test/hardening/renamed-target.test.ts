/**
 * A page renamed or moved in Confluence while another page links to it (review5 F1): a push of the linking
 * page, whose Markdown still links to the target's old file, kept the link a page link only by luck of
 * the plan; it became a link to an attachment named like the file, and the target's whole Markdown file
 * was uploaded to the linking page (after which every pull stopped with CS-030). A page's own file is
 * never another page's attachment.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSite, type Flavor, type TestSite } from '../helpers/emulator.js';
import { runCli } from '../helpers/run-cli.js';
import { createTempRepo, type TempRepo } from '../helpers/temp-repo.js';

const open: { site: TestSite; repo: TempRepo }[] = [];
afterEach(async () => {
  for (const { site, repo } of open.splice(0)) {
    await site.emulator.stop();
    repo.cleanup();
  }
});

async function world(flavor: Flavor, linkerBody: string) {
  const site = await startSite(flavor);
  const repo = createTempRepo({});
  open.push({ site, repo });
  repo.writeConfig(site.config);
  const target = site.emulator.createPage({
    spaceKey: 'DOCS',
    parentId: site.rootId,
    title: 'Old Name',
    body: '<p>Text only the target holds.</p>',
  });
  const section = site.emulator.createPage({
    spaceKey: 'DOCS',
    parentId: site.rootId,
    title: 'Section',
    body: '<p>s</p>',
  });
  const linker = site.emulator.createPage({
    spaceKey: 'DOCS',
    parentId: site.rootId,
    title: 'Linker',
    body: linkerBody,
  });
  const cli = (...args: string[]) => runCli(args, { cwd: repo.dir, env: site.env });
  expect((await cli('pull')).code).toBe(0);
  const file = `docs/${repo.manifest().pages[linker.id]!.localPath}`;
  return { site, repo, cli, target, section, linker, file };
}

const BODY_LESS = '<p>See <ac:link><ri:page ri:content-title="Old Name"/></ac:link> here.</p><p>Second.</p>';
const WITH_TEXT =
  '<p>See <ac:link><ri:page ri:content-title="Old Name"/><ac:plain-text-link-body><![CDATA[the target]]></ac:plain-text-link-body></ac:link> here.</p><p>Second.</p>';

describe('a push after the linked page was renamed or moved in Confluence keeps a page link', () => {
  it.each([
    ['datacenter', 'renamed', 'without text', 'here.', 'there.'],
    ['datacenter', 'renamed', 'with text', 'Second.', 'Second, edited.'],
    ['cloud', 'moved', 'with text', 'here.', 'there.'],
    ['cloud', 'renamed', 'without text', 'Second.', 'Second, edited.'],
  ] as const)('%s, target %s, a link %s, "%s" edited', async (flavor, how, link, from, to) => {
    const body = link === 'with text' ? WITH_TEXT : BODY_LESS;
    const w = await world(flavor, body);
    if (how === 'renamed') w.site.emulator.editPage(w.target.id, { title: 'New Name' });
    else w.site.emulator.editPage(w.target.id, { parentId: w.section.id });
    w.repo.write(w.file, w.repo.read(w.file).replace(from, to));

    const push = await w.cli('push');
    expect(push.code, push.stderr).toBe(0);
    const written = w.site.emulator.getPage(w.linker.id)!.body;
    const title = how === 'renamed' ? 'New Name' : 'Old Name';
    expect(written).toContain(`<ri:page ri:content-title="${title}"/>`);
    expect(written).not.toContain('ri:attachment');
    expect(w.site.emulator.attachments(w.linker.id)).toEqual([]);

    const pull = await w.cli('pull');
    expect(pull.code, pull.stderr).toBe(0);
    const sync = await w.cli('sync');
    expect(sync.code, sync.stderr).toBe(0);
    expect(w.site.emulator.attachments(w.linker.id)).toEqual([]);
  });

  it("an image pointing at another page's Markdown file uploads nothing", async () => {
    const w = await world('cloud', '<p>Linker text.</p>');
    w.repo.write(w.file, `${w.repo.read(w.file)}\n![diagram](Old%20Name.md)\n`);
    const push = await w.cli('push');
    expect(push.code, push.stderr).toBe(0);
    expect(w.site.emulator.attachments(w.linker.id)).toEqual([]);
    expect(w.site.emulator.getPage(w.linker.id)!.body).not.toContain('ri:attachment');
  });
});
