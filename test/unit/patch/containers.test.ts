/**
 * A container (layout, panel, table, list, quote) is one top-level block: an edit inside it patches the
 * container, so the blocks around the edit keep their bytes (ids, widths, styles, comment anchors).
 * Table-driven: a Cloud-editor-looking page, a Markdown edit, the exact pieces of the old page that
 * must come back, and always: the new page pulls back as the edited Markdown.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toMarkdown, toStorage } from '../../../src/convert/index.js';
import { patchMarkdown } from '../../../src/convert/patch/index.js';
import { checkStorageXml } from '../../../src/convert/xml/well-formed.js';

const LAYOUT =
  '<ac:layout><ac:layout-section ac:type="two_equal" ac:breakout-mode="default">' +
  '<ac:layout-cell><p local-id="a1" style="text-align: justify;">Left one.</p><p local-id="a2">Left two.</p></ac:layout-cell>' +
  '<ac:layout-cell><h2 local-id="b1">Right</h2><p local-id="b2">Right <ac:inline-comment-marker ac:ref="c-1">one</ac:inline-comment-marker>.</p><p local-id="b3">Right two.</p></ac:layout-cell>' +
  '</ac:layout-section></ac:layout>';

const PANEL =
  '<p local-id="p0">Before.</p>' +
  '<ac:structured-macro ac:name="info" ac:schema-version="1" ac:macro-id="m-1"><ac:rich-text-body>' +
  '<p local-id="p1">Keep <span style="color: rgb(255,0,0);">this</span> line.</p><p local-id="p2">Edit this line.</p>' +
  '</ac:rich-text-body></ac:structured-macro>';

const TABLE =
  '<table data-table-width="760" data-layout="default" ac:local-id="t-1"><colgroup><col style="width: 380.0px;" /><col style="width: 380.0px;" /></colgroup><tbody>' +
  '<tr ac:local-id="r-1"><th data-highlight-colour="#f0f1f2" ac:local-id="h-1"><p local-id="hp1">Name</p></th><th data-highlight-colour="#f0f1f2" ac:local-id="h-2"><p local-id="hp2">Role</p></th></tr>' +
  '<tr ac:local-id="r-2"><td ac:local-id="d-1"><p local-id="dp1">Ada</p></td><td ac:local-id="d-2"><p local-id="dp2">Engineer</p></td></tr>' +
  '<tr ac:local-id="r-3"><td ac:local-id="d-3"><p local-id="dp3">Bob</p></td><td ac:local-id="d-4"><p local-id="dp4">Writer</p></td></tr>' +
  '</tbody></table>';

const LIST =
  '<ul local-id="l-1"><li local-id="i-1"><p local-id="ip1">First <ac:inline-comment-marker ac:ref="c-2">item</ac:inline-comment-marker>.</p></li>' +
  '<li local-id="i-2"><p local-id="ip2">Second item.</p></li><li local-id="i-3"><p local-id="ip3">Third item.</p></li></ul>';

interface Case {
  name: string;
  page: string;
  edit: [string, string];
  /** Exact pieces of the old page that must be in the new one. */
  kept: string[];
  /** Pieces that must be gone (the edited text). */
  gone?: string[];
  lost?: string[];
}

