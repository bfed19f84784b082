/**
 * The carried pieces of a page layout, written as a line of words instead of their XML:
 *
 *   `layout section:two_equal cell`        ⇔ `<ac:layout><ac:layout-section ac:type="two_equal"><ac:layout-cell>`
 *   `/cell cell`                           ⇔ `</ac:layout-cell><ac:layout-cell>` (the next column)
 *   `/cell /section section:single cell`   ⇔ the next section
 *   `/cell /section /layout`               ⇔ the end of the layout
 *   `cell:empty`                           ⇔ `<ac:layout-cell/>` (a column left empty)
 *   `div.columnLayout.twoColumns`, `/div`  ⇔ `<div class="columnLayout twoColumns">`, `</div>` (the page layouts of
 *                                            Confluence 4 and 5, made of classed divs; `div.footer:empty` ⇔ `<div class="footer"/>`)
 *
 * Markdown has no columns: the layout stays Confluence's (the cells' content between the lines is Markdown).
 * Like a macro line (macro-line.ts), it is only a spelling of the carry-through payload: a payload is
 * written this way only when the line expands back to exactly the same characters.
 */

const WORDS: Record<string, string> = {
  layout: '<ac:layout>',
  '/layout': '</ac:layout>',
  '/div': '</div>',
  '/section': '</ac:layout-section>',
  cell: '<ac:layout-cell>',
  '/cell': '</ac:layout-cell>',
  'cell:empty': '<ac:layout-cell/>',
};
const SECTION = /^section:([A-Za-z0-9_-]+)$/;
const DIV = /^div((?:\.[A-Za-z0-9_-]+)+)(:empty)?$/;
const TAGS: Record<string, string> = Object.fromEntries(Object.entries(WORDS).map(([w, t]) => [t, w]));
const TAG =
  /^(?:<\/?ac:layout(?:-cell|-section)?\/?>|<\/div>|<ac:layout-section ac:type="([A-Za-z0-9_-]+)">|<div class="([A-Za-z0-9_-]+(?: [A-Za-z0-9_-]+)*)"(\/?)>)/;

/** The XML a layout line stands for, or null when the text is not one. */
export function expandLayoutLine(text: string): string | null {
  if (!/^\S+(?: \S+)*$/.test(text)) return null;
  let xml = '';
  for (const word of text.split(' ')) {
    const section = SECTION.exec(word);
    const div = DIV.exec(word);
    const tag = section
      ? `<ac:layout-section ac:type="${section[1]}">`
      : div
        ? `<div class="${div[1]!.slice(1).replace(/\./g, ' ')}"${div[2] ? '/' : ''}>`
        : WORDS[word];
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
    const word =
      m[1] !== undefined
        ? `section:${m[1]}`
        : m[2] !== undefined
          ? `div.${m[2].replace(/ /g, '.')}${m[3] ? ':empty' : ''}`
          : TAGS[m[0]];
    if (word === undefined) return null;
    words.push(word);
    rest = rest.slice(m[0].length);
  }
  const line = words.join(' ');
  return words.length > 0 && expandLayoutLine(line) === xml ? line : null;
}

/** Text a reader would take for a layout line (carried text that does never travels as plain text). */
export function looksLikeLayoutLine(text: string): boolean {
  return /^(?:layout|\/layout|\/section|cell|\/cell|cell:\S*|section:\S*|\/div|div\.\S*)(?: |$)/.test(text);
}
