/**
 * The one sanitiser for text that did not come from us (page titles, file names, Confluence error
 * messages, config values) on its way into a job summary, a PR comment, a PR body or a log line.
 * Nothing a title or file name holds may end a table row, open an HTML comment or tag, start a code
 * span, ping a person or team, or start a workflow command (`::error::…`) in the log.
 *
 * - `mdCell`: inside a GFM table cell (also fine anywhere inline).
 * - `mdInline`: Markdown text outside tables (headings, list items, `<summary>`).
 * - `mdCode`: the inside of a code span (`` `…` ``), e.g. a file path.
 * - `logLine`: a `core.info`/`core.warning` line: one line, no controls.
 * - `safeUrl`: an http(s) URL usable as a Markdown link target, or undefined.
 */

/** C0 controls (except none), DEL, C1 controls. */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
/** Line and paragraph separators, and the bidi embeddings/overrides/isolates ("Trojan source"). */
const INVISIBLE_BREAKERS = /[\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff]/g;
const ZWSP = '\u200b';

/** A control character shown as its Unicode "control picture" (␊ for a newline), so readers see it is there. */
function picture(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return '\ufffd';
}

/** Controls and separators made visible; everything else untouched. */
export function visibleControls(text: string): string {
  return text.replace(CONTROLS, picture).replace(INVISIBLE_BREAKERS, '\ufffd');
}

/**
 * `@name` and `@org/team` no longer mention anyone (a zero-width space after the @), and URLs in a
 * title are not turned into links by GitHub's autolinker (a zero-width space inside `://` and after `www`).
 */
function noMentions(text: string): string {
  return text
    .replace(/@(?=[A-Za-z0-9_-])/g, `@${ZWSP}`)
    .replace(/:\/\//g, `:/${ZWSP}/`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZWSP}.`);
}

/** Markdown outside a table: specials backslash-escaped, `<` and `&` as entities, no mentions. */
export function mdInline(text: string): string {
  return noMentions(
    visibleControls(text)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/([\\`*_[\]|~!#])/g, '\\$1'),
  );
}

/** A GFM table cell: as inline text (pipes are already escaped there). */
export function mdCell(text: string): string {
  return mdInline(text);
}

/**
 * The inside of a code span in a table cell. Code spans show text literally, so only what would end
 * the span or the row matters: backticks become ', `|` is escaped (GFM splits cells before code
 * spans), controls are shown as pictures.
 */
export function mdCode(text: string): string {
  const inner = visibleControls(text).replace(/`/g, "'").replace(/\|/g, '\\|');
  return `\`${inner.startsWith(' ') || inner.endsWith(' ') ? `\u00a0${inner}\u00a0` : inner}\``;
}

/** One log line: controls shown as pictures, so a title can never start `::error::` on a line of its own. */
export function logLine(text: string): string {
  return visibleControls(text);
}

/** An http(s) URL as a Markdown link target (parentheses, spaces and `<>` percent-encoded), else undefined. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  return parsed.href.replace(
    /[()<>\s|`"']/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/** `[text](url)` with both parts made safe; plain text when the URL is not usable. */
export function mdLink(text: string, url: string | undefined): string {
  const target = safeUrl(url);
  return target ? `[${mdInline(text)}](${target})` : mdInline(text);
}

/** Text inside an HTML element (`<summary>`): entities for `& < > "`, controls shown, no mentions. */
export function htmlText(text: string): string {
  return noMentions(
    visibleControls(text)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;'),
  );
}
