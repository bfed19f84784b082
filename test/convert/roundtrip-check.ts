/** Shared by the CommonMark/GFM fixpoint test and its allow-list tooling. */
import { Parser } from 'htmlparser2';
import { micromark } from 'micromark';
import type { HtmlExtension } from 'micromark-util-types';
import { frontmatter, frontmatterHtml } from 'micromark-extension-frontmatter';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { toMarkdown, toStorage } from '../../src/convert/index.js';
import { checkStorageXml } from '../emulator/storage-xml.js';

/**
 * micromark's HTML compiler keeps slurping line endings after a run of link definitions until the
 * next paragraph, so a code block after `[a]: b` renders its lines run together (`x⏎y` as `xy`);
 * ending that at the end of the definitions makes it render as CommonMark says.
 */
const definitionsEnd: HtmlExtension = {
  exit: {
    content() {
      this.setData('slurpAllLineEndings');
    },
  },
};

export function render(md: string): string {
  return alertsAsGitHub(
    micromark(md, {
      extensions: [gfm(), frontmatter(['yaml'])],
      htmlExtensions: [gfmHtml(), frontmatterHtml(['yaml']), definitionsEnd],
      allowDangerousHtml: true,
      allowDangerousProtocol: true,
    }),
  );
}

/**
 * GitHub renders a quote whose first line is only `[!NOTE]` (TIP, IMPORTANT, WARNING, CAUTION) as an
 * alert, whether a blank quote line follows the marker or not (Electron's docs write it with one);
 * micromark, which has no alerts, makes the marker a paragraph of its own in the one case and the
 * start of the first paragraph in the other. Both become the alert here, as on GitHub; so does a marker
 * ending in a hard line break (`> [!NOTE]␣␣` or `> [!NOTE]\`, as openai-python's README writes it), which
 * GitHub reads as the same alert.
 */
function alertsAsGitHub(html: string): string {
  return html.replace(
    /<blockquote>\n<p>\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\](<\/p>\n|(?:<br \/>)?\n)/gi,
    (_, kind: string, end: string) =>
      `<blockquote data-alert="${kind.toUpperCase()}">\n${end.endsWith('</p>\n') ? '' : '<p>'}`,
  );
}

/**
 * Whitespace between tags and at line ends does not change what a reader sees; nor does how a void
 * element is spelled (`<br>`, `<br/>` and `<br />` parse to the same element).
 */
export function normalizeHtml(html: string): string {
  return html
    .replace(/<(br|hr|img)\b((?:\s+[^\s/>=]+(?:=(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/gi, '<$1$2 />')
    .replace(/>\s+</g, '><')
    .replace(/\s+/g, ' ')
    .replace(/ ?<br \/> ?/g, '<br />')
    .trim();
}

const escapeText = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string): string => escapeText(s).replace(/"/g, '&quot;');

/**
 * The HTML as the browser's DOM holds it: parsed (htmlparser2, HTML mode), then written again with each
 * element's attributes sorted by name and every attribute value and text decoded and escaped one way.
 * `<img src="a?x=1&y=2" width="6" alt="A">` and `<img alt="A" src="a?x=1&amp;y=2" width="6">` are the same
 * element: the order of attributes and how a character is spelled (`&amp;` or `&`) are not part of what
 * a reader sees or a screen reader reads. What an attribute is (an `alt` missing or empty) and where an
 * element sits (an `<img>` in a `<p>` or not) still count.
 */
export function domHtml(html: string): string {
  let out = '';
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const attrs = Object.keys(attribs)
          .sort()
          .map((k) => ` ${k}="${escapeAttr(attribs[k]!)}"`)
          .join('');
        out += `<${name}${attrs}>`;
      },
      ontext(text) {
        out += escapeText(text);
      },
      onclosetag(name, implied) {
        if (!VOID.has(name) || !implied) out += `</${name}>`;
      },
      oncomment(data) {
        out += `<!--${data}-->`;
      },
      onprocessinginstruction(_name, data) {
        out += `<${data}>`;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false },
  );
  parser.write(html);
  parser.end();
  return out;
}

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

/** The "same rendered meaning": the same DOM once whitespace between tags is set aside. */
export function sameMeaning(a: string, b: string): boolean {
  return normalizeHtml(domHtml(render(a))) === normalizeHtml(domHtml(render(b)));
}

export interface TripResult {
  md1: string;
  fixpoint: boolean;
  /** The same DOM (sameMeaning): the figure issue 12 sets its target on. */
  sameHtml: boolean;
  /** The same HTML string once whitespace is normalised: attribute order and entity spelling count too. */
  sameHtmlStrict: boolean;
  wellFormed: boolean;
}

export function trip(md: string): TripResult {
  const first = toStorage(md);
  const s = first.storage;
  const md1 = toMarkdown(s, {}, { frontmatter: first.frontmatter });
  const second = toStorage(md1);
  const s1 = second.storage;
  const md2 = toMarkdown(s1, {}, { frontmatter: second.frontmatter });
  return {
    md1,
    fixpoint: md2 === md1,
    sameHtml: sameMeaning(md, md1),
    sameHtmlStrict: normalizeHtml(render(md)) === normalizeHtml(render(md1)),
    wellFormed: checkStorageXml(s) === null && checkStorageXml(s1) === null,
  };
}
