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
import { assertStorageDepth } from '../limits.js';
import { HARD_BLOCK_ELEMENTS } from './kinds.js';
import { TreeBuilder } from './dom.js';
import { type AnyNode, isElement, parseWith } from './parse.js';

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
  const tracker = new CutTracker();
  const parser = new Parser(
    {
      onopentag: (name) => {
        if (tracker.open(name)) cuts.push(parser.startIndex);
      },
      onclosetag: (name, implied) => tracker.close(name, implied),
      ontext: (text) => tracker.text(text),
      oncomment: () => tracker.other(),
      oncdatastart: () => tracker.other(),
      onprocessinginstruction: () => tracker.other(),
    },
    { xmlMode: true, decodeEntities: false, recognizeSelfClosing: true },
  );
  parser.end(storage);
  return tracker.regular() ? cuts : null;
}

/**
 * The pieces `storageChunks` cuts a body into, parsed as `parseStorage` parses each (nodes and
 * offsets the same, offsets counted in the whole body) in one pass over the body: `onPiece` gets each
 * piece when the next one starts. False when the body's tags do not close in order (found out while
 * parsing, or at the end): then the body is not cut, and the pieces given so far are not its pieces.
 */
export function parsePieces(
  storage: string,
  size: number,
  onPiece: (nodes: AnyNode[], start: number, end: number) => void,
): boolean {
  const handler = new PieceHandler(size, onPiece);
  try {
    parseWith(storage, handler);
  } catch (error) {
    if (error === IRREGULAR) return false;
    throw error;
  }
  if (!handler.tracker.regular()) return false;
  handler.flush(storage.length);
  return true;
}

const IRREGULAR = new Error('tags do not close in order');

class PieceHandler extends TreeBuilder {
  readonly tracker = new CutTracker();
  private start = 0;

  constructor(
    private readonly size: number,
    private readonly onPiece: (nodes: AnyNode[], start: number, end: number) => void,
  ) {
    super();
  }

  override onopentag(name: string, attribs: Record<string, string>): void {
    const at = this.position.startIndex ?? 0;
    if (this.tracker.open(name) && at - this.start >= this.size) this.flush(at);
    super.onopentag(name, attribs);
  }

  override onclosetag(name: string, implied: boolean): void {
    if (!this.tracker.close(name, implied)) throw IRREGULAR;
    super.onclosetag(name, implied);
  }

  override ontext(data: string): void {
    this.tracker.text(data);
    super.ontext(data);
  }

  override oncomment(data: string): void {
    this.tracker.other();
    super.oncomment(data);
  }

  override oncdatastart(): void {
    this.tracker.other();
    super.oncdatastart();
  }

  override onprocessinginstruction(name: string, data: string): void {
    this.tracker.other();
    super.onprocessinginstruction(name, data);
  }

  /** The top-level nodes so far as a piece ending at `end`; the next piece starts there. */
  flush(end: number): void {
    const nodes = this.root.children;
    this.root.children = [];
    assertStorageDepth(nodes);
    this.onPiece(nodes, this.start, end);
    this.start = end;
  }
}

/** Where a body may be cut, told its parser's events in order. */
class CutTracker {
  private readonly stack: string[] = [];
  /** The previous top-level node is a cuttable element (closed by its own end tag or self-closing). */
  private afterCuttable = false;
  private opened: string | null = null;
  private irregular = false;

  /** An element opens; true when the body may be cut just before it. */
  open(name: string): boolean {
    let cut = false;
    if (this.stack.length === 0) {
      cut = this.afterCuttable && HARD_BLOCK_ELEMENTS.has(name);
      this.afterCuttable = false;
    }
    this.stack.push(name);
    this.opened = name;
    return cut;
  }

  /** An element closes; false when it is not the one open last (or is closed by another's end tag). */
  close(name: string, implied: boolean): boolean {
    const selfClosing = implied && this.opened === name;
    this.opened = null;
    if ((implied && !selfClosing) || this.stack.pop() !== name) this.irregular = true;
    if (this.stack.length === 0) this.afterCuttable = HARD_BLOCK_ELEMENTS.has(name);
    return !this.irregular;
  }

  text(text: string): void {
    this.opened = null;
    if (this.stack.length === 0 && !/^[ \t\r\n]*$/.test(text)) this.afterCuttable = false;
  }

  /** A comment, CDATA section or processing instruction. */
  other(): void {
    this.opened = null;
    if (this.stack.length === 0) this.afterCuttable = false;
  }

  /** Every tag so far closed in order (at the end of the body: and none is left open). */
  regular(): boolean {
    return !this.irregular && this.stack.length === 0;
  }
}
