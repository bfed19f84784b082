/**
 * parseMarkdown skips GFM's autolink-literal transform (four walks of the whole tree) when no text
 * node holds `@`, `www.` or `http(s)://` (md-escapes.ts LITERAL_START). Exact only while that is the
 * one transform GFM has and it cannot change a text without those: both are checked here against the
 * library itself, on random texts full of the characters its patterns look for.
 */
import fc from 'fast-check';
import type { Root } from 'mdast';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { describe, expect, it } from 'vitest';
import { LITERAL_START } from '../../../src/convert/md-escapes.js';
import { parseMarkdown } from '../../../src/convert/md.js';

const transforms = gfmFromMarkdown().flatMap((e) => e.transforms ?? []);

const piece = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...'wWhHtTpPsSxXmMaAiIlLoO.@:/-_+019 \n\t()<>*~'.split('')) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'www',
      'WwW',
      'http',
      'HTTPS',
      'http:',
      'hTtPs:',
      'www.',
      ':/',
      '//',
      'mailto:',
      'xmpp:',
      'example.com',
      'http://a.b',
      'HTTP://example.com/x',
      'https://a.b',
      'www.x.org',
      'WWW.x.org',
      'a@b.org',
      'mailto:a@b.co',
      'xmpp:a@b.co/r',
      'http:/a.b',
      'htp://a.b',
      'ww.x.org',
      'http//a.b',
      'www_x.org',
      'a.b',
      'user',
      '\uE000',
    ),
  },
);
const text = fc.array(piece, { maxLength: 16 }).map((p) => p.join(''));

function paragraph(values: string[]): Root {
  return {
    type: 'root',
    children: [
      {
        type: 'paragraph',
        children: values.flatMap((value, i) => [
          { type: 'text' as const, value },
          ...(i < values.length - 1
            ? [{ type: 'strong' as const, children: [{ type: 'text' as const, value }] }]
            : []),
        ]),
      },
    ],
  };
}

describe('skipping the autolink-literal transform', () => {
  it('GFM has exactly one from-Markdown transform, the autolink literals', () => {
    expect(transforms.map((t) => t.name)).toEqual(['transformGfmAutolinkLiterals']);
  });

  it('the transform leaves a tree alone when no text matches LITERAL_START, and does link some that do', () => {
    let linked = 0;
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), (values) => {
        const tree = paragraph(values);
        const before = structuredClone(tree);
        const after = transforms[0]!(tree) ?? tree;
        if (!values.some((v) => LITERAL_START.test(v))) expect(after).toEqual(before);
        else if (JSON.stringify(after) !== JSON.stringify(before)) linked++;
      }),
      { numRuns: 3000 },
    );
    expect(linked).toBeGreaterThan(10);
  });

  it('still links bare URLs and addresses in any case', () => {
    const urls = (md: string): string[] => {
      const out: string[] = [];
      const walk = (n: { type: string; url?: string; children?: unknown[] }): void => {
        if (n.type === 'link') out.push(n.url!);
        for (const c of (n.children ?? []) as (typeof n)[]) walk(c);
      };
      walk(parseMarkdown(md) as never);
      return out;
    };
    expect(urls('see WWW.Example.com, HTTPS://x.org/a and a@b.org\n')).toEqual([
      'http://WWW.Example.com',
      'HTTPS://x.org/a',
      'mailto:a@b.org',
    ]);
    expect(urls('- [a link](https://example.com) and `www.x.org` only\n')).toEqual(['https://example.com']);
  });
});
