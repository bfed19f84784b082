/**
 * The fast phrasing path (md-phrasing.ts) writes what the library's `containerPhrasing` writes, byte for
 * byte: random paragraphs, headings, list items, quotes and table cells made mostly of what the fast
 * path takes (text, emphasis and strong around one text, inline code, links), with the edges that
 * decide whether it may (letters, spaces, punctuation, markers, astral characters next to attention)
 * and some of what sends it to the library (nested attention, breaks, strikethrough). The fast
 * `containerFlow` (md-flow.ts) likewise, on blocks in tight and loose list items and quotes, where
 * the join rules between blocks decide the most. The fast inline code and headings (md-inline-code.ts,
 * md-heading.ts) are part of the fast set-up: code values hold backticks, pipes, line endings and edge
 * spaces, in table cells too; headings hold line endings, breaks, nested marks and leading spaces.
 */
import fc from 'fast-check';
import type { PhrasingContent, Root, RootContent } from 'mdast';
import { toMarkdown as serialize } from 'mdast-util-to-markdown';
import { describe, expect, it } from 'vitest';
import { constructs } from '../../src/convert/constructs/index.js';
import { markdownOptions, stringifyMarkdown } from '../../src/convert/md.js';

const handlers = Object.assign({}, ...constructs.map((c) => c.markdown ?? {}));
const library = markdownOptions(handlers, false);

const seed = process.env.CI ? 20261126 : Date.now() % 2 ** 31;

const piece = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('a', 'Z', '7', 'word', ' ', ' ', 'and more') },
  { weight: 3, arbitrary: fc.constantFrom(...'.,;:()!?-/"\'#'.split('')) },
  { weight: 2, arbitrary: fc.constantFrom(...'*_~`[]<>&\\|'.split('')) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('\n', '\t', '\u00a0', 'é', '😀', ':smile:', 'www.x', '1.', '# ', '- '),
  },
);
const text = fc.array(piece, { minLength: 0, maxLength: 5 }).map((p) => p.join(''));
const textNode = text.map((value) => ({ type: 'text' as const, value }));

const plainInline: fc.Arbitrary<PhrasingContent> = fc.oneof(
  { weight: 6, arbitrary: textNode },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom('emphasis' as const, 'strong' as const), textNode)
      .map(([type, child]) => ({ type, children: [child] })),
  },
  { weight: 1, arbitrary: text.map((value) => ({ type: 'inlineCode' as const, value: value || 'x' })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.array(textNode, { minLength: 1, maxLength: 2 }),
        fc.constantFrom('https://e.com/a', 'a b', ''),
      )
      .map(([children, url]) => ({ type: 'link' as const, url, title: null, children })),
  },
);
/** What the fast path leaves to the library. */
const otherInline: fc.Arbitrary<PhrasingContent> = fc.oneof(
  fc.constant({ type: 'break' as const }),
  fc
    .array(plainInline, { minLength: 1, maxLength: 2 })
    .map((children) => ({ type: 'delete' as const, children })),
  fc
    .array(plainInline, { minLength: 2, maxLength: 2 })
    .map((children) => ({ type: 'strong' as const, children })),
);
const inline = fc.oneof({ weight: 12, arbitrary: plainInline }, { weight: 1, arbitrary: otherInline });
const line = fc.array(inline, { minLength: 1, maxLength: 7 });

const block: fc.Arbitrary<RootContent> = fc.oneof(
  { weight: 5, arbitrary: line.map((children) => ({ type: 'paragraph' as const, children })) },
  {
    weight: 1,
    arbitrary: line.map((children) => ({ type: 'heading' as const, depth: 2 as const, children })),
  },
  {
    weight: 1,
    arbitrary: line.map((children) => ({
      type: 'list' as const,
      ordered: false,
      spread: false,
      children: [
        { type: 'listItem' as const, spread: false, children: [{ type: 'paragraph' as const, children }] },
      ],
    })),
  },
  {
    weight: 1,
    arbitrary: line.map((children) => ({
      type: 'blockquote' as const,
      children: [{ type: 'paragraph' as const, children }],
    })),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(line, line).map(([a, b]) => ({
      type: 'table' as const,
      align: [null, null],
      children: [
        {
          type: 'tableRow' as const,
          children: [
            { type: 'tableCell' as const, children: a },
            { type: 'tableCell' as const, children: b },
          ],
        },
      ],
    })),
  },
);

