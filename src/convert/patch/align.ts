/** The block sequence diff: which old blocks stay, and the hunks of old blocks replaced by new ones. */
import { diffIndices } from 'node-diff3';

export interface Hunk {
  oldStart: number;
  oldLength: number;
  newStart: number;
  newLength: number;
}

/** Hunks in order; every old index outside them is matched, in order, with a new index outside them. */
export function blockHunks(oldKeys: readonly string[], newKeys: readonly string[]): Hunk[] {
  return diffIndices([...oldKeys], [...newKeys]).map((h) => ({
    oldStart: h.buffer1[0] as number,
    oldLength: h.buffer1[1] as number,
    newStart: h.buffer2[0] as number,
    newLength: h.buffer2[1] as number,
  }));
}
