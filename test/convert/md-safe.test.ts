/**
 * The serialiser set up once (handlers merged ahead, md.ts) with narrowed escaping (md-safe.ts) gives
 * what the library's plain set-up gives, byte for byte: random trees of text full of Markdown
 * punctuation, in every phrasing context the converter writes (paragraphs, headings, emphasis, links,
 * code, lists, quotes, tables).
 */
import fc from 'fast-check';
import type { PhrasingContent, Root, RootContent } from 'mdast';
import { toMarkdown as serialize } from 'mdast-util-to-markdown';
import { describe, expect, it } from 'vitest';
import { constructs } from '../../src/convert/constructs/index.js';
import { markdownOptions, stringifyMarkdown } from '../../src/convert/md.js';

const handlers = Object.assign({}, ...constructs.map((c) => c.markdown ?? {}));
// the library's own set-up: extensions merged on every call, every pattern tried
const full = markdownOptions(handlers, false);

const char = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...'abcXYZ019 '.split('')) },
  { weight: 4, arbitrary: fc.constantFrom(...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'.split('')) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('\n', '\r', '\t', '\u00a0', 'é', '\u0000', '\u001f', '\u007f', '😀'),
  },
  { weight: 1, arbitrary: fc.constantFrom('www.', 'http://', ':smile:', '1.', '- ', '# ', '> ', '|', '\\*') },
);
const text = fc.array(char, { minLength: 0, maxLength: 12 }).map((c) => c.join(''));

const phrasing: fc.Arbitrary<PhrasingContent> = fc.letrec<{ node: PhrasingContent }>((tie) => ({
  node: fc.oneof(
    { weight: 6, arbitrary: text.map((value) => ({ type: 'text' as const, value })) },
    { weight: 1, arbitrary: text.map((value) => ({ type: 'inlineCode' as const, value: value || 'x' })) },
    { weight: 1, arbitrary: fc.constant({ type: 'break' as const }) },
    {
      weight: 1,
      arbitrary: fc.array(tie('node'), { minLength: 1, maxLength: 3 }).chain((children) =>
        fc.constantFrom('emphasis' as const, 'strong' as const, 'delete' as const).map((type) => ({
          type,
          children,
        })),
      ) as fc.Arbitrary<PhrasingContent>,
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.array(tie('node'), { minLength: 1, maxLength: 2 }), text, fc.option(text))
        .map(([children, url, title]) => ({
          type: 'link' as const,
          url,
          title,
          children,
        })) as fc.Arbitrary<PhrasingContent>,
    },
  ),
})).node;

const line = fc.array(phrasing, { minLength: 1, maxLength: 6 });
const block: fc.Arbitrary<RootContent> = fc.oneof(
  { weight: 4, arbitrary: line.map((children) => ({ type: 'paragraph' as const, children })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 6 }), line)
      .map(([depth, children]) => ({ type: 'heading' as const, depth: depth as 1, children })),
  },
  {
    weight: 1,
    arbitrary: fc.array(line, { minLength: 1, maxLength: 3 }).map((items) => ({
      type: 'list' as const,
      ordered: items.length === 2,
      spread: false,
      children: items.map((children) => ({
        type: 'listItem' as const,
        spread: false,
        children: [{ type: 'paragraph' as const, children }],
      })),
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
    arbitrary: fc
      .array(fc.array(line, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 3 })
      .map((rows) => ({
        type: 'table' as const,
        align: [null, null],
        children: rows.map((cells) => ({
          type: 'tableRow' as const,
          children: cells.map((children) => ({ type: 'tableCell' as const, children })),
        })),
      })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(text, fc.option(text), text)
      .map(([lang, meta, value]) => ({ type: 'code' as const, lang: lang || null, meta, value })),
  },
);

describe('narrowed escaping', () => {
  it('writes what the full escaping writes, byte for byte', () => {
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 5 }), (children) => {
        const root: Root = { type: 'root', children };
        let expected: string;
        try {
          expected = serialize(structuredClone(root), full);
        } catch (error) {
          expect(() => stringifyMarkdown(structuredClone(root), handlers)).toThrow((error as Error).message);
          return;
        }
        expect(stringifyMarkdown(structuredClone(root), handlers)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('escapes what needs escaping (the comparison above is not between two no-ops)', () => {
    const root: Root = {
      type: 'root',
      children: [{ type: 'paragraph', children: [{ type: 'text', value: '*a* [b](c) # d\n- e' }] }],
    };
    expect(stringifyMarkdown(root, handlers)).toBe('\\*a\\* \\[b]\\(c) # d\n\\- e\n');
  });
});
