/**
 * What a pull keeps out of the Markdown: Confluence's own bookkeeping and presentation, which
 * Confluence keeps (the push patches changed blocks into the page's current storage, so untouched
 * blocks keep all of it). The storage is rewritten before it is read, and the canonical form used
 * to compare two bodies is taken after the same rewriting, so both sides agree on what counts:
 *
 * - editor metadata: `local-id`, `ac:local-id`, `ac:macro-id`, `data-layout`, `data-table-width`,
 *   `data-highlight-colour`, breakout attributes and the code macro's breakout parameters,
 *   `ri:version-at-save` on page references,
 *   `<colgroup>` column widths, `ac:schema-version`, `data-uuid`;
 * - presentation: `style` and `class` on paragraphs, headings, lists and tables, cell styles other
 *   than text alignment, `class`/`rel`/`target` on links, spans that only carry a style (colours),
 *   the editor's `content-wrapper` divs, `colspan`/`rowspan` of 1, `start="1"`;
 * - empty and spacer paragraphs (`<p><br/></p>`, `<p>&nbsp;</p>`), a line break ending a paragraph,
 *   and whitespace between blocks or at their edges (indentation of pretty-printed pages);
 * - inline-comment markers (`ac:inline-comment-marker`): their text stays, the anchor does not;
 * - an image's border (`<ac:adf-mark key="border">`), as colours are;
 * - the Atlassian-emoji spelling of a classic emoticon (`ac:emoji-id="atlassian-check_mark"` on `tick`).
 *
 * `<li><p>x</p></li>` items (every item one paragraph, optionally followed by nested lists) and cells
 * holding one paragraph lose the paragraph wrapper: the same content, written the way Markdown reads it.
 */
import { type AnyNode, type Element, isBlank, isElement, parseStorage, sourceOf } from './parse.js';
import { BLOCK_ELEMENTS, BLOCK_MACROS, NOISE_ATTRS, isBlockAt } from './kinds.js';

const DROPPED_ATTRS = new Set([
  ...NOISE_ATTRS,
  'data-highlight-colour',
  'data-local-id',
  'ac:breakout-mode',
  'ac:breakout-width',
  'ri:version-at-save',
]);
/** Attributes that are presentation on these elements. */
const PRESENTATION_ATTRS: Record<string, string[]> = {
  p: ['style', 'class'],
  h1: ['style', 'class'],
  h2: ['style', 'class'],
  h3: ['style', 'class'],
  h4: ['style', 'class'],
  h5: ['style', 'class'],
  h6: ['style', 'class'],
  ul: ['style', 'class'],
  ol: ['style', 'class'],
  li: ['style', 'class'],
  blockquote: ['style', 'class'],
  a: ['class', 'rel', 'target'],
  code: ['style', 'class'],
  strong: ['style', 'class'],
  em: ['style', 'class'],
  b: ['style', 'class'],
  i: ['style', 'class'],
  u: ['style', 'class'],
  s: ['style', 'class'],
  del: ['style', 'class'],
  sub: ['style', 'class'],
  sup: ['style', 'class'],
  table: ['class', 'style', 'width', 'border'],
  thead: ['class', 'style'],
  tbody: ['class', 'style'],
  tfoot: ['class', 'style'],
  tr: ['class', 'style'],
  td: ['class', 'width', 'height'],
  th: ['class', 'width', 'height', 'scope'],
  // the editor's record of the file's own size and of how the image sits (Cloud layouts)
  'ac:image': ['ac:original-height', 'ac:original-width', 'ac:custom-width', 'ac:layout'],
};
const BREAKOUT_PARAMS = new Set(['breakoutMode', 'breakoutWidth']);
/** Elements whose content is copied as it is (whitespace and all). */
const VERBATIM = new Set([
  'pre',
  'code',
  'ac:plain-text-body',
  'ac:parameter',
  'ac:plain-text-link-body',
  'ac:task-id',
  'ac:task-uuid',
  'ac:task-status',
  'ac:adf-attribute',
]);
/** Elements holding inline content only: their edges are trimmed, block logic does not apply. */
const INLINE_CONTAINERS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Inline elements whose edge whitespace may move outside them. */
/** Elements made of other elements only: every child element is a block of its own. */
const STRUCTURAL = new Set([
  'ul',
  'ol',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'ac:task-list',
  'ac:task',
  'ac:layout',
  'ac:layout-section',
  'ac:structured-macro',
  'ac:macro',
  'ac:adf-extension',
  'ac:adf-node',
]);
/** Marks Markdown writes as HTML tags: spaces at their edges can stay inside. */
const HTML_MARKS = new Set(['sub', 'sup', 'u']);
const INLINE_MARKS = new Set([
  'strong',
  'em',
  'b',
  'i',
  'u',
  's',
  'del',
  'a',
  'sub',
  'sup',
  'span',
  'ac:link-body',
  // its tags go, its text stays exactly as it is (edge spaces included: `a<marker> b</marker>`)
  'ac:inline-comment-marker',
]);

