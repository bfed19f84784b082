/**
 * A canonical form of storage XML for comparing two bodies by meaning: attribute order, whitespace
 * between blocks, entity spelling, CDATA vs escaped text, and the attributes Confluence adds on its
 * own (ids, schema versions, layout hints) do not count. Equivalent spellings Confluence itself
 * treats alike are mapped to one (`b` → `strong`, `i` → `em`, `s` → `del`, a table cell holding a
 * single paragraph, a plain-text link body, a page link whose text is the page's title). The engine
 * may use it to tell "same page" apart.
 */
import { HARD_BLOCK_ELEMENTS, NOISE_ATTRS } from './kinds.js';
import { CHUNK_BYTES, storageChunks } from './chunks.js';
import { stripPresentationParsed } from './presentation.js';
import { type AnyNode, type Element, decodeEntities, isElement, parseStorage } from './parse.js';

const NOISE_ELEMENTS = new Set(['ac:task-id', 'ac:task-uuid']);
const RENAME: Record<string, string> = { b: 'strong', i: 'em', s: 'del', strike: 'del' };
/** Elements whose text keeps its whitespace exactly. */
const VERBATIM = new Set(['ac:plain-text-body', 'pre', 'ac:plain-text-link-body']);
const INLINE = new Set([
  'strong',
  'em',
  'u',
  'del',
  'code',
  'sub',
  'sup',
  'a',
  'span',
  'br',
  'ac:link',
  'ac:image',
  'ac:emoticon',
  'ac:placeholder',
  'ac:inline-comment-marker',
  'time',
  'font',
  'small',
  'big',
  'kbd',
  'mark',
  'ins',
  'q',
  'cite',
  'ac:structured-macro',
  'ri:user',
  'ri:page',
  'ri:attachment',
  'ri:url',
  'img',
]);

/**
 * The canonical forms of the last few bodies (small ones only): a run compares a page's body and then
 * hashes the same body for the manifest, with other pages' work in between.
 */
const recent = new Map<string, string>();
const RECENT_ENTRIES = 32;
const RECENT_MAX_LENGTH = 32 * 1024;

/** Off only while `normalizeStorageForm1` runs (synchronously). */
let foldTitleLinks = true;

/**
 * The canonical form before page links whose text is their title were folded (hash form 1,
 * sync/apply/env.ts): only to check body hashes an earlier release recorded.
 */
export function normalizeStorageForm1(storage: string): string {
  foldTitleLinks = false;
  try {
    return canonicalForm(storage);
  } finally {
    foldTitleLinks = true;
  }
}

export function normalizeStorage(storage: string): string {
  const known = recent.get(storage);
  if (known !== undefined) return known;
  const canonical = canonicalForm(storage);
  if (storage.length <= RECENT_MAX_LENGTH) {
    if (recent.size >= RECENT_ENTRIES) recent.delete(recent.keys().next().value!);
    recent.set(storage, canonical);
  }
  return canonical;
}

/**
 * Piece by piece (chunks.ts): the top level of stripped storage is blocks only, no text, so the
 * canonical form of the whole is the pieces' forms one after the other.
 */
export function canonicalForm(storage: string, chunkBytes = CHUNK_BYTES): string {
  const chunks = storageChunks(storage, chunkBytes);
  if (chunks.length === 1) return canonicalChildren(strippedNodes(storage), false, false, true);
  const out: string[] = [];
  for (const chunk of chunks)
    out.push(flattened(canonicalChildren(strippedNodes(chunk), false, false, true)));
  return out.join('');
}

function strippedNodes(storage: string): AnyNode[] {
  const { text, nodes } = stripPresentationParsed(storage);
  return nodes ?? parseStorage(text);
}

/**
 * V8 keeps a string built by `+=` as a tree of its pieces (tens of bytes a piece: ~35 MB for the
 * canonical form of a 5 MB body) until something reads it, which copies it flat in place.
 */
