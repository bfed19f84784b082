/**
 * A carried macro made of a name and parameters, written as one readable line instead of its XML:
 *
 *   `macro jira key="ABC-1" server="Jira"`           ⇔ `<ac:structured-macro ac:name="jira"><ac:parameter ac:name="key">ABC-1</ac:parameter>…</ac:structured-macro>`
 *   `ac:macro toc`                                  ⇔ `<ac:macro ac:name="toc"/>` (the old editor's form)
 *   `macro info title="Note" {` … `/macro`            ⇔ the opening (parameters + `<ac:rich-text-body>`) and the closing of a macro whose body stays Markdown
 *
 * It is only a spelling of the carry-through payload (see carry-through.ts): a payload is written this way
 * only when the line expands back to exactly the same characters, so nothing is lost; any other macro
 * (attributes besides `ac:name`, text mixed with elements, a value holding a line break) keeps its XML
 * form. Exceptions, where the line expands to another spelling of the same storage (the engine's
 * comparison, normalizeStorage, holds them equal; macro-respell.ts): the indentation of a pretty-printed
 * parameter made of elements is not written, a line break in a text value is written `&#10;`, and in a
 * span a value holding `"` is written with `&quot;`; a value that is a link to a page (any attribute order
 * or indentation) is written as the page's address, `page=<confluence-page:SPACE/Title>`, the way the link
 * construct writes a page it cannot resolve.
 */
import { escapeAttr } from '../xml/escape.js';
import { decodeEntities } from '../xml/parse.js';
import { checkStorageXml } from '../xml/well-formed.js';
import { pageAddress, parsePageAddress } from './link.js';
import { pageLinksRespelled, quotesAsReferences, respellings, sameStorage } from './macro-respell.js';

const KINDS = { macro: 'ac:structured-macro', 'ac:macro': 'ac:macro' } as const;
type Kind = keyof typeof KINDS;

const NAME = `[^\\s"<>&=/{}]+`;
// `name="value"` (or `'value'` when the value holds `"`), `name=%"value"` / `name=%'value'` (a URL-encoded
// value written decoded), `name=<ri:page …/>` (a value made only of elements), `name=` (an empty
// `<ac:parameter ac:name="name"/>`); a bare value is the old editor's default parameter
const PARAM = `(?:([^\\s"'<>&=]*)=)?(?:"([^"<\\n\\r]*)"|'([^'<\\n\\r]*)'|%"([^"\\n\\r]*)"|%'([^'\\n\\r]*)'|((?:<[^<>\\n\\r]*>)+)|(?=\\s|$))`;
const LINE = new RegExp(`^(macro|ac:macro) (${NAME})((?: ${PARAM})*)(?<end> \\{| /)?$`);
const CLOSE = /^\/(macro|ac:macro)$/;

/** The storage XML a macro line stands for, or null when the text is not a macro line. */
export function expandMacroLine(line: string): string | null {
  const close = CLOSE.exec(line);
  if (close) return `</ac:rich-text-body></${KINDS[close[1] as Kind]}>`;
  const m = LINE.exec(line);
  if (!m) return null;
  const tag = KINDS[m[1] as Kind];
  let params = '';
  for (const p of m[3]!.matchAll(new RegExp(` ${PARAM}`, 'g'))) {
    const decoded = p[4] ?? p[5];
    const typed = p[2] ?? p[3];
    const value =
      typed !== undefined
        ? typedText(typed)
        : decoded !== undefined
          ? urlEncoded(decoded)
          : p[6]?.startsWith(PAGE_OPEN)
            ? pageLink(p[6])
            : elementsValue(p[6]);
    if (value === null) return null;
    if (value === undefined) params += p[1] === undefined ? '' : `<ac:parameter ac:name="${p[1]}"/>`;
    else
      params +=
        p[1] === undefined
          ? `<ac:default-parameter>${value}</ac:default-parameter>`
          : `<ac:parameter ac:name="${p[1]}">${value}</ac:parameter>`;
  }
  const open = `<${tag} ac:name="${m[2]}"`;
  if (m.groups!.end === ' {') return `${open}>${params}<ac:rich-text-body>`;
  // ` /` marks the self-closing form of a macro without parameters
  if (m.groups!.end === ' /') return params === '' ? `${open}/>` : null;
  return `${open}>${params}</${tag}>`;
}