/** Containers of blocks where inline content standing alone (an image, a status) reads as a paragraph. */
const FLOW = new Set(['ac:rich-text-body', 'ac:layout-cell', 'blockquote']);

type Part = { text: string } | { xml: string; block: boolean };

export function stripPresentation(storage: string): string {
  return stripPresentationParsed(storage).text;
}

/**
 * The stripped storage, and the storage's parsed nodes when stripping changed nothing (storage this
 * converter wrote): they are the stripped text's nodes then, and need not be parsed again. Stripping
 * reads the tree and never changes it.
 */
export function stripPresentationParsed(storage: string): { text: string; nodes: AnyNode[] | null } {
  const nodes = parseStorage(storage);
  const text = strippedText(nodes, storage);
  return { text, nodes: text === storage ? nodes : null };
}

/** The stripped form of a body's top-level nodes (or of a piece of them), parsed from `source`. */
export function strippedText(nodes: AnyNode[], source: string): string {
  return serialize(cleanChildren(nodes, source, null));
}

function serialize(parts: Part[]): string {
  return parts.map((p) => ('text' in p ? p.text : p.xml)).join('');
}

function cleanChildren(nodes: AnyNode[], source: string, parent: Element | null): Part[] {
  const inlineOnly = parent !== null && (INLINE_CONTAINERS.has(parent.name) || INLINE_MARKS.has(parent.name));
  const cleaned: Part[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    const block =
      !inlineOnly &&
      isElement(node) &&
      ((parent !== null && STRUCTURAL.has(parent.name)) || isBlockAt(nodes, i));
    for (const part of cleanNode(node, source, block)) cleaned.push(part);
  }
  let parts = afterBreaks(joinText(cleaned));
  if (parent !== null && INLINE_MARKS.has(parent.name)) return parts;
  parts = dropBlankBetweenBlocks(parts);
  if (parent === null || FLOW.has(parent.name) || holdsParagraphs(parent, parts)) parts = paragraphs(parts);
  // in a paragraph only line breaks and indentation go; in items and cells, spaces at the edges too
  return trimAtBlocks(parts, inlineOnly ? EDGE_START : ANY_START, inlineOnly ? EDGE_END : ANY_END);
}

/**
 * Adjacent text parts as one (spaces moved out of a mark meet a line ending there): indentation
 * around a line ending is not content, wherever it came from.
 */
function joinText(parts: Part[]): Part[] {
  if (!parts.some((p, i) => 'text' in p && i > 0 && 'text' in parts[i - 1]!)) return parts;
  const out: Part[] = [];
  for (const p of parts) {
    const prev = out[out.length - 1];
    if ('text' in p && prev !== undefined && 'text' in prev) {
      out[out.length - 1] = { text: (prev.text + p.text).replace(/[ \t]*\r?\n[ \t\r\n]*/g, '\n') };
    } else out.push(p);
  }
  return out;
}

