/** Shared by the CommonMark/GFM fixpoint test and its allow-list tooling. */
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
 * start of the first paragraph in the other. Both become the alert here, as on GitHub.
 */
function alertsAsGitHub(html: string): string {
  return html.replace(
    /<blockquote>\n<p>\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\](<\/p>\n|\n)/gi,
    (_, kind: string, end: string) =>
      `<blockquote data-alert="${kind.toUpperCase()}">\n${end === '\n' ? '<p>' : ''}`,
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

export interface TripResult {
  md1: string;
  fixpoint: boolean;
  sameHtml: boolean;
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
    sameHtml: normalizeHtml(render(md)) === normalizeHtml(render(md1)),
    wellFormed: checkStorageXml(s) === null && checkStorageXml(s1) === null,
  };
}
