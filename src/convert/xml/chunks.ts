/**
 * A large body read in pieces: the parsed tree of storage costs ~16 times its text, so a 5 MB page
 * parsed whole needs ~80 MB for the tree alone (and more than once: presentation is stripped, then
 * the result read). The body is cut between top-level blocks instead, and each piece is stripped,
 * parsed and read on its own, so only one piece's tree is alive at a time.
 *
 * A cut is made only where no step can tell the difference: before a top-level paragraph, heading,
 * list, table, quote, preformatted block, rule, task list or layout whose previous top-level node
 * (whitespace aside) is one of those too. Every step of stripping and reading treats such an element
 * as a block whatever its neighbours are, and treats the edge of a piece as it treats a block (inline
 * runs end there, whitespace there is dropped), so the pieces give what the whole gives. Bodies whose
 * tags do not close in order (only a body the engine would refuse as not well-formed, CS-012) are not cut.
 */
import { Parser } from 'htmlparser2';
import { HARD_BLOCK_ELEMENTS } from './kinds.js';
import { type AnyNode, isElement } from './parse.js';

/** A node a piece may end with (or start with): whether it is a block does not depend on its neighbours. */
export function isCuttable(node: AnyNode): boolean {
  return isElement(node) && HARD_BLOCK_ELEMENTS.has(node.name);
}

/** Source offsets of a piece's nodes made offsets in the text the piece was cut from. */
export function shiftOffsets(nodes: AnyNode[], by: number): void {
  if (by === 0) return;
  const stack = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.startIndex !== null) node.startIndex += by;
    if (node.endIndex !== null) node.endIndex += by;
    if ('children' in node) for (const child of node.children) stack.push(child);
  }
}

/**
 * Bodies of less than eight pieces are read whole; larger ones in pieces of about this size. Small
 * pieces keep each tree short-lived: a tree that outlives the young generation's collections is
 * copied to the old one and stays there, garbage, until a full collection (a 5 MB first pull peaked
 * ~100 MB higher with 64 KB pieces than with 8 KB ones, and took 50 % more CPU).
 */
export const CHUNK_BYTES = 8 * 1024;

/** The body as consecutive pieces (their concatenation is the body); one piece when it cannot or need not be cut. */
export function storageChunks(storage: string, size = CHUNK_BYTES): string[] {
  if (storage.length < 8 * size) return [storage];
  const cuts = cutPoints(storage);
  if (cuts === null) return [storage];
  const out: string[] = [];
  let start = 0;
  for (const cut of cuts) {
    if (cut - start < size) continue;
    out.push(storage.slice(start, cut));
    start = cut;
  }
  out.push(storage.slice(start));
  return out;
}

/** Offsets a body may be cut at, in order; null when its tags do not close in order. */
function cutPoints(storage: string): number[] | null {
  const cuts: number[] = [];
  const stack: string[] = [];
  /** The previous top-level node is a cuttable element (closed by its own end tag or self-closing). */
  let afterCuttable = false;
  let opened: string | null = null;
  let irregular = false;
  const parser = new Parser(
    {
      onopentag(name) {
        if (stack.length === 0) {
          if (afterCuttable && HARD_BLOCK_ELEMENTS.has(name)) cuts.push(parser.startIndex);
          afterCuttable = false;
        }
        stack.push(name);
        opened = name;
      },
      onclosetag(name, implied) {
        const selfClosing = implied && opened === name;
        opened = null;
        if ((implied && !selfClosing) || stack.pop() !== name) irregular = true;
        if (stack.length === 0) afterCuttable = HARD_BLOCK_ELEMENTS.has(name);
      },
      ontext(text) {
        opened = null;
        if (stack.length === 0 && !/^[ \t\r\n]*$/.test(text)) afterCuttable = false;
      },
      oncomment() {
        opened = null;
        if (stack.length === 0) afterCuttable = false;
      },
      oncdatastart() {
        opened = null;
        if (stack.length === 0) afterCuttable = false;
      },
      onprocessinginstruction() {
        opened = null;
        if (stack.length === 0) afterCuttable = false;
      },
    },
    { xmlMode: true, decodeEntities: false, recognizeSelfClosing: true },
  );
  parser.end(storage);
  return irregular || stack.length > 0 ? null : cuts;
}
