/**
 * Large pages of one shape each, at any size: the documents that made the Markdown parser quadratic
 * (long lists, many block quotes, many table rows) and plain prose. The same section repeats with a
 * running number until the page reaches the asked size, so 1 MB is ten 100 KB pages' worth of the
 * same constructs. Used by the bench's converter goals and by the linearity guard in `npm test`.
 */

export type PageShape = 'list' | 'quote' | 'table' | 'plain';

export const PAGE_SHAPES: readonly PageShape[] = ['list', 'quote', 'table', 'plain'];

/** A release-notes / changelog page: a heading, then one long list with nested items and tasks. */
function listSection(n: number): string {
  const items: string[] = [`## Release 1.${n}.0`, ''];
  for (let i = 0; i < 12; i++) {
    items.push(
      `- Added \`option${n}_${i}\` to the [API](https://example.com/api/${n}#${i}) for **batch** runs`,
    );
    if (i % 3 === 0)
      items.push(`  - nested detail ${i} with *emphasis*`, `    1. step one`, `    2. step two`);
    if (i % 4 === 1) items.push(`- [ ] follow-up task ${n}.${i}`);
  }
  return `${items.join('\n')}\n\n`;
}

/** A review / discussion page: quoted paragraphs, nested quotes and alerts between short replies. */
function quoteSection(n: number): string {
  return [
    `### Thread ${n}`,
    '',
    `> **Reviewer ${n}** wrote: the \`retry\` setting should default to five, see [the guide](https://example.com/${n}).`,
    '> It also needs a test.',
    '>',
    `> > Original proposal ${n}: keep it at three.`,
    '',
    'Agreed, changed in the next revision.',
    '',
    '> [!NOTE]',
    `> Decision ${n} recorded.`,
    '',
    `> A lazy quote line ${n}`,
    'continues here without a marker.',
    '',
  ].join('\n');
}

/** An API reference page: a heading, a short paragraph and a table of parameters. */
function tableSection(n: number): string {
  const rows = ['| Parameter | Type | Default | Meaning |', '| :--- | :---: | ---: | --- |'];
  for (let i = 0; i < 15; i++) {
    rows.push(
      `| \`param${n}_${i}\` | string | \`${i}\` | How the [call](https://example.com/${n}) treats **${i}** \\| more |`,
    );
  }
  return `## Endpoint ${n}\n\nParameters of endpoint ${n}:\n\n${rows.join('\n')}\n\n`;
}

function plainSection(n: number): string {
  return [
    `## Section ${n}`,
    '',
    `This paragraph describes part ${n} of the system with **bold** and *emphasised* words, \`inline code\``,
    `and a [link](https://example.com/${n}); it wraps onto a second line like prose in a docs folder does.`,
    '',
    `A second paragraph for part ${n}, shorter.`,
    '',
  ].join('\n');
}

const SECTIONS: Record<PageShape, (n: number) => string> = {
  list: listSection,
  quote: quoteSection,
  table: tableSection,
  plain: plainSection,
};

/** A Markdown page of `shape` with at least `bytes` bytes (UTF-8; the content is ASCII). */
export function shapedMarkdown(shape: PageShape, bytes: number): string {
  const parts = [`# A ${shape}-heavy page\n\n`];
  let size = parts[0]!.length;
  for (let n = 1; size < bytes; n++) {
    const section = SECTIONS[shape](n);
    parts.push(section);
    size += section.length;
  }
  return parts.join('');
}
