import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkStorageXml } from './storage-xml.js';

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

const text = fc
  .string({ maxLength: 12 })
  .map((s) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/g, ''));
const name = fc.constantFrom(
  'p',
  'strong',
  'ac:structured-macro',
  'ac:parameter',
  'ri:page',
  'table',
  'td',
  'h1',
);
const attrName = fc.constantFrom('class', 'ac:name', 'ri:content-title', 'data-layout', 'style');

type Node = string | { name: string; attrs: [string, string][]; children: Node[] };

const tree = fc.letrec<{ node: Node; element: Node }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, text, tie('element')),
  element: fc.record({
    name,
    attrs: fc.uniqueArray(fc.tuple(attrName, text), { maxLength: 3, selector: ([k]) => k }),
    children: fc.array(tie('node'), { maxLength: 4 }),
  }),
})).node;

function serialise(node: Node): string {
  if (typeof node === 'string') return escapeText(node);
  const attrs = node.attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
  if (node.children.length === 0) return `<${node.name}${attrs}/>`;
  return `<${node.name}${attrs}>${node.children.map(serialise).join('')}</${node.name}>`;
}

describe('storage XML checker (properties)', () => {
  it('accepts every well-formed fragment built from escaped text, elements and attributes', () => {
    fc.assert(
      fc.property(fc.array(tree, { maxLength: 4 }), (nodes) => {
        expect(checkStorageXml(nodes.map(serialise).join(''))).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('refuses the same fragment with one close tag removed', () => {
    fc.assert(
      fc.property(fc.array(tree, { maxLength: 4 }), fc.nat(), (nodes, pick) => {
        const xml = nodes.map(serialise).join('');
        const closes = [...xml.matchAll(/<\/[^>]+>/g)];
        fc.pre(closes.length > 0);
        const victim = closes[pick % closes.length]!;
        const broken = xml.slice(0, victim.index) + xml.slice(victim.index + victim[0].length);
        expect(checkStorageXml(broken)).not.toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('refuses the same fragment with a raw & or < put into some text', () => {
    fc.assert(
      fc.property(
        fc.array(tree, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('&', '<', '& x', '&bogus;'),
        (nodes, raw) => {
          const xml = nodes.map(serialise).join('');
          expect(checkStorageXml(`${xml}<p>${raw}</p>`)).not.toBeNull();
        },
      ),
      { numRuns: 100 },
    );
  });
});
