/**
 * The title read (first level-1 heading, and whether the title comes from the leading heading)
 * parses only a prefix of the document; it must agree with a whole-document parse everywhere.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAGE_SHAPES, shapedMarkdown } from '../../../bench/page-shapes.js';
import { names, parsed, titleAgrees, titleOfPrefix as prefixOnly, titleOfTree } from './checks.js';
import { type MarkdownInput, gfmInputs, specInputs } from './inputs.js';

const wholeDocument = (markdown: string) => titleOfTree(parsed(markdown));

const disagreeing = (inputs: readonly MarkdownInput[]): string[] =>
  names(inputs, (input) => !titleAgrees(input.markdown));

describe('the title read on a prefix agrees with the whole document', () => {
  it('on every CommonMark spec example and GFM case', { timeout: 120_000 }, () => {
    expect(disagreeing([...specInputs(), ...gfmInputs()])).toEqual([]);
  });

  it('on the large page shapes', () => {
    const shapes = PAGE_SHAPES.map((s) => ({ name: s, markdown: shapedMarkdown(s, 5_000) }));
    expect(disagreeing(shapes)).toEqual([]);
  });

  // the fixtures and the real-page corpus: corpus.test.ts (one parse for this check and the EditMap's)

  it('finds the heading of a page (not a vacuous agreement)', () => {
    expect(prefixOnly('# Release notes\n\n- one\n')).toEqual({ heading: 'Release notes', leading: true });
    expect(prefixOnly('Intro\n\n# Later\n')).toEqual({ heading: 'Later', leading: false });
    expect(prefixOnly('```\n# not a heading\n```\n')).toEqual({ heading: undefined, leading: false });
  });

  // Lines chosen to reach across a cut: fences, HTML blocks, containers, lazy lines, setext
  // underlines, tables, definitions, front matter, empty and bracketed headings, CR line endings.
  const line = fc.constantFrom(
    '# Title',
    '#',
    '# ',
    '  # Indented title',
    '# [ref]',
    '# a[^1]',
    '# <b></b>',
    '[ref]: /url',
    '[^1]: note',
    'Title',
    'text',
    '',
    '===',
    '  ===',
    '---',
    '```',
    '~~~',
    '    # code',
    '> # quoted',
    '> quote',
    '- # item',
    '- item',
    '  continued',
    '<div>',
    '</div>',
    '<!--',
    '-->',
    '| a | b |',
    '| - | - |',
    'title: x',
    '\t# tab',
    '\uFEFF# bom',
  );
  const doc = fc
    .tuple(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'))
    .map(([lines, eol]) => lines.join(eol) + (lines.length ? eol : ''));

  it('on random documents built from lines that reach across a cut', () => {
    fc.assert(
      fc.property(doc, (markdown) => {
        expect(prefixOnly(markdown)).toEqual(wholeDocument(markdown));
      }),
      { seed: process.env.CI ? 15 : undefined, numRuns: 1000 },
    );
  });

  it('on documents opening with `# ` and a plain title (read without parsing), whatever follows', () => {
    const char = fc.constantFrom(..."aZé日0٣.,;?()'-");
    const word = fc.array(char, { minLength: 1, maxLength: 5 }).map((cs) => cs.join(''));
    const title = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(title, fc.constantFrom('', ' ', '  \t'), doc, (t, trailing, rest) => {
        const markdown = `# ${t}${trailing}${rest === '' ? '' : `\n${rest}`}`;
        expect(prefixOnly(markdown)).toEqual(wholeDocument(markdown));
        expect(prefixOnly(markdown)).toEqual({ heading: t, leading: true });
      }),
      { numRuns: 1000 },
    );
  });
});
