import { type AnyNode, isElement } from './parse.js';

/** Storage elements that stand on their own at block level; anything else there is inline content. */
export const BLOCK_ELEMENTS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'table',
  'blockquote',
  'pre',
  'hr',
  'div',
  'section',
  'ac:task-list',
  'ac:layout',
  'ac:structured-macro',
  'ac:macro',
  'ac:adf-extension',
  'dl',
  'center',
]);

export function isBlockElement(node: AnyNode): boolean {
  return isElement(node) && BLOCK_ELEMENTS.has(node.name);
}

/** Attributes Confluence adds on its own; they carry no content and may be dropped. */
export const NOISE_ATTRS = new Set([
  'ac:macro-id',
  'ac:local-id',
  'local-id',
  'ac:schema-version',
  'data-uuid',
  'data-layout',
  'data-table-width',
  'ac:task-list-id',
]);

/** True when the element has no attributes besides Confluence's own noise and the allowed ones. */
export function onlyAttrs(el: { attribs: Record<string, string> }, ...allowed: string[]): boolean {
  return Object.keys(el.attribs).every((k) => NOISE_ATTRS.has(k) || allowed.includes(k));
}