function cleanNode(node: AnyNode, source: string, block: boolean): Part[] {
  if (node.type === 'text') {
    return [
      { text: node.data.includes('\n') ? node.data.replace(/[ \t]*\r?\n[ \t\r\n]*/g, '\n') : node.data },
    ];
  }
  if (!isElement(node)) return [{ xml: sourceOf(source, node), block: block || node.type !== 'cdata' }];
  const el = node;
  if (el.name === 'colgroup' || el.name === 'col') return [];
  if (el.name === 'ac:parameter' && BREAKOUT_PARAMS.has(el.attribs['ac:name'] ?? '')) return [];
  if (el.name === 'ac:inline-comment-marker') return cleanChildren(el.children, source, el);
  // an image's border (colour and width) is presentation, as colours are
  if (el.name === 'ac:adf-mark' && el.attribs.key === 'border') return [];
  if (el.name === 'div' && isWrapperDiv(el)) return cleanChildren(el.children, source, null);
  // a span that only styles its text (a colour, a class pasted from a rendered page)
  if (el.name === 'span' && isStyleSpan(el)) return cleanChildren(el.children, source, el);
  if (el.name === 'table') markUnalignedCells(el);
  const attrs = cleanAttrs(el);
  // a link without a target (`<a>` left by pasted HTML) is only its text
  if (el.name === 'a' && attrs.length === 0) return cleanChildren(el.children, source, el);
  if (el.name === 'code' && !block) {
    const split = codeAroundLinks(el, source, attrs);
    if (split) return split;
  }
  if (VERBATIM.has(el.name)) {
    const open = el.children.length
      ? source.slice(el.startIndex ?? 0, el.children[0]!.startIndex ?? 0)
      : null;
    // in inline code, spans that only style a word are presentation too (`<code><span>x</span></code>`),
    // and inline-comment anchors
    const inner = el.children
      .map((c) => (el.name === 'code' ? codeSource(c, source) : sourceOf(source, c)))
      .join('');
    return [
      {
        xml:
          open === null ? `${openTag(el.name, attrs)}/>` : `${openTag(el.name, attrs)}>${inner}</${el.name}>`,
        block,
      },
    ];
  }
  let children = cleanChildren(el.children, source, el);
  if (el.name === 'ul' || el.name === 'ol') {
    // a single item of one paragraph cannot show looseness in Markdown: it reads tight either way
    if (writtenByEditor(el)) children = tightItems(children, true);
    else if (children.length === 1) children = tightItems(children, false);
    // items mixing `<li>x</li>` and `<li><p>y</p></li>`: neither tight nor loose in Markdown, read tight
    else children = mixedItems(children);
  }
  if (el.name === 'td' || el.name === 'th') children = unwrapSingleParagraph(children);
  if (INLINE_CONTAINERS.has(el.name)) {
    if (el.name === 'p' && children.every(isInvisible)) return [];
    // `<p><ac:structured-macro ac:name="toc"/></p>`: a block macro the editor left in a paragraph
    if (el.name === 'p' && children.length === 1 && isBlockMacro(children[0]!))
      return [{ ...children[0]!, block }];
  }
  const inner = serialize(children);
  const xml =
    inner === '' ? `${openTag(el.name, attrs)}/>` : `${openTag(el.name, attrs)}>${inner}</${el.name}>`;
  // a link keeps its edge spaces: Markdown link text can hold them (`[ Node](…)`), emphasis cannot;
  // so do the marks Markdown writes as HTML tags (`<sub>&nbsp;-1</sub>`)
  if (!INLINE_MARKS.has(el.name) || el.name === 'ac:link-body' || el.name === 'a') return [{ xml, block }];
  if (HTML_MARKS.has(el.name) && !/^(?:<br\/>|\s*\n)|(?:<br\/>|\n\s*)$/.test(inner)) return [{ xml, block }];
  // whitespace and line breaks at the edges of a mark move outside it: `<strong> a<br/></strong>`
  // reads as ` **a**\` (Markdown cannot close a mark after a space or a break)
  const lead = MARK_EDGE_START.exec(inner)?.[0] ?? '';
  const trail = lead.length === inner.length ? '' : (MARK_EDGE_END.exec(inner)?.[0] ?? '');
  if (!lead && !trail) return [{ xml, block }];
  const core = inner.slice(lead.length, inner.length - trail.length);
  const moved = core === '' ? '' : `${openTag(el.name, attrs)}>${core}</${el.name}>`;
  return [...edgeParts(lead), ...(moved ? [{ xml: moved, block }] : []), ...edgeParts(trail)];
}

