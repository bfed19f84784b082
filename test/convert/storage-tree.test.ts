/**
 * The storage tree (src/convert/xml/dom.ts) is the one domhandler builds from the same parser events:
 * same kinds, names, attributes, data, source offsets and links, on every corpus body and on bodies
 * that are not well-formed (the reader carries those through by their offsets).
 */
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { parseStorage } from '../../src/convert/xml/parse.js';
import { xmlIn } from './xml-files.js';

const crafted: [string, string][] = [
  [
    'comment, CDATA and processing instruction',
    '<?xml version="1.0"?><p>a<!-- b -- c -->d<![CDATA[<e>]]>f</p>',
  ],
  ['empty CDATA and comment', '<p><![CDATA[]]><!----></p>'],
  ['entities and self-closing tags', '<p>a&amp;b&nbsp;<br/>c<ac:emoticon ac:name="tick" /></p>'],
  ['attributes quoted both ways', `<a href='x"y' title="a'b" data-x=z>t</a>`],
  ['unclosed tags', '<p>a<strong>b<em>c'],
  ['stray and crossed end tags', '</div><p>a<strong>b</p>c</strong></em>d'],
  ['text only', 'just text\n  with lines'],
  ['unterminated comment and tag', '<p>a</p><!-- b <p c="d'],
];

const bodies = [...crafted, ...xmlIn('real-pages'), ...xmlIn('fixtures')];

/** Everything a reader of the tree can see, links as the offsets of the node they point to. */
interface Seen {
  type: string;
  at: [number | null, number | null];
  name?: string;
  attribs?: Record<string, string>;
  data?: string;
  links: (number | null | undefined)[];
  children?: Seen[];
}

type Node = {
  type: string;
  startIndex: number | null;
  endIndex: number | null;
  name?: string;
  attribs?: Record<string, string>;
  data?: string;
  parent: Node | null;
  prev: Node | null;
  next: Node | null;
  children?: Node[];
};

const seen = (nodes: Node[]): Seen[] =>
  nodes.map((n) => ({
    type: n.type,
    at: [n.startIndex, n.endIndex],
    name: n.name,
    attribs: n.attribs,
    data: n.data,
    links: [n.parent?.type === 'root' ? -1 : n.parent?.startIndex, n.prev?.startIndex, n.next?.startIndex],
    children: n.children && seen(n.children),
  }));

const options = {
  xmlMode: true,
  withStartIndices: true,
  withEndIndices: true,
  decodeEntities: false,
  recognizeSelfClosing: true,
};

describe('the storage tree', () => {
  it.each(bodies)('%s: is the tree domhandler builds', (_, storage) => {
    const ours = seen(parseStorage(storage) as unknown as Node[]);
    expect(ours).toEqual(seen(parseDocument(storage, options).children as unknown as Node[]));
  });
});
