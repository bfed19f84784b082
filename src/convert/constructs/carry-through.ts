/**
 * Lossless carry-through of storage that Markdown cannot express (unknown and third-party macros,
 * layouts, mentions, Jira, anchors, placeholders, styled text…). The original XML travels inside
 * the Markdown and comes back byte for byte:
 *
 * - block: an HTML comment on its own, `<!--cs:<ac:structured-macro …>…</ac:structured-macro>-->`
 *   (blank lines inside are fine; `<!--cs64:…-->` holds base64 when the XML itself contains `-->`);
 * - inline: an empty span, `<span data-cs='<ac:link><ri:user …/></ac:link>'></span>` (double-quoted
 *   with `&quot; &amp; &#10; &#13; &#124;` escapes when the XML has a quote, newline or pipe);
 * - containers (macro bodies, layout cells, table cells, styled spans): only the opening and the
 *   closing XML are carried, the content between them stays editable Markdown.
 *
 * People can edit everything around (and between) the markers; the markers themselves are opaque.
 */
import type { Html, PhrasingContent, RootContent } from 'mdast';
import { SyncError } from '../../errors.js';
import type { Construct, ReadState } from '../registry.js';
import type { RawBlock, RawInline } from '../nodes.js';
import { isBlockAt, isBlockElement } from '../xml/kinds.js';
import {
  blockLine,
  expandBlockLine,
  expandMacroLine,
  inlineMacroLine,
  startsLikeLine,
} from './macro-line.js';
import { expandLayoutLine, layoutLine, looksLikeLayoutLine } from './layout-line.js';
import {
  type AnyNode,
  type Element,
  closeTagOf,
  isBlank,
  isElement,
  openTagOf,
  sourceOf,
} from '../xml/parse.js';

export function rawBlock(value: string): RawBlock {
  return { type: 'rawBlock', value };
}

export function rawInline(value: string): RawInline {
  return { type: 'rawInline', value };
}

/** Elements whose children are block content that stays editable between markers. */
const HOLDERS = new Set([
  'td',
  'th',
  'ac:rich-text-body',
  'ac:layout-cell',
  'blockquote',
  'div',
  'section',
  'li',
]);
/** Elements made only of other elements, walked to reach the holders inside. */
const STRUCTURAL = new Set([
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'ac:layout',
  'ac:layout-section',
  'ac:structured-macro',
  'ac:macro',
  'ul',
  'ol',
]);
/** Inline elements whose content stays editable between markers. */
const INLINE_HOLDERS = new Set([
  'span',
  'font',
  'a',
  'strong',
  'em',
  'b',
  'i',
  'u',
  's',
  'del',
  'sub',
  'sup',
  'small',
  'big',
  'mark',
  'ins',
  'ac:inline-comment-marker',
  'q',
  'cite',
  'abbr',
  'kbd',
  'var',
  'samp',
  'dfn',
]);

export function carryBlock(el: Element, state: ReadState): RootContent[] {
  const parts: (string | RootContent)[] = [];
  segments(el, state, parts);
  const out: RootContent[] = [];
  let raw = '';
  for (const part of parts) {
    if (typeof part === 'string') raw += part;
    else {
      if (raw.trim() !== '') out.push(rawBlock(raw));
      raw = '';
      out.push(part);
    }
  }
  if (raw.trim() !== '' || out.length === 0) out.push(rawBlock(raw));
  return out;
}

function segments(el: Element, state: ReadState, out: (string | RootContent)[]): void {
  const open = openTagOf(state.source, el);
  const close = closeTagOf(state.source, el);
  if (open === null || close === null) {
    out.push(sourceOf(state.source, el));
  } else if (HOLDERS.has(el.name)) {
    out.push(open);
    const cellText =
      (el.name === 'td' || el.name === 'th') && !el.children.some((_c, i) => isBlockAt(el.children, i));
    if (cellText && el.children.some((c) => !isBlank(c))) {
      out.push({ type: 'paragraph', children: state.inlines(el.children) });
    } else out.push(...state.blocks(el.children));
    out.push(close);
  } else if (STRUCTURAL.has(el.name) && el.children.some((c) => isElement(c) && reachesHolder(c))) {
    out.push(open);
    for (const child of el.children) {
      if (isElement(child) && reachesHolder(child)) segments(child, state, out);
      else out.push(sourceOf(state.source, child));
    }
    out.push(close);
  } else out.push(sourceOf(state.source, el));
}

function reachesHolder(el: Element): boolean {
  if (HOLDERS.has(el.name)) return true;
  return STRUCTURAL.has(el.name) && el.children.some((c) => isElement(c) && reachesHolder(c));
}