const EDGE = '(?:[ \\t\\r\\n\\u00a0]|&nbsp;|&#160;|&#xA0;|<br/>)+';
const MARK_EDGE_START = new RegExp(`^${EDGE}`, 'i');
const MARK_EDGE_END = new RegExp(`${EDGE}$`, 'i');

/** Edge whitespace moved out of a mark, its line breaks parts of their own again. */
function edgeParts(edge: string): Part[] {
  return edge
    .split(/(<br\/>)/)
    .filter((x) => x !== '')
    .map((x) => (x === '<br/>' ? { xml: x, block: false } : { text: x }));
}

/** The editor's `content-wrapper` divs, divs without attributes, TinyMCE's tagged-break divs: only wrappers. */
function isWrapperDiv(el: Element): boolean {
  const keys = Object.keys(el.attribs);
  if (keys.length === 0) return true;
  const cls = el.attribs.class;
  return (
    keys.length === 1 &&
    cls !== undefined &&
    (cls === 'content-wrapper' || /^child _mce_tagged_br$/.test(cls))
  );
}

function isStyleSpan(el: Element): boolean {
  const keys = Object.keys(el.attribs);
  if (!keys.every((k) => k === 'style' || k === 'class')) return false;
  // a task's placeholder text is the task construct's
  return el.attribs.class !== 'placeholder-inline-tasks';
}

function codeSource(node: AnyNode, source: string): string {
  // an inline comment anchored on code (`<code><ac:inline-comment-marker>Esc</…></code>`): its text stays
  if (
    isElement(node) &&
    (node.name === 'ac:inline-comment-marker' || (node.name === 'span' && isStyleSpan(node)))
  )
    return node.children.map((c) => codeSource(c, source)).join('');
  return sourceOf(source, node);
}

/**
 * Inline code holding a link (`<code>a@<a href="…">b.com</a></code>`, as editors autolink inside code):
 * Markdown's code cannot hold a link, but a link can hold code, so the code goes around each piece:
 * `<code>a@</code><a href="…"><code>b.com</code></a>`. Line breaks and indentation in it are spaces.
 */
function codeAroundLinks(el: Element, source: string, attrs: [string, string][]): Part[] | null {
  const isLink = (n: AnyNode): boolean =>
    isElement(n) &&
    n.name === 'a' &&
    n.children.length > 0 &&
    n.children.every((c) => c.type === 'text' || (isElement(c) && c.name === 'span' && isStyleSpan(c)));
  if (!el.children.some(isLink)) return null;
  if (
    !el.children.every(
      (c) => c.type === 'text' || isLink(c) || (isElement(c) && isStyleSpan(c) && c.name === 'span'),
    )
  )
    return null;
  const code = (text: string): string => `${openTag('code', attrs)}>${text}</code>`;
  const flat = (n: AnyNode): string => codeSource(n, source).replace(/[ \t]*\r?\n[ \t\r\n]*/g, ' ');
  const out: Part[] = [];
  let run = '';
  const flush = (): void => {
    const lead = /^ */.exec(run)![0];
    const core = run.trim();
    const trail = core === '' ? '' : / *$/.exec(run)![0];
    if (lead) out.push({ text: lead });
    if (core) out.push({ xml: code(core), block: false });
    if (trail) out.push({ text: trail });
    run = '';
  };
  for (const c of el.children) {
    if (!isLink(c)) {
      run += flat(c);
      continue;
    }
    flush();
    const link = c as Element;
    const inner = link.children.map(flat).join('').trim();
    if (inner === '') return null;
    out.push({ xml: `${openTag('a', cleanAttrs(link))}>${code(inner)}</a>`, block: false });
  }
  flush();
  return out;
}

