/**
 * Push patches the page's current storage: table-driven over real-looking pages (fixtures/SOURCES.md).
 * Each case pulls the page, edits the Markdown as a person would, patches, and checks what Confluence
 * would then hold: untouched blocks byte for byte, editor attributes on edited blocks, inline comments
 * put back on their text or reported lost, and a page that pulls back as the edited Markdown.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toMarkdown, toStorage } from '../../../src/convert/index.js';
import { patchMarkdown, patchStorage } from '../../../src/convert/patch/index.js';
import { segmentStorage } from '../../../src/convert/patch/segments.js';
import { checkStorageXml } from '../../../src/convert/xml/well-formed.js';

const page = (name: string): string => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');
const CLOUD = page('cloud-editor.xml');
const MAGNOLIA = page('magnolia-backing-up.xml');
const PRETTY = page('pretty-printed-macros.xml');
const MAGNOLIA_MACROS = page('magnolia-macros.xml');
const MAGNOLIA_BLOCKS = [
  'On your local machine',
  'mgnl-cloud-packages',
  'cloudy-page.ftl',
  '_what is a light module',
];

const MARKER_TAG = /<\/?ac:inline-comment-marker\b[^>]*>/g;
const withoutMarkers = (s: string): string => s.replace(MARKER_TAG, '');

/** Two pulls: today's (markers carried in the Markdown) and issue 12's (markers kept out of it). */
const PULLS = {
  'markers carried': (storage: string) => toMarkdown(storage),
  'markers left out': (storage: string) => toMarkdown(withoutMarkers(storage)),
};

/** The blocks of the page that contain `text`, exactly as the page has them. */
function blocksWith(storage: string, text: string): string[] {
  const found = segmentStorage(storage).segments.filter((s) => withoutMarkers(s.source).includes(text));
  if (found.length === 0) throw new Error(`no block of the page contains "${text}"`);
  return found.map((s) => s.source);
}

interface Case {
  name: string;
  page: string;
  edit: (markdown: string) => string;
  /** Blocks (found by a text in them) that must come back byte for byte. */
  untouched: string[];
  reanchored?: string[];
  lost?: string[];
  /** Substrings the new body must contain. */
  contains?: string[];
  blocks?: Partial<Record<'kept' | 'changed' | 'added' | 'removed', number>>;
}

function replace(from: string, to: string): (md: string) => string {
  return (md) => {
    if (!md.includes(from)) throw new Error(`the pulled Markdown has no "${from}"`);
    return md.replace(from, to);
  };
}

