/**
 * Attachments a pull writes into the docs folder stay attachments: a `.md` attachment is not scanned as
 * a page, and an attachment whose name had to be changed on disk (a Windows device name, a character a
 * file system refuses) is uploaded under its Confluence name, never as a second attachment.
 */
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

describe('pulled attachments stay attachments', () => {
  it('a .md attachment pulled beside its page is not pushed as a new page', async () => {
    const { w, cli } = await sandboxWorld({ files: { 'docs/page.md': '# Page\n\nText.\n' }, pushed: true });
    const page = w.site.byTitle('Page');
    await (
      await clientOf(w)
    ).uploadAttachment({
      pageId: page.id,
      filename: 'notes.md',
      data: Buffer.from('# Notes\n\nAttached, not a page.\n'),
      mediaType: 'text/markdown',
    });
    w.site.emulator.editPage(page.id, {
      body: '<p>Text.</p><p><ac:link><ri:attachment ri:filename="notes.md" /></ac:link></p>',
    });
    const pull = await cli(['pull']);
    expect(pull.code, pull.stdout + pull.stderr).toBe(0);
    const attached = w.repo.files('docs').filter((f) => f.endsWith('notes.md'));
    expect(attached).toHaveLength(1);
    expect(w.repo.read(attached[0]!)).toContain('Attached, not a page.');

    w.snapshot();
    for (const args of [['status'], ['push'], ['sync']]) {
      const run = await cli(args);
      expect(run.code, `${args[0]}: ${run.stdout}${run.stderr}`).toBe(0);
      expect(run.stdout + run.stderr).not.toMatch(/Notes/);
    }
    expect(w.writesSinceSnapshot()).toBe(0);
    expect(w.site.emulator.pages(w.site.config.spaceKey).map((p) => p.title)).not.toContain('Notes');
  });

  it('an attachment renamed on disk (CON.png → CON_.png) is pushed back under its Confluence name', async () => {
    const { w, cli } = await sandboxWorld({ files: { 'docs/page.md': '# Page\n\nText.\n' }, pushed: true });
    const page = w.site.byTitle('Page');
    await (
      await clientOf(w)
    ).uploadAttachment({
      pageId: page.id,
      filename: 'CON.png',
      data: Buffer.from('CON-BYTES'),
      mediaType: 'image/png',
    });
    w.site.emulator.editPage(page.id, {
      body: '<p>Text.</p><p><ac:image><ri:attachment ri:filename="CON.png" /></ac:image></p>',
    });
    expect((await cli(['pull'])).code).toBe(0);
    const file = w.repo.files('docs').find((f) => /CON_\.png$/.test(f));
    expect(file).toBeDefined();

    // Untouched: nothing to write.
    w.snapshot();
    expect((await cli(['push'])).code).toBe(0);
    expect(w.writesSinceSnapshot()).toBe(0);

    // The text edited and the image replaced: the page still shows CON.png, with the new bytes.
    w.repo.write('docs/page.md', w.repo.read('docs/page.md').replace('Text.', 'Text, edited.'));
    w.repo.write(file!, 'NEW-BYTES');
    const push = await cli(['push']);
    expect(push.code, push.stdout + push.stderr).toBe(0);
    const names = w.site.emulator.attachments(page.id).map((a) => a.title);
    expect(names).toEqual(['CON.png']);
    const body = w.site.emulator.getPage(page.id)!.body;
    expect(body).toContain('ri:filename="CON.png"');
    expect(body).toContain('Text, edited.');
  });
});