function isBlockMacro(p: Part): p is { xml: string; block: boolean } {
  if (!('xml' in p)) return false;
  const m = /^<ac:structured-macro\s[^>]*?ac:name="([^"]*)"/.exec(p.xml);
  return m !== null && BLOCK_MACROS.has(m[1]!);
}

/**
 * Classic emoticons as the Cloud editor saves them: `<ac:emoticon ac:name="tick" ac:emoji-shortname=":check_mark:"
 * ac:emoji-id="atlassian-check_mark" ac:emoji-fallback=":check_mark:"/>` is the `tick` emoticon in Atlassian's
 * own emoji set, the one Cloud shows for `<ac:emoticon ac:name="tick"/>`. Pairs seen on real Cloud pages.
 */
const CLOUD_EMOTICONS: Record<string, string> = {
  tick: 'check_mark',
  cross: 'cross_mark',
  warning: 'warning',
  'light-on': 'light_bulb_on',
};
const EMOJI_ATTRS = ['ac:emoji-shortname', 'ac:emoji-id', 'ac:emoji-fallback'];

function isCloudEmoticon(el: Element): boolean {
  const emoji = CLOUD_EMOTICONS[el.attribs['ac:name'] ?? ''];
  const a = el.attribs;
  return (
    emoji !== undefined &&
    a['ac:emoji-id'] === `atlassian-${emoji}` &&
    a['ac:emoji-shortname'] === `:${emoji}:` &&
    a['ac:emoji-fallback'] === `:${emoji}:`
  );
}

function cleanAttrs(el: Element): [string, string][] {
  const out: [string, string][] = [];
  if (!hasKeys(el.attribs)) return out;
  const presentation = [
    ...(PRESENTATION_ATTRS[el.name] ?? []),
    ...(el.name === 'ac:emoticon' && isCloudEmoticon(el) ? EMOJI_ATTRS : []),
  ];
  for (const [k, v] of Object.entries(el.attribs)) {
    if (DROPPED_ATTRS.has(k) || presentation.includes(k)) continue;
    if ((k === 'colspan' || k === 'rowspan') && v === '1') continue;
    if (k === 'start' && el.name === 'ol' && v === '1') continue;
    // an empty tooltip on a mark (`<strong title="">`) shows nothing
    if (k === 'title' && v === '' && INLINE_MARKS.has(el.name)) continue;
    // a link shown as an inline card is still the same link
    if (k === 'ac:card-appearance' && el.name === 'ac:link' && v === 'inline') continue;
    if (k === 'data-card-appearance' && el.name === 'a' && v === 'inline') continue;
    if (k === 'style' && (el.name === 'td' || el.name === 'th')) {
      const align = cellAlignment(el);
      if (align && !unaligned.has(el)) out.push([k, `text-align: ${align};`]);
      continue;
    }
    out.push([k, v]);
  }
  return out;
}

function cellAlignment(cell: Element): string | undefined {
  const style = cell.attribs.style ?? '';
  return /(?:^|;)\s*text-align:\s*(left|right|center)\s*(?:;|$)/i.exec(style)?.[1]?.toLowerCase();
}

/** Cells whose text alignment is presentation: it is not the same down their whole column. */
const unaligned = new WeakSet<Element>();

