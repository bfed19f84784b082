/**
 * The storage side's tokenizer: htmlparser2 in XML mode, tolerant of fragments, keeping every
 * node's source offsets so anything the converter cannot express is carried through byte for byte.
 */
import { Parser } from 'htmlparser2';
import { decodeHTMLStrict } from 'entities';
import { assertStorageDepth } from '../limits.js';
import { type AnyNode, type Element, type ParentNode, TreeBuilder } from './dom.js';

export type { AnyNode, Element };

const OPTIONS = { xmlMode: true, decodeEntities: false, recognizeSelfClosing: true } as const;

export function parseStorage(source: string): AnyNode[] {
  const handler = new TreeBuilder();
  parseWith(source, handler);
  assertStorageDepth(handler.root.children);
  return handler.root.children;
}

export function parseWith(source: string, handler: TreeBuilder): void {
  new Parser(handler, OPTIONS).end(source);
}

/** Resolves XML, XHTML and numeric character references (Confluence sends `&nbsp;` and friends). */
export function decodeEntities(text: string): string {
  return text.includes('&') ? decodeHTMLStrict(text) : text;
}

export function isElement(node: AnyNode | ParentNode): node is Element {
  return node.type === 'tag';
}

/** The exact source text of a node. */
export function sourceOf(source: string, node: AnyNode): string {
  return source.slice(node.startIndex ?? 0, (node.endIndex ?? -1) + 1);
}

/** The element's start tag as written (everything before its first child), or null when it has none. */
export function openTagOf(source: string, el: Element): string | null {
  const first = el.children[0];
  if (!first) return null;
  return source.slice(el.startIndex ?? 0, first.startIndex ?? 0);
}

export function closeTagOf(source: string, el: Element): string | null {
  const last = el.children[el.children.length - 1];
  if (!last) return null;
  return source.slice((last.endIndex ?? 0) + 1, (el.endIndex ?? 0) + 1);
}

/** Text of a node: decoded text and CDATA content, concatenated. */
export function textOf(node: AnyNode): string {
  if (node.type === 'text') return decodeEntities(node.data);
  if (node.type === 'cdata') return node.children.map((c) => (c.type === 'text' ? c.data : '')).join('');
  if ('children' in node) return node.children.map(textOf).join('');
  return '';
}

export function childElements(el: Element): Element[] {
  return el.children.filter(isElement);
}

/** True when the node is whitespace-only text. */
export function isBlank(node: AnyNode): boolean {
  return node.type === 'text' && /^[ \t\r\n]*$/.test(node.data);
}

/** The element children of a node, ignoring whitespace-only text; null if any other node is present. */
export function onlyElements(el: Element): Element[] | null {
  const out: Element[] = [];
  for (const c of el.children) {
    if (isElement(c)) out.push(c);
    else if (!isBlank(c)) return null;
  }
  return out;
}

export function attr(el: Element, name: string): string | undefined {
  const v = el.attribs[name];
  return v === undefined ? undefined : decodeEntities(v);
}