function flattened(text: string): string {
  text.charCodeAt(0);
  return text;
}

/** Canonical form of already-parsed nodes (their own source is not needed). */
export function canonicalNodes(nodes: AnyNode[]): string {
  return canonicalChildren(nodes, false, false, true);
}

export function storageEquals(a: string, b: string): boolean {
  return normalizeStorage(a) === normalizeStorage(b);
}

interface Piece {
  text?: string;
  el?: string;
  inline: boolean;
}

/** Containers whose whitespace-only text between children never shows. */
const FLOW = new Set([
  'ac:rich-text-body',
  'ac:layout',
  'ac:layout-section',
  'ac:layout-cell',
  'ul',
  'ol',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'colgroup',
  'ac:task-list',
  'ac:task',
  'ac:structured-macro',
  'blockquote',
  'ac:adf-extension',
  'ac:adf-node',
  'ac:adf-content',
]);
/**
 * Links, resource identifiers and macro parameters: whitespace-only text between their elements is the
 * indentation of a pretty-printed page, not content (a parameter's text value keeps its words).
 */
const REFERENCES = /^(?:ac:link|ac:parameter|ri:.*)$/;
const HARD_BLOCKS = new Set([...HARD_BLOCK_ELEMENTS, 'div']);

function canonicalChildren(nodes: AnyNode[], verbatim: boolean, inInline: boolean, flow: boolean): string {
  const pieces: Piece[] = [];
  for (const node of nodes) collect(node, verbatim, pieces);
  if (verbatim) return pieces.map((p) => p.text ?? p.el ?? '').join('');
  // merge adjacent text, collapse whitespace, drop whitespace next to blocks and at the edges
  const merged: Piece[] = [];
  for (const p of pieces) {
    const prev = merged[merged.length - 1];
    if (p.text !== undefined && prev?.text !== undefined) prev.text += p.text;
    else merged.push({ ...p });
  }
  let out = '';
  for (let i = 0; i < merged.length; i++) {
    const p = merged[i]!;
    if (p.el !== undefined) {
      out += p.el;
      continue;
    }
    let t = p.text!.replace(/[ \t\r\n]+/g, ' ');
    if (flow && t === ' ') continue;
    const before = merged[i - 1];
    const after = merged[i + 1];
    if (before ? !before.inline : !inInline) t = t.replace(/^ /, '');
    if (after ? !after.inline : !inInline) t = t.replace(/ $/, '');
    out += escape(t);
  }
  return out;
}

