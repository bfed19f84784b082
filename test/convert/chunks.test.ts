/**
 * A large body is stripped, read and canonicalised piece by piece (src/convert/xml/chunks.ts): the
 * result must be what the whole body gives. Every corpus body is cut at every point the cutter
 * allows (pieces of 1 byte), and a large body made of all of them is read in pieces of the default size.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tests as commonmark } from 'commonmark-spec';
import { describe, expect, it } from 'vitest';
import { toStorage } from '../../src/convert/index.js';
import { readStorage } from '../../src/convert/to-markdown.js';
import { canonicalForm } from '../../src/convert/xml/canonical.js';
import { CHUNK_BYTES, parsePieces, shiftOffsets, storageChunks } from '../../src/convert/xml/chunks.js';
import { type AnyNode, parseStorage } from '../../src/convert/xml/parse.js';
import { corpusContext } from './corpus-context.js';
import { gfmCases } from './gfm-cases.js';
import { xmlIn } from './xml-files.js';

const here = import.meta.dirname;
const converted = (name: string, markdown: string): [string, string][] => {
  try {
    return [[name, toStorage(markdown, corpusContext).storage]];
  } catch {
    return [];
  }
};

const macro =
  '<ac:structured-macro ac:name="jira-like"><ac:parameter ac:name="key">A-1</ac:parameter></ac:structured-macro>';
const task = (id: number, text: string): string =>
  `<ac:task-list><ac:task><ac:task-id>${id}</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>${text}</ac:task-body></ac:task></ac:task-list>`;
/** Bodies where reading depends on more than one top-level block. */
const crafted: [string, string][] = [
  // an unknown macro is inline next to text, a block between blocks
  ['macro next to text', `<p>a</p>${macro}b<p>c</p>${macro}<p>d</p>`],
  ['macro next to a comment', `<p>a</p>${macro}<!--c--><p>d</p><p>e</p>`],
  ['macro before a comment', `<p>a</p>${macro}<p> </p><p>&nbsp;</p><!--c--><p>d</p>`],
  // task ids 1…n across the whole page are left out of the Markdown, any other ids are kept
  ['task ids in order', `${task(1, 'a')}<p>x</p>${task(2, 'b')}<p>y</p>${task(3, 'c')}`],
  ['task ids out of order', `${task(1, 'a')}<p>x</p>${task(3, 'b')}<p>y</p>${task(2, 'c')}`],
];

