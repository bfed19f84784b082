/**
 * A page link without a text of its own pulls with the page's title as its text (GitHub shows it), and a
 * push never turns that into a write: an untouched file writes nothing, and an edit elsewhere on the page
 * leaves the link as Confluence had it (without a text of its own, so it keeps showing the current title).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runSync } from '../../../src/sync/engine.js';
import { useApplyWorld } from './world.js';

const world = useApplyWorld('page-link-title');

const INSTALL = '<ac:link><ri:page ri:content-title="Install guide"/></ac:link>';
const ELSEWHERE = '<ac:link><ri:page ri:space-key="OPS" ri:content-title="Run book [v2]"/></ac:link>';
/** The Cloud editor's spelling of a link whose text is the title. */
const CLOUD_TITLED =
  '<ac:link><ri:page ri:content-title="Install guide" ri:version-at-save="1"/><ac:link-body>Install guide</ac:link-body></ac:link>';
const BODY = [
  `<p>Start with ${INSTALL} before anything else.</p>`,
  '<p>Second paragraph.</p>',
  `<p>Then read ${ELSEWHERE} and ${CLOUD_TITLED} again.</p>`,
].join('');

async function pulled(): Promise<{ id: string; file: string; text: string }> {
  world.emulator.createPage({
    spaceKey: 'DOCS',
    parentId: world.rootId,
    title: 'Install guide',
    body: '<p>Steps.</p>',
  });
  const { id } = world.emulator.createPage({
    spaceKey: 'DOCS',
    parentId: world.rootId,
    title: 'Overview',
    body: BODY,
  });
  const pull = await runSync(world.config(), { mode: 'pull' }, { client: world.client() });
  expect(pull.exitCode).toBe(0);
  const file = world.abs(world.manifest().pages[id]!.localPath);
  return { id, file, text: readFileSync(file, 'utf8') };
}

async function writesOf(mode: 'push' | 'sync' | 'pull'): Promise<number> {
  world.emulator.resetStats();
  const result = await runSync(world.config(), { mode }, { client: world.client() });
  expect(result.exitCode, mode).toBe(0);
  return world.emulator.stats().writes;
}

describe('a page link without a text of its own', () => {
  it('pulls with the title as its text, synced page or not', async () => {
    const { text } = await pulled();
    expect(text).toContain('Start with [Install guide](Install%20guide.md) before anything else.');
    expect(text).toContain(
      'Then read [Run book \\[v2\\]](<confluence-page:OPS/Run book \\[v2]>) and [Install guide](Install%20guide.md) again.',
    );
    expect(text).not.toMatch(/\[\]\(/);
  });

  it('pushed untouched writes nothing (push, sync)', async () => {
    const { id } = await pulled();
    expect(await writesOf('push')).toBe(0);
    expect(await writesOf('sync')).toBe(0);
    expect(world.emulator.getPage(id)!.body).toBe(BODY);
  });

  it('stays without a text of its own when another paragraph is edited', async () => {
    const { id, file, text } = await pulled();
    world.write(
      world.manifest().pages[id]!.localPath,
      text.replace('Second paragraph.', 'Second paragraph, edited.'),
    );
    expect(await writesOf('push')).toBe(1);
    const body = world.emulator.getPage(id)!.body;
    expect(body).toContain('<p>Second paragraph, edited.</p>');
    expect(body).toContain(`<p>Start with ${INSTALL} before anything else.</p>`);
    expect(body).toContain(`<p>Then read ${ELSEWHERE} and ${CLOUD_TITLED} again.</p>`);
    // the page now says what the file says: nothing more to pull or push
    const edited = readFileSync(file, 'utf8');
    expect(await writesOf('sync')).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(edited);
  });

  it('stays without a text of its own when its own paragraph is edited', async () => {
    const { id, text } = await pulled();
    world.write(
      world.manifest().pages[id]!.localPath,
      text.replace('before anything else.', 'first.').replace(' again.', ' once more.'),
    );
    expect(await writesOf('push')).toBe(1);
    const body = world.emulator.getPage(id)!.body;
    expect(body).toContain(`<p>Start with ${INSTALL} first.</p>`);
    expect(body).toContain(ELSEWHERE);
    expect(body).toContain('<p>Second paragraph.</p>');
    expect(await writesOf('sync')).toBe(0);
  });
});
