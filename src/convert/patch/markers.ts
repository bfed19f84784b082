/**
 * Inline-comment anchors: `<ac:inline-comment-marker ac:ref="…">text</ac:inline-comment-marker>`.
 * Confluence ties each inline comment to its marker; a body without it leaves the comment orphaned.
 * Here: find the markers of a block, and put one back around the same text in a rewritten block.
 */
import { type AnyNode, type Element, decodeEntities, isElement, parseStorage, textOf } from '../xml/parse.js';

export const MARKER = 'ac:inline-comment-marker';

export interface Marker {
  ref: string;
  /** The annotated text (entities decoded). */
  text: string;
  /** Which occurrence of text, among the block's searchable text, the marker sat on. */
  occurrence: number;
}

/** Text inside these is not page prose a comment can sit on. */
const OPAQUE = new Set([
  'ac:parameter',
  'ac:plain-text-body',
  'ac:plain-text-link-body',
  'ac:task-id',
  'ac:task-uuid',
  'ac:task-status',
  'ac:placeholder',
]);
/** Inline elements a marker may enclose whole, so an anchor may start or end at their edge. */
const LIFTABLE = new Set([
  'strong',
  'em',
  'b',
  'i',
  'u',
  's',
  'del',
  'strike',
  'span',
  'a',
  'code',
  'sub',
  'sup',
  'font',
  'small',
  'big',
  'mark',
  'ins',
  'q',
  'cite',
  'kbd',
  MARKER,
]);

/** Every marker element of a body, outermost first, with the occurrence of its text in the body. */
export function findMarkers(storage: string): Marker[] {
  const nodes = parseStorage(storage);
  const texts = searchableTexts(nodes);
  const out: Marker[] = [];
  walk(nodes, (el) => {
    if (el.name !== MARKER) return;
    const ref = el.attribs['ac:ref'];
    if (ref === undefined) return;
    const text = textOf(el);
    const at = texts.nodes.find((t) => isInside(t.node, el));
    const offset = at ? at.from : -1;
    out.push({ ref: decodeEntities(ref), text, occurrence: occurrenceAt(texts.text, text, offset) });
  });
  return out;
}

/** The refs of every marker in a body. */
export function markerRefs(storage: string): Set<string> {
  const refs = new Set<string>();
  const re = /<ac:inline-comment-marker\b[^>]*?\bac:ref\s*=\s*("([^"]*)"|'([^']*)')/g;
  for (const m of storage.matchAll(re)) refs.add(decodeEntities(m[2] ?? m[3] ?? ''));
  return refs;
}

/**
 * The block with the marker put around its text (the occurrence nearest the one it had), or null when
 * the text is not there or cannot be wrapped without crossing an element boundary.
 */
export function placeMarker(storage: string, marker: Marker): string | null {
  if (marker.text === '') return null;
  const nodes = parseStorage(storage);
  const texts = searchableTexts(nodes);
  const found = occurrences(texts.text, marker.text);
  if (found.length === 0) return null;
  const order = [...found.keys()].sort(
    (a, b) => Math.abs(a - marker.occurrence) - Math.abs(b - marker.occurrence) || a - b,
  );
  for (const index of order) {
    const from = found[index]!;
    const range = rawRange(texts.nodes, from, from + marker.text.length);
    if (range) return wrapRange(storage, range, marker.ref);
  }
  return null;
}

/** How many times `text` occurs in the body's prose (what a comment can be put on). */
export function countText(storage: string, text: string): number {
  return text === '' ? 0 : occurrences(searchableTexts(parseStorage(storage)).text, text).length;
}

/**
 * The body with a marker around occurrence `index` (zero-based) of `text`, as Confluence does when an
 * inline comment is made on a selection; null when there is no such occurrence or it cannot be wrapped.
 */
export function wrapOccurrence(storage: string, text: string, index: number, ref: string): string | null {
  if (text === '') return null;
  const texts = searchableTexts(parseStorage(storage));
  const from = occurrences(texts.text, text)[index];
  if (from === undefined) return null;
  const range = rawRange(texts.nodes, from, from + text.length);
  if (!range) return null;
  return wrapRange(storage, range, ref);
}

