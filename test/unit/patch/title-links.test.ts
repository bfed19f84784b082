/**
 * A page link without a text of its own pulls as `[Title](page.md)`; the push patch writes an edited
 * block anew, and the link goes back without a text (it keeps following the page's title) when the old
 * block had it so. Table-driven: the page as Confluence has it, an edit of the pulled Markdown, and the
 * links the new body holds.
 */
import { describe, expect, it } from 'vitest';
import { storageEquals, toMarkdown } from '../../../src/convert/index.js';
import { patchMarkdown } from '../../../src/convert/patch/index.js';

const ctx = {
  resolvePageLink: (href: string) => (href === 'install-guide.md' ? { title: 'Install guide' } : null),
  pageToHref: (ref: { title: string; spaceKey?: string }) =>
    ref.title === 'Install guide' && ref.spaceKey === undefined ? 'install-guide.md' : null,
};

const BARE = '<ac:link><ri:page ri:content-title="Install guide"/></ac:link>';
const TITLED =
  '<ac:link><ri:page ri:content-title="Install guide"/><ac:plain-text-link-body><![CDATA[Install guide]]></ac:plain-text-link-body></ac:link>';
const OTHER_SPACE = '<ac:link><ri:page ri:space-key="OPS" ri:content-title="Run book ]]> [v2]"/></ac:link>';
const ANCHORED = '<ac:link ac:anchor="step-2"><ri:page ri:content-title="Install guide"/></ac:link>';

const cases: { name: string; page: string; edit: [string, string]; contains: string[]; lacks?: string[] }[] =
  [
    {
      name: 'the paragraph holding the link edited',
      page: `<p>Start with ${BARE} first.</p><p>Other.</p>`,
      edit: ['first.', 'first of all.'],
      contains: [`<p>Start with ${BARE} first of all.</p>`, '<p>Other.</p>'],
    },
    {
      name: 'a link to a page that is not synced, its title with ]]> and brackets',
      page: `<p>Read ${OTHER_SPACE} now.</p>`,
      edit: ['now.', 'today.'],
      contains: [`<p>Read ${OTHER_SPACE} today.</p>`],
    },
    {
      name: 'the same link written twice where the page had it once: once without a text',
      page: `<p>Start with ${BARE}.</p>`,
      edit: [
        '[Install guide](install-guide.md).',
        '[Install guide](install-guide.md), [Install guide](install-guide.md).',
      ],
      contains: [`<p>Start with ${BARE}, ${TITLED}.</p>`],
    },
    {
      name: 'a text of its own typed in place of the title',
      page: `<p>Start with ${BARE}.</p>`,
      edit: ['[Install guide]', '[the guide]'],
      contains: ['<ac:plain-text-link-body><![CDATA[the guide]]></ac:plain-text-link-body>'],
      lacks: [BARE],
    },
    {
      name: 'a link the page had with the title as its text keeps it',
      page: `<p>Start with ${TITLED} first.</p>`,
      edit: ['first.', 'first of all.'],
      contains: [`<p>Start with ${TITLED} first of all.</p>`],
    },
    {
      name: 'a list item holding the link',
      page: `<ul><li><p>Start with ${BARE} first.</p></li><li><p>Two.</p></li></ul>`,
      edit: ['first.', 'first of all.'],
      contains: [BARE, 'first of all.'],
      lacks: [TITLED],
    },
    {
      name: 'an anchored link keeps its own spelling (pulled without a text)',
      page: `<p>Start with ${ANCHORED} first.</p>`,
      edit: ['first.', 'first of all.'],
      contains: [`<p>Start with ${ANCHORED} first of all.</p>`],
    },
  ];

describe('an edited block keeps its page links without a text of their own', () => {
  it.each(cases)('$name', ({ page, edit: [from, to], contains, lacks }) => {
    const pulled = toMarkdown(page, ctx);
    expect(pulled).not.toMatch(/(?<!!)\[\]\((?!install-guide\.md#)/);
    expect(pulled).toContain(from);
    const edited = pulled.replace(from, to);
    const { storage } = patchMarkdown(page, edited, ctx);
    for (const part of contains) expect(storage).toContain(part);
    for (const part of lacks ?? []) expect(storage).not.toContain(part);
    // what Confluence then holds pulls back as the edited file
    expect(toMarkdown(storage, ctx)).toBe(edited);
  });

  it('an untouched page comes back byte for byte', () => {
    const page = `<p>Start with ${BARE} first.</p><p>Read ${OTHER_SPACE}.</p>`;
    const { storage } = patchMarkdown(page, toMarkdown(page, ctx), ctx);
    expect(storage).toBe(page);
    expect(storageEquals(storage, page)).toBe(true);
  });
});