/** A value spelled as storage elements must be elements (`<../other.md>` is not): else the line does not read. */
function elementsValue(raw: string | undefined): string | null | undefined {
  if (raw === undefined || !raw.startsWith('<')) return raw;
  return checkStorageXml(raw, { anyPrefix: true }) === null ? raw : null;
}

const MACRO = /^<(ac:structured-macro|ac:macro) ac:name="([^"]*)"(\/?)>/;
const PARAMETER =
  /^<ac:parameter ac:name="([^"]*)">((?:<(?!\/?ac:parameter)[^<>]*>)+|[^<]*)<\/ac:parameter>|^<ac:default-parameter>((?:<(?!\/?ac:default-parameter)[^<>]*>)+|[^<]*)<\/ac:default-parameter>|^<ac:parameter ac:name="([^"]*)"\/>/;

/**
 * Values are XML text as the page has it; an `&` typed into one that starts no reference stands for
 * itself, and so does a typed `]]>` (which XML text cannot hold as it is).
 */
function typedText(value: string): string {
  return value
    .replace(/&(?![A-Za-z][A-Za-z0-9]*;|#[0-9]+;|#x[0-9A-Fa-f]+;)/g, '&amp;')
    .replaceAll(']]>', ']]&gt;');
}

const PAGE_OPEN = '<confluence-page:';
/** A page link value as the page holds it after pageLinksRespelled (macro-respell.ts). */
const PAGE_LINK = /^<ac:link><ri:page(?: ri:space-key="([^"]*)")? ri:content-title="([^"]*)"\/><\/ac:link>$/;

/**
 * `<confluence-page:SPACE/Title>` (the address the link construct writes for a page, space optional) →
 * `<ac:link><ri:page ri:space-key="SPACE" ri:content-title="Title"/></ac:link>`; null when it is no page.
 */
function pageLink(value: string): string | null {
  if (!value.endsWith('>') || value.indexOf('<', 1) !== -1) return null;
  const page = parsePageAddress(value.slice(1, -1));
  if (!page || page.anchor !== undefined || page.title === '') return null;
  const space = page.spaceKey === undefined ? '' : ` ri:space-key="${escapeAttr(page.spaceKey)}"`;
  return `<ac:link><ri:page${space} ri:content-title="${escapeAttr(page.title)}"/></ac:link>`;
}

/** A parameter that is a link to a page, spelled as its address when that expands back to it exactly. */
function pageValue(value: string): string | null {
  const m = PAGE_LINK.exec(value);
  if (!m) return null;
  const space = m[1] === undefined ? undefined : decodeEntities(m[1]);
  const address = `<${pageAddress(decodeEntities(m[2]!), space, undefined)}>`;
  return pageLink(address) === value ? address : null;
}

function urlEncoded(text: string): string | null {
  try {
    return encodeURIComponent(text);
  } catch {
    return null; // a lone surrogate
  }
}

/** A URL-encoded value (a roadmap's JSON source) decoded, when encoding it again gives it back exactly. */
function urlDecoded(value: string): string | null {
  if ((value.match(/%[0-9A-F]{2}/g) ?? []).length < 3) return null;
  let text: string;
  try {
    text = decodeURIComponent(value);
  } catch {
    return null;
  }
  return urlEncoded(text) === value && !/[\n\r]/.test(text) ? text : null;
}

function param(name: string | undefined, value: string, decode: boolean): string {
  const text = decode && name !== undefined ? urlDecoded(value) : null;
  let quoted: string;
  if (text !== null && !text.includes('"')) quoted = `%"${text}"`;
  else if (text !== null && !text.includes("'")) quoted = `%'${text}'`;
  else if (value.startsWith('<')) quoted = pageValue(value) ?? value;
  else quoted = value.includes('"') ? `'${value}'` : `"${value}"`;
  return name === undefined ? ` ${quoted}` : ` ${name}=${quoted}`;
}

/**
 * The macro line for a carried payload, or null when the payload is not a plain macro (kept as XML).
 * The line expands to the payload itself, or to a respelling of it that is the same storage to the
 * engine (macro-respell.ts: no indentation inside parameters made of elements, line breaks in text
 * values as character references).
 */
export function macroLine(xml: string, options: LineOptions = {}): string | null {
  // a parameter linking to a page reads as the page's address, `page=<confluence-page:SPACE/Title>`
  const paged = pageLinksRespelled(xml);
  if (paged !== xml) {
    const line = spelledLine(paged, options);
    if (line?.includes(`=${PAGE_OPEN}`) && sameStorage(paged, xml)) return line;
  }
  return spelledLine(xml, options);
}

function spelledLine(xml: string, options: LineOptions): string | null {
  const line = exactLine(xml, options);
  if (line !== null) return line;
  for (const respelled of respellings(xml)) {
    const other = exactLine(respelled, options);
    if (other !== null) return sameStorage(respelled, xml) ? other : null;
  }
  return null;
}

/**
 * The macro line for an inline span, which is single-quoted: a value holding `"` is spelled with
 * `&quot;` (`jql="a = &quot;b&quot;"`, the same storage) rather than quoted with `'`, which would make
 * the span double-quoted with every `"` of the line escaped.
 */
export function inlineMacroLine(xml: string): string | null {
  const line = macroLine(xml);
  if (line === null || !line.includes("'")) return line;
  const spelled = quotesAsReferences(xml);
  const other = macroLine(spelled);
  return other !== null && !other.includes("'") && sameStorage(spelled, xml) ? other : line;
}

const IN_PARAGRAPH = /^<p>([\s\S]*)<\/p>$/;

/** A block marker's line: a macro line, or one in a paragraph of its own, `<p>macro jira key="X"</p>`. */
export function blockLine(xml: string): string | null {
  const inner = IN_PARAGRAPH.exec(xml)?.[1];
  const line = macroLine(inner ?? xml, { urlDecode: true });
  return line === null ? null : inner === undefined ? line : `<p>${line}</p>`;
}

export function expandBlockLine(text: string): string | null {
  const inner = IN_PARAGRAPH.exec(text)?.[1];
  const xml = expandMacroLine(inner ?? text);
  return xml === null ? null : inner === undefined ? xml : `<p>${xml}</p>`;
}

/** Text that starts like a (block) macro line: carried text that does never travels as plain text. */
export function startsLikeLine(text: string, block: boolean): boolean {
  return (block ? /^(?:<p>)?(?:ac:)?macro \S/ : /^(?:ac:)?macro \S/).test(text) || CLOSE.test(text);
}

export interface LineOptions {
  /** Write URL-encoded values decoded (`source=%'{"title":…}'`): for block markers, where quotes need no escaping. */
  urlDecode?: boolean;
}

function exactLine(xml: string, { urlDecode = false }: LineOptions): string | null {
  if (xml === '</ac:rich-text-body></ac:structured-macro>') return '/macro';
  if (xml === '</ac:rich-text-body></ac:macro>') return '/ac:macro';
  const m = MACRO.exec(xml);
  if (!m) return null;
  const kind = m[1] === 'ac:macro' ? 'ac:macro' : 'macro';
  let line = `${kind} ${m[2]}`;
  let rest = xml.slice(m[0].length);
  if (m[3] === '/') line += ' /';
  else {
    for (let p = PARAMETER.exec(rest); p; p = PARAMETER.exec(rest)) {
      if (p[4] !== undefined) line += ` ${p[4]}=`;
      else line += p[3] === undefined ? param(p[1], p[2]!, urlDecode) : param(undefined, p[3], false);
      rest = rest.slice(p[0].length);
    }
    if (rest === '<ac:rich-text-body>') line += ' {';
  }
  return expandMacroLine(line) === xml ? line : null;
}
