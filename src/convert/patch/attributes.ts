/**
 * An edited block keeps its editor metadata: when a rewritten block is the same element as the one it
 * replaces (a paragraph edited in place, a table with one cell changed), the attributes only Confluence
 * knows (ids, table layout and width; an image's original size, placement and border) go back on it.
 * What the Markdown says stays as written.
 */
import { type Element, isElement, parseStorage, sourceOf } from '../xml/parse.js';

const EDITOR_ATTRS = new Set([
  'local-id',
  'ac:local-id',
  'ac:macro-id',
  'data-layout',
  'data-table-width',
  'ac:breakout-mode',
  'ac:breakout-width',
]);

/**
 * What a pull leaves out of a figure (an image with a caption standing as a block, constructs/figure.ts):
 * the editor's record of the file's size and placement, and the image's border.
 */
const IMAGE_ATTRS = new Set(['ac:original-height', 'ac:original-width', 'ac:custom-width', 'ac:layout']);

export function carryEditorAttributes(oldBlock: string, newBlock: string): string {
  const oldEl = singleElement(oldBlock);
  const newEl = singleElement(newBlock);
  if (!oldEl || !newEl || oldEl.name !== newEl.name) return newBlock;
  const image = oldEl.name === 'ac:image';
  const extra = Object.entries(oldEl.attribs)
    .filter(
      ([name]) => (EDITOR_ATTRS.has(name) || (image && IMAGE_ATTRS.has(name))) && !(name in newEl.attribs),
    )
    .map(([name, raw]) => ` ${name}=${raw.includes('"') ? `'${raw}'` : `"${raw}"`}`)
    .join('');
  const at = 1 + newEl.name.length;
  const withAttrs = extra === '' ? newBlock : newBlock.slice(0, at) + extra + newBlock.slice(at);
  return image ? withBorder(oldEl, oldBlock, withAttrs) : withAttrs;
}

/** The old image's border marks (`<ac:adf-mark key="border" …/>`), put back at the end of the edited one. */
function withBorder(oldEl: Element, oldBlock: string, block: string): string {
  if (!block.endsWith('</ac:image>') || block.includes('<ac:adf-mark')) return block;
  const marks = oldEl.children
    .filter((c): c is Element => isElement(c) && c.name === 'ac:adf-mark' && c.attribs.key === 'border')
    .map((c) => sourceOf(oldBlock, c))
    .join('');
  return marks === '' ? block : block.slice(0, -'</ac:image>'.length) + marks + '</ac:image>';
}

function singleElement(source: string) {
  const nodes = parseStorage(source);
  const node = nodes.length === 1 ? nodes[0] : undefined;
  return node && isElement(node) ? node : undefined;
}