function wrapRange(storage: string, range: { start: number; end: number }, ref: string): string {
  const open = `<${MARKER} ac:ref="${escapeAttr(ref)}">`;
  return `${storage.slice(0, range.start)}${open}${storage.slice(range.start, range.end)}</${MARKER}>${storage.slice(range.end)}`;
}

interface TextPiece {
  node: AnyNode & { data: string };
  /** Offset of its decoded text in the concatenation. */
  from: number;
  decoded: string;
}

function searchableTexts(nodes: AnyNode[]): { text: string; nodes: TextPiece[] } {
  const pieces: TextPiece[] = [];
  let text = '';
  const visit = (list: AnyNode[]): void => {
    for (const node of list) {
      if (node.type === 'text') {
        const decoded = decodeEntities(node.data);
        pieces.push({ node: node as TextPiece['node'], from: text.length, decoded });
        text += decoded;
      } else if (isElement(node) && !OPAQUE.has(node.name) && !node.name.startsWith('ri:')) {
        visit(node.children);
      }
    }
  };
  visit(nodes);
  return { text, nodes: pieces };
}

function walk(nodes: AnyNode[], fn: (el: Element) => void): void {
  for (const node of nodes) {
    if (!isElement(node)) continue;
    fn(node);
    walk(node.children, fn);
  }
}

function isInside(node: AnyNode, el: Element): boolean {
  for (let p = node.parent; p; p = p.parent) if (p === el) return true;
  return false;
}

function occurrences(haystack: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) out.push(i);
  return out;
}

function occurrenceAt(haystack: string, needle: string, offset: number): number {
  if (needle === '' || offset < 0) return 0;
  return Math.max(
    0,
    occurrences(haystack, needle).findIndex((i) => i >= offset),
  );
}

/**
 * Source offsets [start, end) covering decoded text [from, to): both ends lifted out of inline elements
 * they sit at the edge of, until they share a parent; null when they cannot.
 */
function rawRange(pieces: TextPiece[], from: number, to: number): { start: number; end: number } | null {
  const first = pieces.find(
    (p) => p.decoded.length > 0 && from >= p.from && from < p.from + p.decoded.length,
  );
  const last = pieces.find((p) => p.decoded.length > 0 && to > p.from && to <= p.from + p.decoded.length);
  if (!first || !last) return null;
  let startNode: AnyNode = first.node;
  let start = rawOffset(first, from - first.from);
  let endNode: AnyNode = last.node;
  let end = rawOffset(last, to - last.from);
  if (startNode === endNode) return { start, end };
  // lift the start out of elements it opens, the end out of elements it closes
  while (start === startNode.startIndex && !shareParent(startNode, endNode)) {
    const parent = startNode.parent;
    if (!parent || !isElement(parent) || !LIFTABLE.has(parent.name) || parent.children[0] !== startNode)
      break;
    if (isAncestor(parent, endNode)) break;
    startNode = parent;
    start = parent.startIndex ?? start;
  }
  while (end === (endNode.endIndex ?? -2) + 1 && !shareParent(startNode, endNode)) {
    const parent = endNode.parent;
    if (!parent || !isElement(parent) || !LIFTABLE.has(parent.name) || parent.children.at(-1) !== endNode)
      break;
    if (isAncestor(parent, startNode)) break;
    endNode = parent;
    end = (parent.endIndex ?? end - 1) + 1;
  }
  if (!shareParent(startNode, endNode)) return null;
  return { start, end };
}

function shareParent(a: AnyNode, b: AnyNode): boolean {
  return a.parent === b.parent;
}

function isAncestor(el: AnyNode, node: AnyNode): boolean {
  for (let p = node.parent; p; p = p.parent) if (p === el) return true;
  return false;
}

/** The source offset of decoded character `index` within a text node (entities count as one). */
function rawOffset(piece: TextPiece, index: number): number {
  const raw = piece.node.data;
  const base = piece.node.startIndex ?? 0;
  let decodedSoFar = 0;
  let i = 0;
  while (i < raw.length && decodedSoFar < index) {
    if (raw[i] === '&') {
      const semi = raw.indexOf(';', i);
      if (semi > i) {
        decodedSoFar += decodeEntities(raw.slice(i, semi + 1)).length;
        i = semi + 1;
        continue;
      }
    }
    decodedSoFar++;
    i++;
  }
  return base + i;
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
