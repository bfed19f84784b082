/**
 * GFM tables ⇄ `<table>`: header row of `<th>`, alignment as `text-align` on the cells, inline
 * content in cells (pipes escaped), line breaks as `<br>`, paragraphs and lists in a cell as inline
 * `<p>`/`<ul>`/`<li>` tags around Markdown (constructs/cell-blocks.ts); a table without a header row has an empty
 * one in Markdown. Alignment that is not the same down a column is presentation (see
 * xml/presentation.ts), as is any alignment in a table with merged cells. Tables Markdown cannot hold (merged
 * cells, other block content in cells) keep their structure as carried
 * XML with each cell's content editable between the markers.
 */
import type { AlignType, PhrasingContent, RootContent, Table, TableCell, TableRow } from 'mdast';
import type { Construct, ReadState, SequenceHook, WriteState } from '../registry.js';
import { parseBlockMarker, rawBlock } from './carry-through.js';
import { hasCellBlocks, readCellBlocks, writeCellBlocks } from './cell-blocks.js';
import { isBlockAt, isBlockElement, onlyAttrs } from '../xml/kinds.js';
import {
  type AnyNode,
  type Element,
  childElements,
  isBlank,
  isElement,
  onlyElements,
  sourceOf,
} from '../xml/parse.js';

const ALIGN_STYLE = /^\s*text-align:\s*(left|right|center);?\s*$/;

function cellAlign(cell: Element): AlignType | undefined {
  const style = cell.attribs.style;
  if (style === undefined) return null;
  return (ALIGN_STYLE.exec(style)?.[1] as AlignType | undefined) ?? undefined;
}

function cellContent(cell: Element, state: ReadState): PhrasingContent[] | null {
  let nodes = cell.children;
  const els = childElements(cell);
  const wrapped =
    els.length === 1 &&
    els[0]!.name === 'p' &&
    onlyAttrs(els[0]!) &&
    nodes.every((n) => isElement(n) || isBlank(n));
  if (wrapped) nodes = els[0]!.children;
  // inside a paragraph every macro is inline (status, jira…); directly in the cell it may be a block
  const block = (n: AnyNode, i: number): boolean =>
    wrapped ? isBlockElement(n) && !(isElement(n) && n.name === 'ac:structured-macro') : isBlockAt(nodes, i);
  if (nodes.some(block)) return wrapped ? null : readCellBlocks(nodes, state);
  return state.inlines(nodes).map((n) => (n.type === 'break' ? { type: 'html', value: '<br>' } : n));
}

function readTable(el: Element, state: ReadState): Table | null {
  if (!onlyAttrs(el, 'class') || (el.attribs.class !== undefined && el.attribs.class !== 'wrapped'))
    return null;
  const sections = onlyElements(el);
  if (!sections) return null;
  const rows: Element[] = [];
  for (const [i, section] of sections.entries()) {
    if (i === 0 && section.name === 'colgroup') continue;
    if (!['thead', 'tbody', 'tfoot'].includes(section.name) || !onlyAttrs(section)) return null;
    const trs = onlyElements(section);
    if (!trs || !trs.every((tr) => tr.name === 'tr' && onlyAttrs(tr))) return null;
    rows.push(...trs);
  }
  if (rows.length === 0) return null;
  const align: AlignType[] = [];
  const out: TableRow[] = [];
  // a table without a header row is a GFM table whose header row is empty
  const headed = onlyElements(rows[0]!)?.some((c) => c.name === 'th') ?? false;
  let width = -1;
  for (const [r, tr] of rows.entries()) {
    const cells = onlyElements(tr);
    if (!cells || cells.length === 0 || (width !== -1 && cells.length !== width)) return null;
    width = cells.length;
    const row: TableCell[] = [];
    for (const [c, cell] of cells.entries()) {
      if (cell.name !== (r === 0 && headed ? 'th' : 'td') || !onlyAttrs(cell, 'style')) return null;
      const a = cellAlign(cell);
      if (a === undefined || (r > 0 && a !== align[c])) return null;
      if (r === 0) align.push(a);
      const children = cellContent(cell, state);
      if (!children) return null;
      row.push({ type: 'tableCell', children });
    }
    out.push({ type: 'tableRow', children: row });
  }
  if (!headed) {
    const empty = (): TableCell => ({ type: 'tableCell', children: [] });
    out.unshift({ type: 'tableRow', children: Array.from({ length: width }, empty) });
  }
  return { type: 'table', align, children: out };
}

