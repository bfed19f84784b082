/**
 * A storage body cut into its top-level blocks, each with the exact bytes it was written with and the
 * whitespace before it, so that a block nobody touched can be put back byte for byte.
 */
import { isBlockAt } from '../xml/kinds.js';
import { type AnyNode, isBlank, parseStorage } from '../xml/parse.js';

export interface Segment {
  /** Whitespace-only text between the previous block and this one. */
  glue: string;
  /** The block's exact source: one block element, a comment, or a run of inline content. */
  source: string;
}

export interface Segmented {
  segments: Segment[];
  /** Whitespace after the last block. */
  tail: string;
}

/**
 * The same cut the converter makes when it reads a body (src/convert/to-markdown.ts): a block element
 * (or comment) stands alone, consecutive inline nodes form one block.
 */
export function segmentStorage(storage: string): Segmented {
  const nodes = parseStorage(storage);
  const segments: Segment[] = [];
  let cursor = 0;
  const slice = (from: number, to: number): string => storage.slice(from, to);
  const push = (first: AnyNode, last: AnyNode): void => {
    const start = first.startIndex ?? cursor;
    const end = (last.endIndex ?? start - 1) + 1;
    segments.push({ glue: slice(cursor, start), source: slice(start, end) });
    cursor = end;
  };
  let run: AnyNode[] = [];
  const flush = (): void => {
    const first = run.find((n) => !isBlank(n));
    const last = [...run].reverse().find((n) => !isBlank(n));
    if (first && last) push(first, last);
    run = [];
  };
  for (const [i, node] of nodes.entries()) {
    if (isBlockAt(nodes, i) || node.type === 'comment' || node.type === 'directive') {
      flush();
      push(node, node);
    } else run.push(node);
  }
  flush();
  return { segments, tail: storage.slice(cursor) };
}