/**
 * A column's alignment is kept when every cell of it has the same one (a GFM table holds it as
 * `:-:`); otherwise, and in tables with merged cells (which have no columns to speak of), it goes.
 */
function markUnalignedCells(table: Element): void {
  const rows: Element[][] = [];
  for (const section of table.children) {
    if (!isElement(section)) continue;
    const trs = section.name === 'tr' ? [section] : section.children.filter(isElement);
    for (const tr of trs) {
      if (tr.name === 'tr') rows.push(tr.children.filter((c): c is Element => isElement(c) && isCell(c)));
    }
  }
  const cells = rows.flat();
  const merged = cells.some((c) => ['colspan', 'rowspan'].some((k) => (c.attribs[k] ?? '1') !== '1'));
  const columns = Math.max(0, ...rows.map((r) => r.length));
  for (let col = 0; col < columns; col++) {
    const column = rows.map((r) => r[col]).filter((c): c is Element => c !== undefined);
    const first = cellAlignment(column[0]!);
    if (merged || column.some((c) => cellAlignment(c) !== first)) for (const c of column) unaligned.add(c);
  }
}

const isCell = (el: Element): boolean => el.name === 'td' || el.name === 'th';

function hasKeys(record: Record<string, string>): boolean {
  for (const _ in record) return true;
  return false;
}

function openTag(name: string, attrs: [string, string][]): string {
  if (attrs.length === 0) return `<${name}`;
  return `<${name}${attrs.map(([k, v]) => (v.includes('"') ? ` ${k}='${v}'` : ` ${k}="${v}"`)).join('')}`;
}

/**
 * A list item or cell in the paragraph form (`<li><p>a</p><ac:image/></li>`, the Cloud editor's image
 * after a paragraph of a step): its inline content standing between the blocks reads as a paragraph too.
 */
function holdsParagraphs(parent: Element, parts: Part[]): boolean {
  if (!['li', 'td', 'th'].includes(parent.name)) return false;
  return parts.some((p) => 'xml' in p && p.block && /^<p[\s>/]/.test(p.xml));
}

/** Runs of inline content between blocks become paragraphs: Confluence shows them as one. */
function paragraphs(parts: Part[]): Part[] {
  const out: Part[] = [];
  let run: Part[] = [];
  const flush = (): void => {
    const trimmed = trimAtBlocks(run, ANY_START, ANY_END);
    if (trimmed.length && !trimmed.every(isInvisible))
      out.push({ xml: `<p>${serialize(trimmed)}</p>`, block: true });
    run = [];
  };
  for (const p of parts) {
    if ('xml' in p && p.block) {
      flush();
      out.push(p);
    } else run.push(p);
  }
  flush();
  return out;
}

const isBlankText = (p: Part): boolean => 'text' in p && /^[ \t\r\n]*$/.test(p.text);
const isBlockPart = (p: Part | undefined): boolean => p === undefined || ('xml' in p && p.block);

function dropBlankBetweenBlocks(parts: Part[]): Part[] {
  const out: Part[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (isBlankText(p)) {
      let j = i + 1;
      while (j < parts.length && isBlankText(parts[j]!)) j++;
      const prev = out[out.length - 1];
      if (isBlockPart(prev) || isBlockPart(parts[j])) continue;
    }
    out.push(p);
  }
  return out;
}

/** Line breaks and indentation at a block's edge (pretty-printed pages); a space alone is kept. */
const EDGE_START = /^(?:[ \t\r]*\n[ \t\r\n]*| +)/;
const EDGE_END = /(?:[ \t\r\n]*\n[ \t\r]*| +)$/;
const ANY_START = /^[ \t\r\n]+/;
const ANY_END = /[ \t\r\n]+$/;

