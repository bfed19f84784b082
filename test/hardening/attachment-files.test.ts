/**
 * Attachments a pull writes into the docs folder stay attachments: a `.md` attachment is not scanned as
 * a page, and an attachment whose name had to be changed on disk (a Windows device name, a character a
 * file system refuses) is uploaded under its Confluence name, never as a second attachment.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stopWorlds } from './catalogue.js';
import { cleanupSandboxes, sandboxWorld } from './sandbox.js';

afterEach(async () => {
  await stopWorlds();
  cleanupSandboxes();
});

async function clientOf(w: Awaited<ReturnType<typeof sandboxWorld>>['w']) {
  const { createClient } = await import('../../src/confluence/index.js');
  return createClient({
    baseUrl: w.site.config.confluenceUrl,
    credentials: { username: w.site.env.CONFLUENCE_USERNAME, token: w.site.env.CONFLUENCE_API_TOKEN! },
  });
}

/** A pushed page "Page" with one attachment uploaded to it in Confluence. */
async function pushedPageWithAttachment(filename: string, data: string, mediaType: string) {
  const { w, cli } = await sandboxWorld({ files: { 'docs/page.md': '# Page\n\nText.\n' }, pushed: true });
  const page = w.site.byTitle('Page');
  await (
    await clientOf(w)
  ).uploadAttachment({ pageId: page.id, filename, data: Buffer.from(data), mediaType });
  return { w, cli, page };
}