/** Blocks in list items (tight or loose) and quotes: where the join rules between blocks decide the most. */
const leaf: fc.Arbitrary<RootContent> = fc.oneof(
  block,
  fc.constant({ type: 'thematicBreak' as const }),
  fc.constantFrom('<div>', '<!-- c -->', '<b>x</b>').map((value) => ({ type: 'html' as const, value })),
  fc.constant({ type: 'code' as const, lang: null, meta: null, value: 'x' }),
);
const item = fc
  .tuple(fc.boolean(), fc.array(leaf, { minLength: 1, maxLength: 4 }))
  .map(([spread, children]) => ({ type: 'listItem' as const, spread, children }));
const flow: fc.Arbitrary<RootContent> = fc.oneof(
  leaf,
  fc
    .tuple(fc.boolean(), fc.boolean(), fc.array(item, { minLength: 1, maxLength: 3 }))
    .map(([ordered, spread, children]) => ({ type: 'list' as const, ordered, spread, children })),
  fc
    .array(leaf, { minLength: 1, maxLength: 3 })
    .map((children) => ({ type: 'blockquote' as const, children })),
) as fc.Arbitrary<RootContent>;

function both(root: Root): { fast: string; slow: string } | { error: string } {
  let slow: string;
  try {
    slow = serialize(structuredClone(root), library);
  } catch (error) {
    return { error: (error as Error).message };
  }
  return { fast: stringifyMarkdown(structuredClone(root), handlers), slow };
}

/** Random roots of `children` are written by the fast set-up exactly as by the library's (or fail alike). */
function writesAsTheLibrary(children: fc.Arbitrary<Root['children']>, numRuns: number, label: string): void {
  try {
    fc.assert(
      fc.property(children, (nodes) => {
        const root: Root = { type: 'root', children: nodes };
        const out = both(root);
        if ('error' in out)
          expect(() => stringifyMarkdown(structuredClone(root), handlers)).toThrow(out.error);
        else expect(out.fast).toBe(out.slow);
      }),
      { numRuns, seed },
    );
  } catch (error) {
    console.error(`${label}: seed ${seed}`);
    throw error;
  }
}

describe('fast phrasing', () => {
  it('writes what the library writes, byte for byte, on random trees', () => {
    writesAsTheLibrary(fc.array(block, { minLength: 1, maxLength: 4 }), 3000, 'fast phrasing');
  });

  it('joins blocks as the library does, in lists, items and quotes', () => {
    writesAsTheLibrary(fc.array(flow, { minLength: 1, maxLength: 5 }), 1000, 'flow joins');
  });

  it('meets the edges that make the library encode or change sequences (the comparison is not trivial)', () => {
    const p = (...children: PhrasingContent[]): Root => ({
      type: 'root',
      children: [{ type: 'paragraph', children }],
    });
    const t = (value: string): PhrasingContent => ({ type: 'text', value });
    const em = (value: string): PhrasingContent => ({ type: 'emphasis', children: [t(value)] });
    const strong = (value: string): PhrasingContent => ({ type: 'strong', children: [t(value)] });
    // outputs where the library encodes a neighbour, picks another marker or does nothing special
    const cases: [Root, string][] = [
      [p(t('a '), strong('b'), t(' c')), 'a **b** c\n'],
      [p(t('a'), em(' b'), t('c')), '&#x61;*&#x20;b*c\n'],
      [p(t('a '), strong('b'), em('c'), t(' d')), 'a **b**_c_ d\n'],
      [p(t('x'), em('!'), t('y')), '&#x78;*!*&#x79;\n'],
      [p(t('a_'), em('b'), t(' c')), 'a\\_*b* c\n'],
    ];
    for (const [root, expected] of cases) {
      expect(serialize(structuredClone(root), library)).toBe(expected);
      expect(stringifyMarkdown(structuredClone(root), handlers)).toBe(expected);
    }
  });
});