export function carryInline(node: AnyNode, state: ReadState): PhrasingContent[] {
  if (isElement(node) && INLINE_HOLDERS.has(node.name) && !node.children.some(isBlockElement)) {
    const open = openTagOf(state.source, node);
    const close = closeTagOf(state.source, node);
    if (open !== null && close !== null) {
      return [rawInline(open), ...state.inlines(node.children), rawInline(close)];
    }
  }
  return [rawInline(sourceOf(state.source, node))];
}

// ---- the Markdown forms ----

const BLOCK_MARKER = /^<!--cs:([\s\S]*)-->$/;
const BLOCK_MARKER_64 = /^<!--cs64:([A-Za-z0-9+/=\s]*)-->$/;
const INLINE_RAW = /^<span data-cs='([^']*)'>$/;
const INLINE_ESCAPED = /^<span data-cs="([^"]*)">$/;

export function blockMarker(payload: string): string {
  const line = blockLine(payload) ?? layoutLine(payload);
  if (line !== null && !line.includes('-->')) return `<!--cs:${line}-->`;
  // base64 is never read as a macro or layout line: text that looks like one travels that way
  if (payload.includes('-->') || startsLikeLine(payload, true) || looksLikeLayoutLine(payload))
    return `<!--cs64:${Buffer.from(payload, 'utf8').toString('base64')}-->`;
  return `<!--cs:${payload}-->`;
}

/** The XML a marker's line stands for; a line an edit broke is refused rather than pushed as text. */
function readLine(text: string, block: boolean): string {
  const xml = block ? (expandBlockLine(text) ?? expandLayoutLine(text)) : expandMacroLine(text);
  if (xml !== null) return xml;
  if (!startsLikeLine(text, block) && !(block && looksLikeLayoutLine(text))) return text;
  throw new SyncError(
    'CS-045',
    `This macro line does not read as one: ${JSON.stringify(text.slice(0, 120))}.`,
    {
      hint: 'Check its quotes: name="value" (\'value\' when the value holds "), no < or line break in a value, a page as =<confluence-page:Title> (no #section); or restore it from git history.',
    },
  );
}

export function parseBlockMarker(html: string): string | null {
  const plain = BLOCK_MARKER.exec(html);
  if (plain) return readLine(plain[1]!, true);
  const b64 = BLOCK_MARKER_64.exec(html);
  return b64 ? Buffer.from(b64[1]!.replace(/\s/g, ''), 'base64').toString('utf8') : null;
}

const INLINE_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '"': '&quot;',
  '\n': '&#10;',
  '\r': '&#13;',
  '|': '&#124;',
};
const INLINE_UNESCAPES: Record<string, string> = Object.fromEntries(
  Object.entries(INLINE_ESCAPES).map(([k, v]) => [v, k]),
);