describe('pulled attachments stay attachments', () => {
  it('a .md attachment pulled beside its page is not pushed as a new page', async () => {
    const { w, cli, page } = await pushedPageWithAttachment(
      'notes.md',
      '# Notes\n\nAttached, not a page.\n',
      'text/markdown',
    );
    w.site.emulator.editPage(page.id, {
      body: '<p>Text.</p><p><ac:link><ri:attachment ri:filename="notes.md" /></ac:link></p>',
    });
    const pull = await cli(['pull']);
    expect(pull.code, pull.stdout + pull.stderr).toBe(0);
    const attached = w.repo.files('docs').filter((f) => f.endsWith('notes.md'));
    expect(attached).toHaveLength(1);
    expect(w.repo.read(attached[0]!)).toContain('Attached, not a page.');
    expect(w.repo.read('docs/page.md')).toContain('](page.assets/notes.md)');

    w.snapshot();
    for (const args of [['status'], ['push'], ['sync']]) {
      const run = await cli(args);
      expect(run.code, `${args[0]}: ${run.stdout}${run.stderr}`).toBe(0);
      expect(run.stdout).not.toMatch(/Notes/);
    }
    expect(w.writesSinceSnapshot()).toBe(0);
    expect(w.site.emulator.pages(w.site.config.spaceKey).map((p) => p.title)).not.toContain('Notes');

    // Confluence stops linking it: the copy on disk is still an attachment, not a new page.
    w.site.emulator.editPage(page.id, { body: '<p>Text, no link.</p>' });
    expect((await cli(['pull'])).code).toBe(0);
    w.snapshot();
    const push = await cli(['push']);
    expect(push.code, push.stdout + push.stderr).toBe(0);
    expect(push.stdout + push.stderr).toMatch(/notes\.md is in a page's attachments folder/);
    expect(w.writesSinceSnapshot()).toBe(0);
    expect(w.site.emulator.pages(w.site.config.spaceKey).map((p) => p.title)).not.toContain('Notes');
  });

  it('attachments renamed on disk (CON.png → CON_.png, a bidi control) keep their Confluence names both ways', async () => {
    const cases = [
      { name: 'CON.png', onDisk: 'page.assets/CON_.png' },
      { name: 'plain.png', onDisk: 'page.assets/plain.png' },
      { name: 'a\u202etxt.png', onDisk: 'page.assets/a-txt.png' },
    ];
    const { w, cli } = await sandboxWorld({ files: { 'docs/page.md': '# Page\n\nText.\n' }, pushed: true });
    const page = w.site.byTitle('Page');
    const client = await clientOf(w);
    for (const { name } of cases)
      await client.uploadAttachment({
        pageId: page.id,
        filename: name,
        data: Buffer.from(`OLD ${name}`),
        mediaType: 'image/png',
      });
    const images = cases
      .map(({ name }) => `<p><ac:image><ri:attachment ri:filename="${name}" /></ac:image></p>`)
      .join('');
    w.site.emulator.editPage(page.id, { body: `<p>Text.</p>${images}` });
    const pull = await cli(['pull']);
    expect(pull.code, pull.stdout + pull.stderr).toBe(0);
    const pulled = w.repo.read('docs/page.md');
    expect(pulled).not.toContain('<!--cs:');
    for (const { name, onDisk } of cases) {
      expect(w.repo.read(`docs/${onDisk}`)).toBe(`OLD ${name}`);
      expect(pulled).toContain(`![](${encodeURI(onDisk)})`);
    }

    // Untouched: nothing to write.
    w.snapshot();
    expect((await cli(['push'])).code).toBe(0);
    expect(w.writesSinceSnapshot()).toBe(0);

    // The text edited and the images replaced: the page still shows the same attachments, with the new bytes.
    w.repo.write('docs/page.md', pulled.replace('Text.', 'Text, edited.'));
    for (const { name, onDisk } of cases) w.repo.write(`docs/${onDisk}`, `NEW ${name}`);
    const push = await cli(['push']);
    expect(push.code, push.stdout + push.stderr).toBe(0);
    const attachments = w.site.emulator.attachments(page.id);
    expect(attachments.map((a) => a.title).sort()).toEqual(cases.map((c) => c.name).sort());
    for (const a of attachments) expect(Buffer.from(a.data).toString()).toBe(`NEW ${a.title}`);
    const body = w.site.emulator.getPage(page.id)!.body;
    for (const { name } of cases) expect(body).toContain(`ri:filename="${name}"`);
    expect(body).toContain('Text, edited.');
  });

  it('an image of an attachment that does not exist stays an attachment reference after an edit and a push', async () => {
    const { w, cli } = await sandboxWorld({ files: { 'docs/page.md': '# Page\n\nText.\n' }, pushed: true });
    const page = w.site.byTitle('Page');
    const image = '<ac:image><ri:attachment ri:filename="gone.png" /></ac:image>';
    w.site.emulator.editPage(page.id, { body: `<p>Text.</p><p>${image}</p><p>Last.</p>` });
    expect((await cli(['pull'])).code).toBe(0);
    const pulled = w.repo.read('docs/page.md');
    w.repo.write('docs/page.md', pulled.replace('Last.', 'Last, edited.'));
    const push = await cli(['push']);
    expect(push.code, push.stdout + push.stderr).toBe(0);
    const body = w.site.emulator.getPage(page.id)!.body;
    expect(body).toContain('Last, edited.');
    expect(body).toContain('<ri:attachment ri:filename="gone.png"');
    expect(body).not.toContain('ri:url');
  });
});

describe('an attachment file deleted on disk', () => {
  it('keeps the page referring to its attachment on push (with a warning), and comes back with the next pull', async () => {
    const { w, cli, page } = await pushedPageWithAttachment('x.png', 'PNG', 'image/png');
    w.site.emulator.editPage(page.id, {
      body: '<p>Text.</p><p>See <ac:image><ri:attachment ri:filename="x.png" /></ac:image> here.</p><p>End.</p>',
    });
    expect((await cli(['pull'])).code).toBe(0);
    expect(w.repo.read('docs/page.md')).toContain('See ![](page.assets/x.png) here.');

    // The file goes (by hand, a git clean) and the image's own paragraph is edited.
    rmSync(join(w.repo.dir, 'docs/page.assets/x.png'));
    w.repo.write('docs/page.md', w.repo.read('docs/page.md').replace('here.', 'there.'));
    const push = await cli(['push']);
    expect(push.code, push.stdout + push.stderr).toBe(0);
    expect(push.stdout + push.stderr).toMatch(
      /page\.assets\/x\.png is missing on disk but still referred to by page\.md: page "Page" keeps its attachment/,
    );
    const body = (await w.site.emulator.getPage(page.id))!.body;
    expect(body).toContain('<ri:attachment ri:filename="x.png"');
    expect(body).not.toContain('ri:url');
    expect(body).toContain('there.');

    // Nothing else to do; an edit in Confluence pulls the page and writes the file again.
    w.snapshot();
    const again = await cli(['push']);
    expect(again.code).toBe(0);
    expect(w.writesSinceSnapshot()).toBe(0);
    w.site.emulator.editPage(page.id, { body: body.replace('End.', 'End!') });
    expect((await cli(['pull'])).code).toBe(0);
    expect(w.repo.read('docs/page.assets/x.png')).toBe('PNG');
    expect(w.repo.read('docs/page.md')).toContain('See ![](page.assets/x.png) there.');

    // Deleted again, and the page gets a new version with the same body (a restore): the file keeps its
    // own spelling, and the attachment file is written again all the same.
    rmSync(join(w.repo.dir, 'docs/page.assets/x.png'));
    const same = (await w.site.emulator.getPage(page.id))!.body;
    w.site.emulator.editPage(page.id, { body: same });
    const before = w.repo.read('docs/page.md');
    expect((await cli(['pull'])).code).toBe(0);
    expect(w.repo.read('docs/page.md')).toBe(before);
    expect(w.repo.read('docs/page.assets/x.png')).toBe('PNG');
  });
});
