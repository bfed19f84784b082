/**
 * Table cells holding paragraphs and lists (the Cloud editor's `<td><p>Title</p><ul><li><p>a</p></li></ul></td>`)
 * in a GFM table: a cell is one line, so its blocks are spelled with inline HTML tags around Markdown
 * content, which GitHub renders as they read:
 *
 *     | Title<ul><li>a</li><li>**b**<ul><li>c</li></ul></li></ul> |
 *     | First paragraph<p>Second paragraph</p>                     |
 *
 * Inline content outside the tags is a paragraph (a paragraph right after another is written `<p>…</p>`);
 * `<ul>`/`<ol>` hold `<li>` items of inline content, maybe followed by nested lists. Cells of one
 * paragraph stay plain Markdown (constructs/table.ts); cells holding anything else keep the table carried.
 */
import type { PhrasingContent } from 'mdast';
import type { ReadState, WriteState } from '../registry.js';
import { onlyAttrs } from '../xml/kinds.js';
import { type AnyNode, type Element, isBlank, isElement } from '../xml/parse.js';

const html = (value: string): PhrasingContent => ({ type: 'html', value });

/** `<br/>` in a cell is `<br>` (a GFM cell has no hard break of its own). */
function cellInlines(nodes: AnyNode[], state: ReadState): PhrasingContent[] {
  return state.inlines(nodes).map((n) => (n.type === 'break' ? html('<br>') : n));
}

/** The phrasing of a cell made of paragraphs and lists; null when it holds anything else. */
export function readCellBlocks(nodes: AnyNode[], state: ReadState): PhrasingContent[] | null {
  const blocks = nodes.filter((n) => !isBlank(n));
  // (a cell of one paragraph is plain Markdown already)
  if (blocks.length === 0 || !blocks.every(isElement) || (blocks.length === 1 && blocks[0]!.name === 'p'))
    return null;
  const out: PhrasingContent[] = [];
  let previous = '';
  for (const block of blocks) {
    if (block.name === 'p') {
      if (!onlyAttrs(block) || block.children.length === 0) return null;
      const inner = cellInlines(block.children, state);
      if (previous === 'p') out.push(html('<p>'), ...inner, html('</p>'));
      else out.push(...inner);
    } else {
      const list = readList(block, state);
      if (!list) return null;
      out.push(...list);
    }
    previous = block.name;
  }
  return out;
}

function readList(el: Element, state: ReadState): PhrasingContent[] | null {
  if ((el.name !== 'ul' && el.name !== 'ol') || !onlyAttrs(el)) return null;
  const out: PhrasingContent[] = [html(`<${el.name}>`)];
  for (const li of el.children) {
    if (isBlank(li)) continue;
    if (!isElement(li) || li.name !== 'li' || !onlyAttrs(li)) return null;
    const item = readItem(li.children, state);
    if (!item) return null;
    out.push(html('<li>'), ...item, html('</li>'));
  }
  out.push(html(`</${el.name}>`));
  return out;
}

const isList = (n: AnyNode): boolean => isElement(n) && (n.name === 'ul' || n.name === 'ol');

/** An item: inline content then nested lists, or paragraphs (each `<p>…</p>`) and lists. */
function readItem(nodes: AnyNode[], state: ReadState): PhrasingContent[] | null {
  const out: PhrasingContent[] = [];
  if (nodes.some((n) => isElement(n) && n.name === 'p')) {
    for (const n of nodes) {
      if (isBlank(n)) continue;
      if (isElement(n) && n.name === 'p' && onlyAttrs(n))
        out.push(html('<p>'), ...cellInlines(n.children, state), html('</p>'));
      else if (isList(n)) out.push(...(readList(n as Element, state) ?? [html('')]));
      else return null;
    }
    return out.some((n) => n.type === 'html' && n.value === '') ? null : out;
  }
  const first = nodes.findIndex(isList);
  const text = first === -1 ? nodes : nodes.slice(0, first);
  if (
    text.some(
      (c) => isElement(c) && ['ul', 'ol', 'table', 'ac:structured-macro', 'blockquote'].includes(c.name),
    )
  )
    return null;
  out.push(...cellInlines(text, state));
  for (const n of first === -1 ? [] : nodes.slice(first)) {
    if (isBlank(n)) continue;
    const inner = isList(n) ? readList(n as Element, state) : null;
    if (!inner) return null;
    out.push(...inner);
  }
  return out;
}

const TAG = /^<(\/?)(p|ul|ol|li)>$/i;

function tagOf(node: PhrasingContent): { close: boolean; name: string } | null {
  const m = node.type === 'html' ? TAG.exec(node.value.trim()) : null;
  return m ? { close: m[1] === '/', name: m[2]!.toLowerCase() } : null;
}

/** True when a cell's Markdown spells blocks (a `<ul>`, `<ol>` or `<p>` tag of its own). */
export function hasCellBlocks(children: PhrasingContent[]): boolean {
  return children.some((c) => {
    const t = tagOf(c);
    return t !== null && !t.close && t.name !== 'li';
  });
}

/**
 * The storage of a cell spelled with block tags; null when the tags do not nest (the cell is then
 * written as inline content, the tags as HTML).
 */
export function writeCellBlocks(children: PhrasingContent[], state: WriteState): string | null {
  return writeFlow(children, state, true);
}

/** Blocks spelled with tags; inline content outside them is a paragraph in a cell, the item's text in an item. */
function writeFlow(children: PhrasingContent[], state: WriteState, bareIsParagraph: boolean): string | null {
  let out = '';
  let run: PhrasingContent[] = [];
  const flush = (): void => {
    if (run.some((n) => n.type !== 'text' || n.value.trim() !== ''))
      out += bareIsParagraph ? `<p>${state.inlines(run)}</p>` : state.inlines(run);
    run = [];
  };
  for (let i = 0; i < children.length; i++) {
    const t = tagOf(children[i]!);
    if (!t) {
      run.push(children[i]!);
      continue;
    }
    if (t.close || t.name === 'li') return null;
    flush();
    const end = matching(children, i);
    if (end === -1) return null;
    const inner = children.slice(i + 1, end);
    if (t.name === 'p') {
      if (inner.some((n) => tagOf(n) !== null)) return null;
      out += `<p>${state.inlines(inner)}</p>`;
    } else {
      const list = writeList(t.name, inner, state);
      if (list === null) return null;
      out += list;
    }
    i = end;
  }
  flush();
  return out;
}

/** The index of the tag closing the one at `i`, or -1. */
function matching(nodes: PhrasingContent[], i: number): number {
  const name = tagOf(nodes[i]!)!.name;
  let depth = 0;
  for (let j = i; j < nodes.length; j++) {
    const t = tagOf(nodes[j]!);
    if (!t || t.name !== name) continue;
    depth += t.close ? -1 : 1;
    if (depth === 0) return j;
  }
  return -1;
}

function writeList(name: string, inner: PhrasingContent[], state: WriteState): string | null {
  let items = '';
  for (let i = 0; i < inner.length; i++) {
    const node = inner[i]!;
    const t = tagOf(node);
    if (!t) {
      if (node.type === 'text' && node.value.trim() === '') continue;
      return null;
    }
    if (t.name !== 'li' || t.close) return null;
    const end = matching(inner, i);
    if (end === -1) return null;
    const item = writeFlow(inner.slice(i + 1, end), state, false);
    if (item === null) return null;
    items += `<li>${item}</li>`;
    i = end;
  }
  return `<${name}>${items}</${name}>`;
}