/** The line ending after a `<br/>` is not content (HTML collapses it; Markdown would show `&#xA;`). */
function afterBreaks(parts: Part[]): Part[] {
  if (!parts.some(isBreak)) return parts;
  return parts.map((p, i) =>
    'text' in p && isBreak(parts[i - 1]) ? { text: p.text.replace(/^[ \t\r]*\n[ \t\r\n]*/, '') } : p,
  );
}

const isBreak = (p: Part | undefined): boolean => p !== undefined && 'xml' in p && p.xml === '<br/>';

/**
 * Leading whitespace after a block boundary and trailing whitespace before one does not show, nor do
 * line breaks there (Markdown has no hard break at the edge of a paragraph: it would come back as a `\`).
 */
function trimAtBlocks(parts: Part[], start: RegExp, end: RegExp): Part[] {
  let out = parts;
  for (let changed = true; changed;) {
    changed = false;
    const next: Part[] = [];
    for (let i = 0; i < out.length; i++) {
      const p = out[i]!;
      const before = next[next.length - 1];
      const after = out[i + 1];
      if (isBreak(p) && (isBlockPart(before) || isBlockPart(after))) {
        changed = true;
        continue;
      }
      // `<br/>&nbsp;` ending a block: an editor's empty last line
      if (isBreak(before) && isBlockPart(after) && isInvisible(p)) {
        changed = true;
        continue;
      }
      if ('text' in p) {
        let text = p.text;
        if (isBlockPart(before)) text = text.replace(start, '');
        if (isBlockPart(after)) text = text.replace(end, '');
        if (text !== p.text) changed = true;
        if (text !== '') next.push(text === p.text ? p : { text });
        continue;
      }
      next.push(p);
    }
    out = next;
  }
  return out;
}

