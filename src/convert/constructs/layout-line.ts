/**
 * The carried pieces of a page layout, written as a line of words instead of their XML:
 *
 *   `layout section:two_equal cell`        ⇔ `<ac:layout><ac:layout-section ac:type="two_equal"><ac:layout-cell>`
 *   `/cell cell`                           ⇔ `</ac:layout-cell><ac:layout-cell>` (the next column)
 *   `/cell /section section:single cell`   ⇔ the next section
 *   `/cell /section /layout`               ⇔ the end of the layout
 *   `cell:empty`                           ⇔ `<ac:layout-cell/>` (a column left empty)
 *
 * Markdown has no columns: the layout stays Confluence's (the cells' content between the lines is Markdown).
 * Like a macro line (macro-line.ts), it is only a spelling of the carry-through payload: a payload is
 * written this way only when the line expands back to exactly the same characters.
 */

const WORDS: Record<string, string> = {
  layout: '<ac:layout>',
  '/layout': '</ac:layout>',
  '/section': '</ac:layout-section>',
  cell: '<ac:layout-cell>',
  '/cell': '</ac:layout-cell>',
  'cell:empty': '<ac:layout-cell/>',
};
const SECTION = /^section:([A-Za-z0-9_-]+)$/;
const TAGS: Record<string, string> = Object.fromEntries(Object.entries(WORDS).map(([w, t]) => [t, w]));
const TAG = /^(?:<\/?ac:layout(?:-cell|-section)?\/?>|<ac:layout-section ac:type="([A-Za-z0-9_-]+)">)/;

/** The XML a layout line stands for, or null when the text is not one. */
export function expandLayoutLine(text: string): string | null {
  if (!/^\S+(?: \S+)*$/.test(text)) return null;
  let xml = '';
  for (const word of text.split(' ')) {
    const section = SECTION.exec(word);
    const tag = section ? `<ac:layout-section ac:type="${section[1]}">` : WORDS[word];
    if (tag === undefined) return null;
    xml += tag;
  }
  return xml;
}

/** The layout line for a carried payload made only of layout tags, or null. */
export function layoutLine(xml: string): string | null {
  const words: string[] = [];
  let rest = xml;
  while (rest !== '') {
    const m = TAG.exec(rest);
    if (!m) return null;
    const word = m[1] === undefined ? TAGS[m[0]] : `section:${m[1]}`;
    if (word === undefined) return null;
    words.push(word);
    rest = rest.slice(m[0].length);
  }
  const line = words.join(' ');
  return words.length > 0 && expandLayoutLine(line) === xml ? line : null;
}

/** Text a reader would take for a layout line (carried text that does never travels as plain text). */
export function looksLikeLayoutLine(text: string): boolean {
  return /^(?:layout|\/layout|\/section|cell|\/cell|cell:\S*|section:\S*)(?: |$)/.test(text);
}