const bodies: [string, string][] = [
  ...crafted,
  ...xmlIn('real-pages'),
  ...xmlIn('fixtures'),
  ...readdirSync(join(here, 'real-docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .flatMap((f) => converted(`real-docs/${f}`, readFileSync(join(here, 'real-docs', f), 'utf8'))),
  ...gfmCases.flatMap((c) => converted(`gfm: ${c.name}`, c.markdown)),
  ...commonmark.flatMap((c) => converted(`commonmark ${c.number}`, c.markdown)),
];

/** What reading sees of a tree: kinds, names, attributes, data and source offsets. */
const shape = (nodes: AnyNode[]): unknown[] =>
  nodes.map((n) => ({
    type: n.type,
    at: [n.startIndex, n.endIndex],
    name: 'name' in n ? n.name : undefined,
    attribs: 'attribs' in n ? n.attribs : undefined,
    data: 'data' in n ? n.data : undefined,
    children: 'children' in n ? shape(n.children) : undefined,
  }));

/** The pieces as one pass parses them, or null when it finds the body cannot be cut. */
const parsedInOnePass = (storage: string, size: number): { text: string; nodes: unknown[] }[] | null => {
  const pieces: { text: string; nodes: unknown[] }[] = [];
  const cut = parsePieces(storage, size, (nodes, start, end) =>
    pieces.push({ text: storage.slice(start, end), nodes: shape(nodes) }),
  );
  return cut ? pieces : null;
};

/** The pieces cut first, then each parsed on its own, offsets counted in the whole body. */
const parsedOneByOne = (storage: string, size: number): { text: string; nodes: unknown[] }[] => {
  let at = 0;
  return storageChunks(storage, size).map((text) => {
    const nodes = parseStorage(text);
    shiftOffsets(nodes, at);
    at += text.length;
    return { text, nodes: shape(nodes) };
  });
};

const outcome = <T>(f: () => T): T | string => {
  try {
    return f();
  } catch (error) {
    return `throws ${(error as Error).message}`;
  }
};

describe('storage read in pieces', () => {
  it('cuts most corpus bodies somewhere (the comparisons below compare something)', () => {
    const cut = bodies.filter(([, s]) => storageChunks(s, 1).length > 1);
    expect(bodies.length).toBeGreaterThan(900);
    expect(cut.length).toBeGreaterThan(bodies.length / 4);
  });

  it.each(bodies)('%s: the pieces give what the whole gives', (_, storage) => {
    expect(storageChunks(storage, 1).join('')).toBe(storage);
    expect(outcome(() => readStorage(storage, corpusContext, 1))).toEqual(
      outcome(() => readStorage(storage, corpusContext, Infinity)),
    );
    expect(outcome(() => canonicalForm(storage, 1))).toBe(outcome(() => canonicalForm(storage, Infinity)));
  });

  it('parses most corpus bodies in one pass (the comparisons below compare something)', () => {
    const parsed = bodies.filter(([, s]) => outcome(() => parsedInOnePass(s, 1)) !== null);
    expect(parsed.length).toBeGreaterThan(bodies.length * 0.9);
  });

  it.each(bodies)('%s: one pass parses the pieces as parsing each piece does', (_, storage) => {
    const onePass = outcome(() => parsedInOnePass(storage, 1));
    // null: the tags do not close in order, and the body is one piece
    if (onePass === null) expect(storageChunks(storage, 1)).toHaveLength(1);
    else expect(onePass).toEqual(outcome(() => parsedOneByOne(storage, 1)));
  });

  it('reads a large body in pieces of the default size, the same as whole', () => {
    const parts = xmlIn('real-pages').map(([, s]) => s);
    const large = [...parts, ...parts, ...parts].join('');
    const pieces = storageChunks(large);
    expect(pieces.length).toBeGreaterThan(large.length / CHUNK_BYTES / 2);
    expect(pieces.join('')).toBe(large);
    expect(readStorage(large, corpusContext)).toEqual(readStorage(large, corpusContext, Infinity));
    expect(canonicalForm(large)).toBe(canonicalForm(large, Infinity));
  });

  it('cuts only between blocks that are blocks by themselves', () => {
    const body =
      '<p>a</p><ac:structured-macro ac:name="x"/><p>b</p> <h1>c</h1>text<p>d</p><!--e--><hr/><ul><li>f</li></ul>';
    expect(storageChunks(body, 1)).toEqual([
      '<p>a</p><ac:structured-macro ac:name="x"/><p>b</p> ',
      '<h1>c</h1>text<p>d</p><!--e--><hr/>',
      '<ul><li>f</li></ul>',
    ]);
  });

  it('does not cut a body whose tags do not close in order', () => {
    expect(storageChunks('<p>a</p><p>b<strong>c</p><p>d</p>', 1)).toHaveLength(1);
    expect(storageChunks('<p>a</p><p>b</p><p>c', 1)).toHaveLength(1);
    expect(storageChunks('<p>a</p><p>b</p><p>c</p>', 1)).toHaveLength(3);
    expect(parsedInOnePass('<p>a</p><p>b<strong>c</p><p>d</p>', 1)).toBeNull();
    expect(parsedInOnePass('<p>a</p><p>b</p><p>c', 1)).toBeNull();
    expect(parsedInOnePass('<p>a</p><p>b</p><p>c</p>', 1)?.map((p) => p.text)).toEqual([
      '<p>a</p>',
      '<p>b</p>',
      '<p>c</p>',
    ]);
  });
});