const CASES: Case[] = [
  {
    name: 'cloud page, nothing edited',
    page: CLOUD,
    edit: (md) => md,
    untouched: [
      'PRD: Portal',
      'Pierre Klein',
      'status of their loads',
      'planning - actively',
      'CodeBlockTest42',
    ],
    blocks: { changed: 0, added: 0, removed: 0 },
  },
  {
    name: 'cloud page, a paragraph with a comment edited around the commented text',
    page: CLOUD,
    edit: replace('Clients call support', 'Clients phone support'),
    untouched: [
      'Pierre Klein',
      'the following values',
      'planning - actively',
      'CodeBlockTest42',
      'product channel',
    ],
    reanchored: ['5bb34fe8-3c1e-4f0a-9b9d-2f7e4a1c9d01'],
    contains: [
      '<p local-id="35ce97f93c5c">Clients phone support to learn the <ac:inline-comment-marker ac:ref="5bb34fe8-3c1e-4f0a-9b9d-2f7e4a1c9d01">status of their loads</ac:inline-comment-marker>',
    ],
    blocks: { changed: 1, added: 0, removed: 0 },
  },
  {
    name: 'cloud page, the commented words deleted',
    page: CLOUD,
    edit: (md) =>
      md.replace(
        /one of (<span data-cs='[^']*'><\/span>)?the following values(<span data-cs='[^']*'><\/span>)?/,
        'one of these values',
      ),
    untouched: ['Pierre Klein', 'status of their loads', 'planning - actively', 'product channel'],
    lost: ['a7d2c1e0-5b7f-4c3e-8a11-6f0e9d2b4c77'],
  },
  {
    name: 'cloud page, a paragraph inserted after a heading',
    page: CLOUD,
    edit: replace('## Problem\n', '## Problem\n\nWritten after the review.\n'),
    untouched: [
      'PRD: Portal',
      'Pierre Klein',
      'status of their loads',
      'the following values',
      'CodeBlockTest42',
    ],
    contains: [
      '<h2 local-id="d58be938e9e7">Problem</h2>\n<p>Written after the review.</p>\n<p local-id="35ce97f93c5c">',
    ],
    blocks: { added: 1, changed: 0, removed: 0 },
  },
  {
    name: 'cloud page, one table cell edited',
    page: CLOUD,
    edit: replace('Pierre Klein', 'Ana Souza'),
    untouched: [
      'PRD: Portal',
      'status of their loads',
      'the following values',
      'CodeBlockTest42',
      'product channel',
    ],
    contains: ['<table data-table-width="760" data-layout="default" ac:local-id="e0cf9caaf767"', 'Ana Souza'],
    blocks: { changed: 1, added: 0, removed: 0 },
  },
  {
    name: 'cloud page, the closing paragraph moved to the top: its comment moves with it',
    page: CLOUD,
    edit: (md) => {
      const last = md.trimEnd().split('\n\n').at(-1)!;
      return `${last}\n\n${md.trimEnd().slice(0, -last.length).trimEnd()}\n`;
    },
    untouched: ['Pierre Klein', 'status of their loads', 'the following values', 'CodeBlockTest42'],
    reanchored: ['c0ffee00-1111-4222-8333-944445555666'],
  },
  {
    name: 'cloud page, a section deleted',
    page: CLOUD,
    edit: (md) => md.replace(/## Example[\s\S]*?```\n\n/, ''),
    untouched: ['PRD: Portal', 'Pierre Klein', 'status of their loads', 'product channel'],
    blocks: { removed: 3, changed: 0, added: 0 },
  },
  {
    name: 'real page, nothing edited',
    page: MAGNOLIA,
    edit: (md) => md,
    untouched: ['Type of data', 'This applies to both', 'daily, weekly and monthly', 'One weekly backup'],
    blocks: { changed: 0, added: 0, removed: 0 },
  },
  {
    name: 'real page, a list item without comments edited',
    page: MAGNOLIA,
    edit: replace('One weekly backup', 'One weekly backup (kept 7 days)'),
    untouched: ['Type of data', 'This applies to both', 'daily, weekly and monthly', 'he system keeps'],
    blocks: { changed: 1, added: 0, removed: 0 },
  },
  {
    name: 'real page, a commented sentence rewritten at its start',
    page: MAGNOLIA,
    edit: (md) =>
      md.replace(/^T(<span data-cs='[^']*'><\/span>)?he system keeps/m, 'Today t$1he system keeps'),
    untouched: ['Type of data', 'This applies to both', 'daily, weekly and monthly', 'One weekly backup'],
    reanchored: ['3189d98e-d434-4bf0-9ece-68b2143ecb80'],
    contains: ['>he system keeps the most recently created backup for each type:</ac:inline-comment-marker>'],
  },
  {
    name: 'real page, a commented paragraph deleted',
    page: MAGNOLIA,
    edit: (md) => md.replace(/^.*This applies to both for automatic and manual backups.*\n\n/m, ''),
    untouched: ['Type of data', 'daily, weekly and monthly', 'One weekly backup', 'he system keeps'],
    lost: ['8e379e96-c22f-47c3-8382-fb125235f856'],
    blocks: { removed: 1, changed: 0, added: 0 },
  },
  {
    name: 'real page, another item of a list with a comment over text, a styled span and a link',
    page: MAGNOLIA,
    edit: replace('create a manual backup', 'create a manual backup in the cockpit'),
    untouched: ['Type of data', 'This applies to both', 'One weekly backup', 'he system keeps'],
    reanchored: [],
    // the list is patched inside: only the edited item is written from the Markdown; the item with the
    // comment, its colour span and its link goes back byte for byte (before, the whole list was rewritten
    // and the span dropped)
    contains: [
      '<li>Automatic backups are made on a <ac:inline-comment-marker ac:ref="0712bc23-a479-409d-a3a3-decef91a12b7">daily, weekly and monthly basis at<span style="color: rgb(0,0,0);"> 1:00 UTC',
      'suit your site.</span></ac:inline-comment-marker></li><li>When you\u00a0<ac:link><ri:page ri:content-title="Creating a backup manually"',
      'create a manual backup in the cockpit',
    ],
  },
  {
    name: 'pretty-printed macros, nothing edited',
    page: PRETTY,
    edit: (md) => md,
    untouched: [
      'Confluence test',
      'image.pdf',
      'youtube',
      'fake closing tag',
      'Bloc code title',
      'show-hide if',
    ],
    blocks: { changed: 0, added: 0, removed: 0 },
  },
  {
    name: 'pretty-printed macros, a paragraph edited: every macro kept byte for byte (indentation, ids)',
    page: PRETTY,
    edit: replace('Ask the release manager before changing this page.', 'Ask the release manager first.'),
    untouched: [
      'Confluence test',
      'image.pdf',
      'youtube',
      'fake closing tag',
      'Bloc code title',
      'show-hide if',
    ],
    contains: ['<p>Ask the release manager first.</p>'],
    blocks: { changed: 1, added: 0, removed: 0 },
  },
  {
    name: "pretty-printed macros, a Jira line's query and a noformat body edited",
    page: PRETTY,
    edit: (md) =>
      replace('"Confluence test"', '"Confluence prod"')(md).replace('fake closing tag', 'fake closing tags'),
    untouched: ['release team watches', 'image.pdf', 'youtube', 'Bloc code title', 'show-hide if'],
    contains: [
      '<ac:parameter ac:name="jqlQuery">project = "Confluence prod"  </ac:parameter>',
      '{{/another}} fake closing tags that should not be interpreted.]]>',
    ],
    blocks: { changed: 2, added: 0, removed: 0 },
  },
  {
    name: 'pretty-printed Magnolia macros (code-pro fences, expand, anchor, include), nothing edited',
    page: MAGNOLIA_MACROS,
    edit: (md) => md,
    untouched: MAGNOLIA_BLOCKS,
    blocks: { changed: 0, added: 0, removed: 0 },
  },
  {
    name: 'pretty-printed Magnolia macros, a paragraph edited: every macro kept byte for byte',
    page: MAGNOLIA_MACROS,
    edit: replace('Then create the page template.', 'Then create a page template.'),
    untouched: MAGNOLIA_BLOCKS,
    contains: ['<p>Then create a page template.</p>'],
    blocks: { changed: 1, added: 0, removed: 0 },
  },
  {
    name: "pretty-printed Magnolia macros, a code-pro fence's code, an include's page and an anchor edited",
    page: MAGNOLIA_MACROS,
    edit: (md) =>
      replace(
        '/magnolia-docs/light-modules\n',
        '/magnolia-docs/modules\n',
      )(md)
        .replace('<confluence-page:_what is a light module>', '<confluence-page:DOCS/Light modules>')
        .replace('<a id="A"></a>', '<a id="local"></a>'),
    untouched: ['cloudy-page.ftl'],
    contains: [
      '<ac:parameter ac:name="atlassian-macro-output-type">\n    INLINE\n   </ac:parameter><ac:plain-text-body><![CDATA[/Users/<username>/dev/repo/mgnl-cloud-packages/magnolia-docs/modules\n]]>',
      '<ac:link><ri:page ri:space-key="DOCS" ri:content-title="Light modules"/></ac:link>',
      '<ac:parameter ac:name="">local</ac:parameter>',
    ],
    blocks: { changed: 3, added: 0, removed: 0 },
  },
];

describe('patchMarkdown: push patches, it does not replace', () => {
  for (const [pullName, pull] of Object.entries(PULLS)) {
    describe(pullName, () => {
      for (const c of CASES) {
        it(c.name, () => {
          const edited = c.edit(pull(c.page));
          const result = patchMarkdown(c.page, edited);
          const body = result.storage;

          expect(checkStorageXml(body, { anyPrefix: true })).toBeNull();
          for (const text of c.untouched)
            for (const block of blocksWith(c.page, text)) expect(body).toContain(block);
          for (const s of c.contains ?? []) expect(body).toContain(s);
          expect(result.patch.lostAnchors.map((l) => l.ref).sort()).toEqual([...(c.lost ?? [])].sort());
          // with the markers in the Markdown, the new storage has them already: nothing to re-anchor
          if (pullName === 'markers left out')
            expect(result.patch.reanchored.sort()).toEqual([...(c.reanchored ?? [])].sort());
          else for (const ref of c.reanchored ?? []) expect(body).toContain(`ac:ref="${ref}"`);
          for (const [k, v] of Object.entries(c.blocks ?? {}))
            expect(result.patch.blocks[k as keyof typeof result.patch.blocks], k).toBe(v);
          if (edited === pull(c.page)) expect(body).toBe(c.page);
          // Confluence then holds what the Markdown says (taken through the converter the same way on
          // both sides: its round trip is not a fixpoint on every real page yet, which is the pull's issue)
          expect(pull(toStorage(pull(body)).storage)).toBe(pull(toStorage(edited).storage));
        });
      }
    });
  }
});

describe('patchStorage', () => {
  it('keeps whitespace between untouched blocks and the page tail', () => {
    const current = '<p local-id="a">one</p>\n  <p local-id="b">two</p>\n<p local-id="c">three</p>\n';
    const result = patchStorage(current, '<p>one</p><p>2</p><p>three</p>');
    expect(result.storage).toBe(
      '<p local-id="a">one</p>\n  <p local-id="b">2</p>\n<p local-id="c">three</p>\n',
    );
    expect(result.blocks).toEqual({ kept: 2, changed: 1, added: 0, removed: 0 });
  });

  it('an inline comment added after the pull survives an edit of another paragraph', () => {
    const pulled = '<p local-id="a">Alpha text.</p><p local-id="b">Beta text.</p>';
    const now =
      '<p local-id="a">Alpha <ac:inline-comment-marker ac:ref="r1">text</ac:inline-comment-marker>.</p><p local-id="b">Beta text.</p>';
    const edited = toMarkdown(pulled).replace('Beta', 'Gamma');
    const result = patchMarkdown(now, edited);
    expect(result.storage).toBe(
      '<p local-id="a">Alpha <ac:inline-comment-marker ac:ref="r1">text</ac:inline-comment-marker>.</p><p local-id="b">Gamma text.</p>',
    );
    expect(result.patch.lostAnchors).toEqual([]);
  });

  it('puts a marker on the occurrence of its text it was on', () => {
    const current = '<p>go <ac:inline-comment-marker ac:ref="r">to</ac:inline-comment-marker> to top</p>';
    const other = '<p>go to <ac:inline-comment-marker ac:ref="r">to</ac:inline-comment-marker>p</p>';
    expect(patchStorage(current, '<p>now go to to top</p>').storage).toBe(
      '<p>now go <ac:inline-comment-marker ac:ref="r">to</ac:inline-comment-marker> to top</p>',
    );
    expect(patchStorage(other, '<p>now go to top</p>').storage).toBe(
      '<p>now go to <ac:inline-comment-marker ac:ref="r">to</ac:inline-comment-marker>p</p>',
    );
  });

  it('wraps a comment over text and whole inline elements, entities counted as one character', () => {
    const current =
      '<p>a <ac:inline-comment-marker ac:ref="r">b&amp;c <strong>bold</strong></ac:inline-comment-marker> end</p>';
    const result = patchStorage(current, '<p>x a b&amp;c <strong>bold</strong> end</p>');
    expect(result.storage).toBe(
      '<p>x a <ac:inline-comment-marker ac:ref="r">b&amp;c <strong>bold</strong></ac:inline-comment-marker> end</p>',
    );
  });

  it('wraps whole elements when the text starts and ends at their edges', () => {
    const current = '<p><ac:inline-comment-marker ac:ref="r">one two</ac:inline-comment-marker></p>';
    const result = patchStorage(current, '<p><strong>one</strong><em> two</em> three</p>');
    expect(result.storage).toBe(
      '<p><ac:inline-comment-marker ac:ref="r"><strong>one</strong><em> two</em></ac:inline-comment-marker> three</p>',
    );
  });

  it('reports a comment whose text no longer fits in one element, rather than writing broken XML', () => {
    const current = '<p>one <ac:inline-comment-marker ac:ref="r">two three</ac:inline-comment-marker></p>';
    const result = patchStorage(current, '<p><strong>one two</strong> three</p>');
    expect(checkStorageXml(result.storage, { anyPrefix: true })).toBeNull();
    expect(result.lostAnchors).toEqual([{ ref: 'r', text: 'two three' }]);
  });

  it('a comment anchored in two paragraphs is not lost while one of its markers stays', () => {
    const current =
      '<p><ac:inline-comment-marker ac:ref="r">first</ac:inline-comment-marker></p><p><ac:inline-comment-marker ac:ref="r">second</ac:inline-comment-marker></p>';
    const result = patchStorage(current, '<p>first</p>');
    expect(result.lostAnchors).toEqual([]);
    expect(result.storage).toBe(
      '<p><ac:inline-comment-marker ac:ref="r">first</ac:inline-comment-marker></p>',
    );
  });

  it('nested comments land nested again', () => {
    const current =
      '<p><ac:inline-comment-marker ac:ref="outer">big <ac:inline-comment-marker ac:ref="inner">idea</ac:inline-comment-marker></ac:inline-comment-marker> here</p>';
    const result = patchStorage(current, '<p>A big idea here</p>');
    expect(result.storage).toBe(
      '<p>A <ac:inline-comment-marker ac:ref="outer">big <ac:inline-comment-marker ac:ref="inner">idea</ac:inline-comment-marker></ac:inline-comment-marker> here</p>',
    );
  });

  it('a new page body (no current storage) is the written storage', () => {
    expect(patchStorage('', '<p>new</p>').storage).toBe('<p>new</p>');
  });
});