function writeTable(node: Table, colgroup: string, state: WriteState): string {
  const width = node.children[0]?.children.length ?? 0;
  // an empty header row stands for a table without one (Confluence has no use for an empty header)
  const headless =
    node.children.length > 1 && node.children[0]!.children.every((c) => c.children.length === 0);
  const rows = node.children.slice(headless ? 1 : 0).map((row, i) => {
    const r = headless ? i + 1 : i;
    const tag = r === 0 ? 'th' : 'td';
    // GFM pads short rows with empty cells and ignores extra ones
    const padded = Array.from(
      { length: width },
      (_, c) => row.children[c] ?? { type: 'tableCell' as const, children: [] },
    );
    const cells = padded.map((cell, c) => {
      const a = node.align?.[c];
      const style = a ? ` style="text-align: ${a};"` : '';
      const blocks = hasCellBlocks(cell.children) ? writeCellBlocks(cell.children, state) : null;
      return `<${tag}${style}>${blocks ?? state.inlines(cell.children)}</${tag}>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<table>${colgroup}<tbody>${rows.join('')}</tbody></table>`;
}

/** A carried `<colgroup>` right before a table goes back inside it. */
const withColumnWidths: SequenceHook<RootContent> = (nodes, i, state) => {
  const node = nodes[i]!;
  const next = nodes[i + 1];
  if (next?.type !== 'table') return null;
  const payload =
    node.type === 'rawBlock' ? node.value : node.type === 'html' ? parseBlockMarker(node.value) : null;
  if (payload === null || !/^<colgroup[\s>][\s\S]*<\/colgroup>$/.test(payload)) return null;
  return { storage: writeTable(next, payload, state), next: i + 2 };
};

export const table: Construct = {
  name: 'table',
  read: {
    table: (el, state) => {
      const t = readTable(el, state);
      if (!t) return null;
      const colgroup = childElements(el)[0];
      // column widths have no Markdown form: carried just before the table
      return colgroup?.name === 'colgroup' ? [rawBlock(sourceOf(state.source, colgroup)), t] : [t];
    },
  },
  write: {
    table: (node, state) => writeTable(node, '', state),
  },
  blockHooks: [withColumnWidths],
  fixtures: [
    {
      name: 'column widths stay in Confluence',
      markdown: '| a | b |\n| - | - |\n| 1 | 2 |\n',
      storage:
        '<table class="wrapped"><colgroup><col style="width: 120.0px;"/><col/></colgroup><tbody><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></tbody></table>',
      direction: 'toMarkdown',
    },
    {
      name: 'a Cloud editor table (ids, layout, widths, header colour) is a GFM table',
      markdown: '| Name | Role |\n| ---- | ---- |\n| Ana  | Lead |\n',
      storage:
        '<table data-table-width="760" data-layout="default" ac:local-id="88634473-1"><colgroup><col style="width: 226.0px;"/><col style="width: 534.0px;"/></colgroup><tbody><tr ac:local-id="r1"><th data-highlight-colour="#f0f1f2" ac:local-id="c1"><p local-id="p1">Name</p></th><th data-highlight-colour="#f0f1f2"><p local-id="p2">Role</p></th></tr><tr><td><p local-id="p3">Ana</p></td><td><p local-id="p4">Lead</p></td></tr></tbody></table>',
      direction: 'toMarkdown',
    },
    {
      name: 'alignment, inline content, pipes, breaks',
      markdown:
        '| Name   | Qty |  Note  |\n| :----- | --: | :----: |\n| `a\\|b` |   1 | x<br>y |\n| **c**  |   2 | a \\| b |\n',
      storage:
        '<table><tbody><tr><th style="text-align: left;">Name</th><th style="text-align: right;">Qty</th><th style="text-align: center;">Note</th></tr><tr><td style="text-align: left;"><code>a|b</code></td><td style="text-align: right;">1</td><td style="text-align: center;">x<br/>y</td></tr><tr><td style="text-align: left;"><strong>c</strong></td><td style="text-align: right;">2</td><td style="text-align: center;">a | b</td></tr></tbody></table>',
    },
    {
      name: 'a table without a header row has an empty one in Markdown',
      markdown: '|    |   |\n| :- | - |\n| a  | b |\n| c  | d |\n',
      storage:
        '<table><tbody><tr><td style="text-align: left;">a</td><td>b</td></tr><tr><td style="text-align: left;">c</td><td>d</td></tr></tbody></table>',
    },
    {
      name: 'alignment that differs down a column is presentation (the page keeps it)',
      markdown: '| a |  b  |\n| - | :-: |\n| 1 |  2  |\n',
      storage:
        '<table><tbody><tr><th>a</th><th style="text-align: center;">b</th></tr><tr><td style="text-align: right;">1</td><td style="text-align: center;">2</td></tr></tbody></table>',
      direction: 'toMarkdown',
    },
    {
      name: 'a cell of a paragraph and a list (Cloud) spells its blocks with inline tags',
      markdown:
        '| Variable | Meaning                                                     |\n| -------- | ----------------------------------------------------------- |\n| title    | The title<ul><li>e.g. *DB access*</li><li>or none</li></ul> |\n',
      storage:
        '<table><tbody><tr><th>Variable</th><th>Meaning</th></tr><tr><td>title</td><td><p>The title</p><ul><li>e.g. <em>DB access</em></li><li>or none</li></ul></td></tr></tbody></table>',
    },
    {
      name: 'paragraphs, loose items and nested lists in a cell',
      markdown:
        '| h                                                                                |\n| -------------------------------------------------------------------------------- |\n| One<p>Two</p><ol><li><p>a</p></li><li><p>b</p><ul><li>c</li></ul></li></ol>Three |\n',
      storage:
        '<table><tbody><tr><th>h</th></tr><tr><td><p>One</p><p>Two</p><ol><li><p>a</p></li><li><p>b</p><ul><li>c</li></ul></li></ol><p>Three</p></td></tr></tbody></table>',
    },
    {
      name: 'Cloud cells with paragraphs',
      markdown: '| h |\n| - |\n| x |\n',
      storage:
        '<table data-layout="default"><thead><tr><th><p>h</p></th></tr></thead><tbody><tr><td><p>x</p></td></tr></tbody></table>',
      direction: 'toMarkdown',
    },
  ],
};
