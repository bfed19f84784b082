/**
 * A link to a page without a text of its own shows the page's title in Confluence; a pull writes that
 * title as the link's text (`[Install guide](install-guide.md)`), a push writes it back as the link's
 * text. The canonical form (what the engine compares and hashes) holds the two spellings equal, and only
 * those: an anchor, a space key or a text that differs from the title in any way still counts.
 */
import { describe, expect, it } from 'vitest';
import { storageEquals, toMarkdown, toStorage } from '../../src/convert/index.js';

const page = (attrs = '') => `<ri:page ri:content-title="Install guide"${attrs}/>`;
const bodyless = '<p>See <ac:link><ri:page ri:content-title="Install guide"/></ac:link>.</p>';
const link = (inner: string, linkAttrs = '') => `<p>See <ac:link${linkAttrs}>${inner}</ac:link>.</p>`;
const cdata = (text: string) => `<ac:plain-text-link-body><![CDATA[${text}]]></ac:plain-text-link-body>`;

const cases: { name: string; a: string; b: string; same: boolean }[] = [
  {
    name: 'plain-text body (CDATA) equal to the title',
    a: bodyless,
    b: link(page() + cdata('Install guide')),
    same: true,
  },
  {
    name: 'plain-text body (escaped text) equal to the title',
    a: bodyless,
    b: link(`${page()}<ac:plain-text-link-body>Install guide</ac:plain-text-link-body>`),
    same: true,
  },
  {
    name: "Cloud's link body of text alone equal to the title",
    a: bodyless,
    b: link(`${page()}<ac:link-body>Install guide</ac:link-body>`),
    same: true,
  },
  {
    name: 'the title and the text spelled with entities',
    a: '<p><ac:link><ri:page ri:content-title="R&amp;D &lt;notes&gt;"/></ac:link></p>',
    b: '<p><ac:link><ri:page ri:content-title="R&amp;D &lt;notes&gt;"/><ac:link-body>R&amp;D &lt;notes&gt;</ac:link-body></ac:link></p>',
    same: true,
  },
  {
    name: 'a pretty-printed link and a page version recorded at save',
    a: bodyless,
    b: link(`\n  ${page(' ri:version-at-save="4"')}\n  ${cdata('Install guide')}\n`),
    same: true,
  },
  {
    name: 'the same page in another space, both naming the space',
    a: link(page(' ri:space-key="OPS"')),
    b: link(page(' ri:space-key="OPS"') + cdata('Install guide')),
    same: true,
  },
  { name: 'a text that differs in case', a: bodyless, b: link(page() + cdata('install guide')), same: false },
  {
    name: 'a text with a trailing space',
    a: bodyless,
    b: link(page() + cdata('Install guide ')),
    same: false,
  },
  {
    name: 'a text with markup',
    a: bodyless,
    b: link(`${page()}<ac:link-body><em>Install guide</em></ac:link-body>`),
    same: false,
  },
  {
    name: 'a text that is another title',
    a: bodyless,
    b: link(page() + cdata('Setup')),
    same: false,
  },
  {
    name: 'an anchor on both (not known to show the title alone)',
    a: link(page(), ' ac:anchor="step-2"'),
    b: link(page() + cdata('Install guide'), ' ac:anchor="step-2"'),
    same: false,
  },
  {
    name: 'an anchor on one side only',
    a: bodyless,
    b: link(page() + cdata('Install guide'), ' ac:anchor="step-2"'),
    same: false,
  },
  {
    name: 'a space key on one side only',
    a: link(page(' ri:space-key="OPS"')),
    b: link(page() + cdata('Install guide')),
    same: false,
  },
  {
    name: 'an attachment link (only page links show their title)',
    a: '<p><ac:link><ri:attachment ri:filename="a.pdf"/></ac:link></p>',
    b: `<p><ac:link><ri:attachment ri:filename="a.pdf"/>${cdata('a.pdf')}</ac:link></p>`,
    same: false,
  },
];

describe('a page link without a text of its own ≡ the same link with the title as its text', () => {
  it.each(cases)('$name: same = $same', ({ a, b, same }) => {
    expect(storageEquals(a, b)).toBe(same);
    expect(storageEquals(b, a)).toBe(same);
  });
});

describe('pull shows the title, push writes it, the round trip is a fixpoint', () => {
  const ctx = {
    resolvePageLink: (href: string) => (href === 'install-guide.md' ? { title: 'Install guide' } : null),
    pageToHref: (ref: { title: string; spaceKey?: string }) =>
      ref.title === 'Install guide' && ref.spaceKey === undefined ? 'install-guide.md' : null,
  };
  const pulls: { storage: string; markdown: string }[] = [
    { storage: bodyless, markdown: 'See [Install guide](install-guide.md).\n' },
    { storage: link(page() + cdata('Install guide')), markdown: 'See [Install guide](install-guide.md).\n' },
    { storage: link(page(), ' ac:anchor="step-2"'), markdown: 'See [](install-guide.md#step-2).\n' },
    {
      storage: link(page() + cdata('Install guide'), ' ac:anchor="step-2"'),
      markdown: 'See [Install guide](install-guide.md#step-2).\n',
    },
    {
      storage: '<p><ac:link><ri:page ri:content-title="A [b] *c* \\d `e`"/></ac:link></p>',
      markdown: '[A \\[b\\] \\*c\\* \\d \\`e\\`](<confluence-page:A \\[b] *c* %5Cd `e`>)\n',
    },
    {
      storage: '<p><ac:link><ri:page ri:content-title="  Two  spaces "/></ac:link></p>',
      markdown: '[  Two  spaces ](<confluence-page:  Two  spaces >)\n',
    },
  ];
  it.each(pulls)('$storage', ({ storage, markdown }) => {
    const pulled = toMarkdown(storage, ctx);
    expect(pulled).toBe(markdown);
    const pushed = toStorage(pulled, ctx).storage;
    expect(storageEquals(pushed, storage)).toBe(true);
    expect(toMarkdown(pushed, ctx)).toBe(markdown);
  });
});
