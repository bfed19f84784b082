import { type AnyNode, isBlank, isElement } from './parse.js';

/** Elements that are blocks whatever their neighbours (a macro is a block or inline by its neighbours). */
export const HARD_BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
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
  'ac:task-list',
  'ac:layout',
]);

/** Storage elements that stand on their own at block level; anything else there is inline content. */
export const BLOCK_ELEMENTS = new Set([
  ...HARD_BLOCK_ELEMENTS,
  'div',
  'section',
  'ac:structured-macro',
  'ac:macro',
  'ac:adf-extension',
  'dl',
  'center',
]);

export function isBlockElement(node: AnyNode): boolean {
  if (!isElement(node)) return false;
  // an image with a caption stands on its own (the Cloud editor's figure), an image without one is inline
  if (node.name === 'ac:image') return node.children.some((c) => isElement(c) && c.name === 'ac:caption');
  return BLOCK_ELEMENTS.has(node.name);
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

/** Macros that only ever stand on their own line. */
export const BLOCK_MACROS = new Set([
  'code',
  'noformat',
  'info',
  'tip',
  'note',
  'warning',
  'panel',
  'expand',
  'toc',
  'excerpt',
]);
const INLINE_MACROS = new Set(['status', 'anchor', 'jira']);

const macroName = (node: AnyNode): string | null =>
  isElement(node) && node.name === 'ac:structured-macro' ? (node.attribs['ac:name'] ?? '') : null;
/**
 * In tight content a macro is inline when it is an inline kind, or an unknown one next to inline content,
 * also through a run of html macros (inline HTML tags pushed one macro a tag): `x</i></b>` ending a list
 * item is text and two html macros, both inline (the second was read as a block of its own, which split
 * the item).
 */
export function inlineMacro(nodes: AnyNode[], i: number): boolean {
  const name = macroName(nodes[i]!);
  if (name === null || BLOCK_MACROS.has(name)) return false;
  if (INLINE_MACROS.has(name)) return true;
  const neighbour = (step: number): AnyNode | undefined => {
    let j = i + step;
    while (nodes[j] && (isBlank(nodes[j]!) || macroName(nodes[j]!) === 'html')) j += step;
    return nodes[j];
  };
  return [neighbour(-1), neighbour(1)].some(
    (n) => n !== undefined && (!isBlockElement(n) || INLINE_MACROS.has(macroName(n) ?? '')),
  );
}

/** Whether nodes[i] starts a block in content that mixes inline and block nodes (list items, cells). */
export function isBlockAt(nodes: AnyNode[], i: number): boolean {
  return isBlockElement(nodes[i]!) && !inlineMacro(nodes, i);
}