export function inlineMarker(payload: string): string {
  const line = inlineMacroLine(payload) ?? payload;
  if (line !== payload || !startsLikeLine(payload, false)) {
    if (!/['\n\r|]/.test(line)) return `<span data-cs='${line}'></span>`;
    return `<span data-cs="${line.replace(/[&"\n\r|]/g, (c) => INLINE_ESCAPES[c]!)}"></span>`;
  }
  // text that looks like a macro line: its first character as a character reference, never read as one
  const rest = payload.slice(1).replace(/[&"\n\r|]/g, (c) => INLINE_ESCAPES[c]!);
  return `<span data-cs="&#${payload.codePointAt(0)};${rest}"></span>`;
}

export function parseInlineMarker(html: string): string | null {
  const plain = INLINE_RAW.exec(html);
  if (plain) return readLine(plain[1]!, false);
  const escaped = INLINE_ESCAPED.exec(html);
  if (!escaped) return null;
  const lead = /^&#(\d+);/.exec(escaped[1]!);
  const payload = (
    lead ? String.fromCodePoint(Number(lead[1])) + escaped[1]!.slice(lead[0].length) : escaped[1]!
  ).replace(/&amp;|&quot;|&#10;|&#13;|&#124;/g, (e) => INLINE_UNESCAPES[e]!);
  return lead ? payload : readLine(payload, false);
}

export const carryThrough: Construct = {
  name: 'carry-through',
  write: {
    rawBlock: (node) => node.value,
    rawInline: (node) => node.value,
  },
  blockHooks: [
    (nodes, i) => {
      const node = nodes[i]!;
      if (node.type !== 'html') return null;
      // mdast-util-to-markdown separates some adjacent blocks with an empty comment: not content
      if (node.value === '<!---->') return { storage: '', next: i + 1 };
      const payload = parseBlockMarker(node.value);
      return payload === null ? null : { storage: payload, next: i + 1 };
    },
  ],
  inlineHooks: [
    (nodes, i) => {
      const node = nodes[i]!;
      if (node.type !== 'html') return null;
      const payload = parseInlineMarker(node.value);
      if (payload === null) return null;
      const next = nodes[i + 1];
      const closed = next?.type === 'html' && (next as Html).value === '</span>';
      return { storage: payload, next: closed ? i + 2 : i + 1 };
    },
  ],
  markdown: {
    rawBlock: (node: RawBlock) => blockMarker(node.value),
    rawInline: (node: RawInline) => inlineMarker(node.value),
  },
  fixtures: [
    {
      name: 'unknown block macro',
      markdown: '<!--cs:macro roadmap source="x"-->\n',
      storage:
        '<ac:structured-macro ac:name="roadmap"><ac:parameter ac:name="source">x</ac:parameter></ac:structured-macro>',
    },
    {
      name: 'a link to a person with an anchor (no form of its own) inline',
      markdown:
        'Ask <span data-cs=\'<ac:link ac:anchor="x"><ri:user ri:account-id="557058:abc"/></ac:link>\'></span> today.\n',
      storage: '<p>Ask <ac:link ac:anchor="x"><ri:user ri:account-id="557058:abc"/></ac:link> today.</p>',
    },
    {
      name: 'unknown macro with a rich-text body stays editable',
      markdown: '<!--cs:macro excerpt {-->\n\nShort **summary**.\n\n<!--cs:/macro-->\n',
      storage:
        '<ac:structured-macro ac:name="excerpt"><ac:rich-text-body><p>Short <strong>summary</strong>.</p></ac:rich-text-body></ac:structured-macro>',
    },
    {
      name: 'the XML form of a macro is still read (files pulled before macro lines)',
      direction: 'toStorage',
      markdown:
        '<!--cs:<ac:structured-macro ac:name="roadmap"><ac:parameter ac:name="source">x</ac:parameter></ac:structured-macro>-->\n',
      storage:
        '<ac:structured-macro ac:name="roadmap"><ac:parameter ac:name="source">x</ac:parameter></ac:structured-macro>',
    },
    {
      name: 'an old-editor macro inline, with a default parameter and a value holding quotes (spelled &quot;)',
      markdown:
        'See <span data-cs=\'ac:macro anchor "top"\'></span> and <span data-cs=\'ac:macro jira jql="a = &quot;b&quot;"\'></span>.\n',
      storage:
        '<p>See <ac:macro ac:name="anchor"><ac:default-parameter>top</ac:default-parameter></ac:macro> and <ac:macro ac:name="jira"><ac:parameter ac:name="jql">a = "b"</ac:parameter></ac:macro>.</p>',
      direction: 'toMarkdown',
    },
    {
      name: 'a macro line in a double-quoted span is still read (files pulled before)',
      direction: 'toStorage',
      markdown:
        'See <span data-cs=\'ac:macro anchor "top"\'></span> and <span data-cs="ac:macro jira jql=\'a = &quot;b&quot;\'"></span>.\n',
      storage:
        '<p>See <ac:macro ac:name="anchor"><ac:default-parameter>top</ac:default-parameter></ac:macro> and <ac:macro ac:name="jira"><ac:parameter ac:name="jql">a = "b"</ac:parameter></ac:macro>.</p>',
    },
    {
      name: 'a self-closing macro without parameters',
      markdown: '<!--cs:ac:macro toc /-->\n',
      storage: '<ac:macro ac:name="toc"/>',
    },
    {
      name: 'a macro with more than a name and parameters keeps its XML form',
      markdown:
        '<!--cs:<ac:structured-macro ac:name="x" data-extra="1"><ac:parameter ac:name="a">1</ac:parameter></ac:structured-macro>-->\n',
      storage:
        '<ac:structured-macro ac:name="x" data-extra="1"><ac:parameter ac:name="a">1</ac:parameter></ac:structured-macro>',
    },
    {
      name: 'a styled element keeps its content editable',
      markdown: "A <span data-cs='<font color=\"red\">'></span>red<span data-cs='</font>'></span> word.\n",
      storage: '<p>A <font color="red">red</font> word.</p>',
    },
    {
      name: 'XML holding --> travels as base64',
      markdown: `${blockMarker('<ac:structured-macro ac:name="x"><ac:parameter ac:name="a">--></ac:parameter></ac:structured-macro>')}\n`,
      storage:
        '<ac:structured-macro ac:name="x"><ac:parameter ac:name="a">--></ac:parameter></ac:structured-macro>',
    },
    {
      name: 'inline XML with a quote is escaped',
      markdown: `It is <span data-cs="<ac:placeholder>Don't</ac:placeholder>"></span>.\n`,
      storage: "<p>It is <ac:placeholder>Don't</ac:placeholder>.</p>",
    },
  ],
};
