/**
 * A carried macro's XML respelled the way a macro line (macro-line.ts) can say it, without changing
 * what the page holds: the engine's comparison (normalizeStorage) sees the same storage. The line then
 * expands to the respelled XML, never to anything else.
 */
import { canonicalNodes } from '../xml/canonical.js';
import { escapeAttr } from '../xml/escape.js';
import { decodeEntities, parseStorage } from '../xml/parse.js';

const ELEMENTS_ONLY =
  /(<ac:parameter ac:name="[^"]*">)(\s*(?:<(?!\/?ac:parameter)[^<>]*>\s*)+)(<\/ac:parameter>)/g;

/**
 * Parameter values made only of elements, without the whitespace between and inside their tags: the
 * indentation of a pretty-printed page (`<ac:parameter ac:name="url">⏎  <ri:url …/>⏎</ac:parameter>`).
 */
export function tightParameters(xml: string): string {
  return xml.replace(ELEMENTS_ONLY, (_m, open: string, value: string, close: string) => {
    const tags = value
      .trim()
      .split(/>\s*</)
      .map((tag) => tag.replace(/("[^"]*"|'[^']*')|\s+/g, (q: string, quoted?: string) => quoted ?? ' '))
      .join('><');
    return open + tags + close;
  });
}

/** The XML respelled, most likely first: without indentation, then also without raw line breaks. */
export function respellings(xml: string): string[] {
  const tight = tightParameters(xml);
  const broken = breaksAsReferences(tight);
  return [tight, broken].filter((x, i, all) => x !== xml && all.indexOf(x) === i);
}

const TEXT_VALUE_WITH_BREAKS =
  /(<ac:parameter ac:name="[^"]*">|<ac:default-parameter>)([^<]*[\n\r\t][^<]*)(?=<\/ac:(?:default-)?parameter>)/g;

/** Line breaks and tabs in text values as character references: the same characters, on one line. */
export function breaksAsReferences(xml: string): string {
  return xml.replace(
    TEXT_VALUE_WITH_BREAKS,
    (_m, open: string, value: string) => open + value.replace(/[\n\r\t]/g, (c) => `&#${c.charCodeAt(0)};`),
  );
}

const TEXT_VALUE =
  /(<ac:parameter ac:name="[^"]*">|<ac:default-parameter>)([^<]*")(?=<\/ac:(?:default-)?parameter>)/g;

/** Text values holding `"` with the quotes written `&quot;`. */
export function quotesAsReferences(xml: string): string {
  return xml.replace(TEXT_VALUE, (_m, open: string, value: string) => open + value.replaceAll('"', '&quot;'));
}

export function sameStorage(a: string, b: string): boolean {
  return canonicalNodes(parseStorage(a)) === canonicalNodes(parseStorage(b));
}

const PAGE_LINK_VALUE =
  /(<ac:parameter ac:name="[^"]*">|<ac:default-parameter>)\s*<ac:link>\s*<ri:page((?:\s+ri:(?:space-key|content-title)\s*=\s*"[^"]*")+)\s*\/>\s*<\/ac:link>\s*(?=<\/ac:(?:default-)?parameter>)/g;

/**
 * Parameters made of a link to a page (`<ac:link><ri:page ri:content-title="T" /></ac:link>`, indented
 * or not, the space key before or after) in the one spelling a macro line writes as the page's address:
 * `<ac:link><ri:page ri:space-key="S" ri:content-title="T"/></ac:link>`.
 */
export function pageLinksRespelled(xml: string): string {
  return xml.replace(PAGE_LINK_VALUE, (whole: string, open: string, attrs: string) => {
    const found = new Map<string, string>();
    for (const a of attrs.matchAll(/(ri:[\w-]+)\s*=\s*"([^"]*)"/g)) {
      if (found.has(a[1]!)) return whole;
      found.set(a[1]!, decodeEntities(a[2]!));
    }
    const title = found.get('ri:content-title');
    if (title === undefined) return whole;
    const space = found.get('ri:space-key');
    const spaceAttr = space === undefined ? '' : ` ri:space-key="${escapeAttr(space)}"`;
    return `${open}<ac:link><ri:page${spaceAttr} ri:content-title="${escapeAttr(title)}"/></ac:link>`;
  });
}