/** Nothing a reader sees: whitespace, no-break spaces, zero-width spaces, line breaks. */
function isInvisible(p: Part): boolean {
  if ('text' in p) return /^(?:[ \t\r\n\u00a0\u200b]|&nbsp;|&#160;|&#xA0;|&#x200B;|&#8203;)*$/i.test(p.text);
  return /^<br\s*\/?>$/.test(p.xml);
}

/**
 * The Cloud editor wraps every list item's text in a paragraph (and gives it ids); a list this
 * converter wrote has `<li><p>` only when the Markdown list was loose, which it keeps.
 */
function writtenByEditor(list: Element): boolean {
  const ids = (el: Element): boolean => 'local-id' in el.attribs || 'data-uuid' in el.attribs;
  return ids(list) || list.children.some((li) => isElement(li) && ids(li));
}

const PARAGRAPH = /^<p>([\s\S]*)<\/p>$/;

/** `<li><p>x</p></li>` → `<li>x</li>` when every item of the list is one paragraph (and nested lists). */
function tightItems(items: Part[], nested: boolean): Part[] {
  const lis = items.filter((p) => 'xml' in p);
  const forms = lis.map((p) => itemParts('xml' in p ? p.xml : ''));
  if (forms.some((f) => f === null || (!nested && f.rest !== ''))) return items;
  return items.map((p) => {
    if (!('xml' in p)) return p;
    const f = itemParts(p.xml)!;
    return { xml: `${f.open}${f.text}${f.rest}</li>`, block: p.block };
  });
}

/** A list whose items are either bare inline content or one paragraph (each maybe with nested lists). */
function mixedItems(items: Part[]): Part[] {
  const lis = items.filter((p) => 'xml' in p) as { xml: string; block: boolean }[];
  const wrapped = lis.filter((p) => itemParts(p.xml) !== null);
  const bare = lis.filter((p) => itemParts(p.xml) === null && bareItem(p.xml) !== null);
  if (bare.length === 0 || bare.length === lis.length) return items;
  // an item of several paragraphs makes the list loose: its bare items take a paragraph too
  if (wrapped.length + bare.length < lis.length) {
    // (a tight Markdown list never has a paragraph in an item: `- a` then `- ***` stays as it is)
    if (!lis.some((p) => paragraphAmongBlocks(p.xml))) return items;
    if (!lis.every((p) => bareItem(p.xml) !== null || blocksOnly(p.xml))) return items;
    return items.map((p) => {
      const b = 'xml' in p && itemParts(p.xml) === null ? bareItem(p.xml) : null;
      return b && 'xml' in p ? { xml: `${b.open}<p>${b.text}</p>${b.rest}</li>`, block: p.block } : p;
    });
  }
  return items.map((p) => {
    const f = 'xml' in p ? itemParts(p.xml) : null;
    return f && 'xml' in p ? { xml: `${f.open}${f.text}${f.rest}</li>`, block: p.block } : p;
  });
}

/** `<li>inline content, then maybe nested lists</li>`, taken apart; null for any other item. */
function bareItem(li: string): { open: string; text: string; rest: string } | null {
  const m = /^(<li(?:\s[^>]*)?>)([\s\S]*)<\/li>$/.exec(li);
  if (!m) return null;
  const inner = m[2]!;
  const nodes = parseStorage(inner);
  const first = nodes.findIndex((n, i) => isElement(n) && isBlockAt(nodes, i));
  if (first === -1) return nodes.every(isBlank) ? null : { open: m[1]!, text: inner, rest: '' };
  if (nodes.slice(0, first).every(isBlank)) return null;
  const lists = nodes
    .slice(first)
    .every((n) => isBlank(n) || (isElement(n) && (n.name === 'ul' || n.name === 'ol')));
  if (!lists) return null;
  const at = nodes[first]!.startIndex ?? 0;
  return { open: m[1]!, text: inner.slice(0, at), rest: inner.slice(at) };
}

/** `<li>` holding a paragraph and at least one other block: an item of a loose list. */
function paragraphAmongBlocks(li: string): boolean {
  const m = /^<li(?:\s[^>]*)?>([\s\S]*)<\/li>$/.exec(li);
  if (!m) return false;
  const nodes = parseStorage(m[1]!);
  const blocks = nodes.filter((n, i) => isElement(n) && isBlockAt(nodes, i)) as Element[];
  return blocks.length >= 2 && blocks.some((b) => b.name === 'p');
}

/** `<li>` holding block elements only (paragraphs, lists, macros…). */
function blocksOnly(li: string): boolean {
  const m = /^<li(?:\s[^>]*)?>([\s\S]*)<\/li>$/.exec(li);
  if (!m) return false;
  const nodes = parseStorage(m[1]!);
  return nodes.every((n, i) => isBlank(n) || (isElement(n) && isBlockAt(nodes, i)));
}

function itemParts(li: string): { open: string; text: string; rest: string } | null {
  const m = /^(<li(?:\s[^>]*)?>)<p>([\s\S]*?)<\/p>((?:<(ul|ol)[\s>][\s\S]*)?)<\/li>$/.exec(li);
  if (!m || m[2]!.includes('<p>') || m[2]!.includes('<p ')) return null;
  // the rest must be lists only: re-parse to be sure
  const rest = parseStorage(m[3]!);
  if (!rest.every((n) => isBlank(n) || (isElement(n) && (n.name === 'ul' || n.name === 'ol')))) return null;
  if (parseStorage(m[2]!).some((n) => isElement(n) && isBlockAt([n], 0))) return null;
  return { open: m[1]!, text: m[2]!, rest: m[3]! };
}

function unwrapSingleParagraph(children: Part[]): Part[] {
  const els = children.filter((p) => 'xml' in p);
  if (els.length !== 1 || children.some((p) => 'text' in p && !isBlankText(p))) return children;
  const m = PARAGRAPH.exec((els[0] as { xml: string }).xml);
  if (!m) return children;
  if (parseStorage(m[1]!).some((n) => isElement(n) && BLOCK_ELEMENTS.has(n.name))) return children;
  return [{ text: m[1]! }];
}