const CASES: Case[] = [
  {
    name: 'layout: one paragraph edited in the right cell',
    page: LAYOUT,
    edit: ['Right two.', 'Right two, edited.'],
    kept: [
      '<ac:layout><ac:layout-section ac:type="two_equal" ac:breakout-mode="default"><ac:layout-cell>',
      '<p local-id="a1" style="text-align: justify;">Left one.</p><p local-id="a2">Left two.</p>',
      '<h2 local-id="b1">Right</h2><p local-id="b2">Right <ac:inline-comment-marker ac:ref="c-1">one</ac:inline-comment-marker>.</p>',
    ],
    gone: ['<p local-id="b3">Right two.</p>'],
  },
  {
    name: 'layout: the commented paragraph edited around the comment',
    page: LAYOUT,
    edit: ['Right one.', 'Right one, and more.'],
    kept: [
      '<p local-id="a1" style="text-align: justify;">Left one.</p>',
      '<p local-id="b3">Right two.</p>',
      'ac:ref="c-1">one<',
    ],
  },
  {
    name: 'panel: one line edited inside, the macro id and the other line kept',
    page: PANEL,
    edit: ['Edit this line.', 'Edited line.'],
    kept: [
      '<p local-id="p0">Before.</p>',
      'ac:macro-id="m-1"><ac:rich-text-body><p local-id="p1">Keep <span style="color: rgb(255,0,0);">this</span> line.</p>',
    ],
    gone: ['Edit this line.'],
  },
  {
    name: 'table: one cell edited, every other cell and the table attributes kept',
    page: TABLE,
    edit: ['Writer', 'Editor'],
    kept: [
      '<table data-table-width="760" data-layout="default" ac:local-id="t-1"><colgroup>',
      '<th data-highlight-colour="#f0f1f2" ac:local-id="h-1"><p local-id="hp1">Name</p></th>',
      '<tr ac:local-id="r-2"><td ac:local-id="d-1"><p local-id="dp1">Ada</p></td><td ac:local-id="d-2"><p local-id="dp2">Engineer</p></td></tr>',
      '<td ac:local-id="d-3"><p local-id="dp3">Bob</p></td><td ac:local-id="d-4">',
    ],
    gone: ['Writer'],
  },
  {
    name: 'list: the third item edited, the first keeps its comment and ids',
    page: LIST,
    edit: ['Third item.', 'Third item, edited.'],
    kept: [
      '<ul local-id="l-1"><li local-id="i-1"><p local-id="ip1">First <ac:inline-comment-marker ac:ref="c-2">item</ac:inline-comment-marker>.</p></li>',
      '<li local-id="i-2"><p local-id="ip2">Second item.</p></li><li local-id="i-3">',
    ],
  },
  {
    name: 'table: a row added — written whole from the Markdown, the table attributes kept',
    page: TABLE,
    edit: ['| Bob  | Writer   |', '| Bob  | Writer   |\n| Cy   | Tester   |'],
    kept: ['data-table-width="760"'],
  },
  {
    name: 'list: an item added — the list is written from the Markdown',
    page: LIST,
    edit: ['- Third item.', '- Third item.\n- Fourth item.'],
    kept: ['ac:ref="c-2"'],
  },
];

describe('push patches inside containers', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const pulled = toMarkdown(c.page);
      const [from, to] = c.edit;
      expect(pulled, 'the edit applies to the pulled Markdown').toContain(from);
      const edited = pulled.replace(from, to);
      const result = patchMarkdown(c.page, edited);
      const body = result.storage;
      expect(checkStorageXml(body, { anyPrefix: true })).toBeNull();
      for (const piece of c.kept) expect(body).toContain(piece);
      for (const piece of c.gone ?? []) expect(body).not.toContain(piece);
      expect(result.patch.lostAnchors.map((l) => l.ref)).toEqual(c.lost ?? []);
      // Confluence then says what the Markdown says
      expect(toMarkdown(body)).toBe(toMarkdown(toStorage(edited).storage));
    });
  }

  it('a real Cloud page in layouts and panels: a heading edited, every other byte kept', () => {
    const page = readFileSync(
      new URL('../../convert/real-pages/cloud--hw-layout-cell.xml', import.meta.url),
      'utf8',
    );
    const edited = toMarkdown(page).replace('## InsightHub', '## InsightHub, renamed');
    const result = patchMarkdown(page, edited);
    expect(result.storage).toBe(page.replace('>InsightHub</h2>', '>InsightHub, renamed</h2>'));
  });

  it('nothing edited: the page comes back byte for byte', () => {
    for (const page of [LAYOUT, PANEL, TABLE, LIST])
      expect(patchMarkdown(page, toMarkdown(page)).storage).toBe(page);
  });
});
