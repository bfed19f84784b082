/**
 * An edited block keeps its editor metadata: when a rewritten block is the same element as the one it
 * replaces (a paragraph edited in place, a table with one cell changed), the attributes only Confluence
 * knows (ids, table layout and width) go back on it. What the Markdown says stays as written.
 */
import { isElement, parseStorage } from '../xml/parse.js';

const EDITOR_ATTRS = new Set([
  'local-id',
  'ac:local-id',
  'ac:macro-id',
  'data-layout',
  'data-table-width',
  'ac:breakout-mode',
  'ac:breakout-width',
]);

export function carryEditorAttributes(oldBlock: string, newBlock: string): string {
  const oldEl = singleElement(oldBlock);
  const newEl = singleElement(newBlock);
  if (!oldEl || !newEl || oldEl.name !== newEl.name) return newBlock;
  const extra = Object.entries(oldEl.attribs)
    .filter(([name]) => EDITOR_ATTRS.has(name) && !(name in newEl.attribs))
    .map(([name, raw]) => ` ${name}=${raw.includes('"') ? `'${raw}'` : `"${raw}"`}`)
    .join('');
  if (extra === '') return newBlock;
  const at = 1 + newEl.name.length;
  return newBlock.slice(0, at) + extra + newBlock.slice(at);
}

function singleElement(source: string) {
  const nodes = parseStorage(source);
  const node = nodes.length === 1 ? nodes[0] : undefined;
  return node && isElement(node) ? node : undefined;
}