function collect(node: AnyNode, verbatim: boolean, out: Piece[]): void {
  if (node.type === 'text') {
    out.push({ text: decodeEntities(node.data), inline: true });
    return;
  }
  if (node.type === 'cdata') {
    out.push({ text: node.children.map((c) => (c.type === 'text' ? c.data : '')).join(''), inline: true });
    return;
  }
  if (node.type === 'comment') {
    out.push({ el: `<!--${node.data}-->`, inline: true });
    return;
  }
  if (!isElement(node)) return;
  if (NOISE_ELEMENTS.has(node.name)) return;
  let name = RENAME[node.name] ?? node.name;
  let children: AnyNode[] = node.children;
  // transparent wrappers Confluence adds
  if (name === 'span' && node.attribs.class === 'placeholder-inline-tasks') {
    for (const c of children) collect(c, verbatim, out);
    return;
  }
  if ((name === 'td' || name === 'th') && onlyParagraph(children)) {
    children = (children.find(isElement) as Element).children;
  }
  if (name === 'ac:link-body' && children.every((c) => c.type === 'text' || c.type === 'cdata')) {
    name = 'ac:plain-text-link-body';
  }
  if (name === 'ac:link' && foldTitleLinks) children = withoutTitleBody(node, children);
  const attrs = Object.entries(node.attribs)
    .filter(([k, v]) => !NOISE_ATTRS.has(k) && !(k === 'class' && v === 'wrapped'))
    .filter(([k, v]) => !(name === 'ol' && k === 'start' && v === '1'))
    .map(([k, v]) => [k, decodeEntities(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (name === 'ac:structured-macro') children = sortParameters(children);
  if (name === 'table') children = oneBody(children);
  const flow =
    FLOW.has(name) || REFERENCES.test(name) || children.some((c) => isElement(c) && HARD_BLOCKS.has(c.name));
  const inner = canonicalChildren(children, verbatim || VERBATIM.has(name), INLINE.has(name), flow);
  const open = `<${name}${attrs.map(([k, v]) => ` ${k}="${escape(v)}"`).join('')}`;
  out.push({ el: inner === '' ? `${open}/>` : `${open}>${inner}</${name}>`, inline: INLINE.has(name) });
}

function onlyParagraph(children: AnyNode[]): boolean {
  const els = children.filter(isElement);
  return (
    els.length === 1 &&
    els[0]!.name === 'p' &&
    Object.keys(els[0]!.attribs).every((k) => NOISE_ATTRS.has(k)) &&
    children.every((c) => isElement(c) || (c.type === 'text' && /^\s*$/.test(c.data)))
  );
}

function sortParameters(children: AnyNode[]): AnyNode[] {
  const params = children.filter((c) => isElement(c) && c.name === 'ac:parameter') as Element[];
  const rest = children.filter((c) => !(isElement(c) && c.name === 'ac:parameter'));
  params.sort((a, b) => {
    const x = a.attribs['ac:name'] ?? '';
    const y = b.attribs['ac:name'] ?? '';
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return [...params, ...rest];
}

function escape(t: string): string {
  return t.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `<thead>`, `<tbody>` and `<tfoot>` rows read as one body (the header row is told by its `<th>` cells). */
function oneBody(children: AnyNode[]): AnyNode[] {
  const sections = children.filter(
    (c) => isElement(c) && ['thead', 'tbody', 'tfoot'].includes(c.name),
  ) as Element[];
  if (sections.length === 0) return children;
  const body: Element = {
    ...sections[0]!,
    name: 'tbody',
    attribs: {},
    children: sections.flatMap((s) => s.children),
  };
  return [...children.filter((c) => !sections.includes(c as Element)), body];
}

/**
 * A link to a page with no text of its own shows the page's title: `<ac:link><ri:page
 * ri:content-title="T"/></ac:link>` reads the same as the link with the plain text `T` (CDATA, escaped text
 * or an `<ac:link-body>` of text alone), which is how a pull writes it (`[T](t.md)`) and a push writes it
 * back. Only the exact title counts (case and whitespace too), and only without an anchor: whether
 * Confluence shows a page anchor without text as the title alone is not established.
 */
export function withoutTitleBody(link: Element, children: AnyNode[] = link.children): AnyNode[] {
  if (link.attribs['ac:anchor'] !== undefined) return children;
  const els = children.filter(isElement);
  if (els.length !== 2) return children;
  const [page, body] = els as [Element, Element];
  if (page.name !== 'ri:page' || page.children.length !== 0) return children;
  if (body.name !== 'ac:plain-text-link-body' && body.name !== 'ac:link-body') return children;
  if (!children.every((c) => isElement(c) || (c.type === 'text' && /^[ \t\r\n]*$/.test(c.data))))
    return children;
  const title = page.attribs['ri:content-title'];
  if (title === undefined || plainText(body) !== decodeEntities(title)) return children;
  return [page];
}

/** The text of a link body made of text and CDATA only (null for a body holding elements). */
function plainText(body: Element): string | null {
  let text = '';
  for (const c of body.children) {
    if (c.type === 'text') text += decodeEntities(c.data);
    else if (c.type === 'cdata') text += c.children.map((d) => (d.type === 'text' ? d.data : '')).join('');
    else return null;
  }
  return text;
}
