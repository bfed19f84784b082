/**
 * What the Confluence Cloud editor does to a body when a person saves a page: `local-id` on blocks,
 * `ac:local-id`/`ac:macro-id` on macros, list items and table cells holding their text in a `<p>`,
 * tables with `data-layout`, `data-table-width` and a `<colgroup>` of widths
 * (shared/reference/real-pages.md). Attributes already there are kept; applying it twice changes
 * nothing the second time.
 */
import { randomUUID } from 'node:crypto';
import { isBlockAt } from '../../src/convert/xml/kinds.js';
import {
  type AnyNode,
  type Element,
  childElements,
  isBlank,
  isElement,
  parseStorage,
} from '../../src/convert/xml/parse.js';

const LOCAL_ID = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote']);
const WRAPS_TEXT = new Set(['li', 'td', 'th']);
const TABLE_WIDTH = 760;

export function addEditorMetadata(storage: string): string {
  return renderAll(parseStorage(storage), storage);
}

function renderAll(nodes: AnyNode[], source: string): string {
  return nodes.map((n) => render(n, source)).join('');
}

function render(node: AnyNode, source: string): string {
  const raw = source.slice(node.startIndex ?? 0, (node.endIndex ?? -1) + 1);
  if (!isElement(node)) return raw;
  const extra = newAttributes(node);
  if (node.children.length === 0) return insertAttributes(raw, node.name, extra);
  const first = node.children[0]!;
  const last = node.children[node.children.length - 1]!;
  const open = insertAttributes(source.slice(node.startIndex ?? 0, first.startIndex ?? 0), node.name, extra);
  const close = source.slice((last.endIndex ?? 0) + 1, (node.endIndex ?? 0) + 1);
  let inner = WRAPS_TEXT.has(node.name)
    ? wrapInlineRuns(node.children, source)
    : renderAll(node.children, source);
  if (node.name === 'table' && !childElements(node).some((c) => c.name === 'colgroup'))
    inner = colgroup(columnCount(node)) + inner;
  return open + inner + close;
}

function newAttributes(el: Element): Record<string, string> {
  const has = (name: string): boolean => name in el.attribs;
  const out: Record<string, string> = {};
  if (LOCAL_ID.has(el.name) && !has('local-id')) out['local-id'] = shortId();
  if (el.name === 'ac:structured-macro') {
    if (!has('ac:local-id')) out['ac:local-id'] = shortId();
    if (!has('ac:macro-id')) out['ac:macro-id'] = randomUUID();
  }
  if (el.name === 'table') {
    if (!has('data-table-width')) out['data-table-width'] = String(TABLE_WIDTH);
    if (!has('data-layout')) out['data-layout'] = 'default';
    if (!has('ac:local-id')) out['ac:local-id'] = randomUUID();
  }
  return out;
}

/** Inline content directly in a list item or cell goes into a paragraph, as the editor keeps it. */
function wrapInlineRuns(children: AnyNode[], source: string): string {
  let out = '';
  let run: AnyNode[] = [];
  const flush = (): void => {
    if (run.some((n) => !isBlank(n))) out += `<p local-id="${shortId()}">${renderAll(run, source)}</p>`;
    else out += renderAll(run, source);
    run = [];
  };
  children.forEach((node, i) => {
    if (isBlockAt(children, i)) {
      flush();
      out += render(node, source);
    } else run.push(node);
  });
  flush();
  return out;
}

function columnCount(table: Element): number {
  const rows: Element[] = [];
  const collect = (el: Element): void => {
    for (const c of childElements(el)) {
      if (c.name === 'tr') rows.push(c);
      else if (c.name === 'thead' || c.name === 'tbody' || c.name === 'tfoot') collect(c);
    }
  };
  collect(table);
  const first = rows[0];
  if (!first) return 0;
  return childElements(first)
    .filter((c) => c.name === 'td' || c.name === 'th')
    .reduce((n, c) => n + Math.max(1, Number(c.attribs.colspan ?? 1) || 1), 0);
}

function colgroup(columns: number): string {
  if (columns === 0) return '';
  const width = (TABLE_WIDTH / columns).toFixed(1);
  return `<colgroup>${`<col style="width: ${width}px;" />`.repeat(columns)}</colgroup>`;
}

function insertAttributes(tag: string, name: string, attrs: Record<string, string>): string {
  const text = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${v}"`)
    .join('');
  if (text === '') return tag;
  const at = 1 + name.length;
  return tag.slice(0, at) + text + tag.slice(at);
}

function shortId(): string {
  return randomUUID().replace(/-/g, '').slice(0, 12);
}
