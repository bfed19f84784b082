/**
 * A unified line diff of two Markdown texts (what changed in Confluence between two versions of a
 * page), for a ```diff block in the report. Hunks carry two lines of context; long diffs are cut.
 */
import { diffIndices } from 'node-diff3';

export interface DiffOptions {
  context?: number;
  /** Lines of output at most (the rest is summarised in one line). */
  maxLines?: number;
}

export function unifiedDiff(before: string, after: string, options: DiffOptions = {}): string {
  const context = options.context ?? 2;
  const maxLines = options.maxLines ?? 200;
  const a = lines(before);
  const b = lines(after);
  const hunks = diffIndices(a, b) as { buffer1: [number, number]; buffer2: [number, number] }[];
  if (hunks.length === 0) return '';

  // Group the changes whose context windows touch into one @@ hunk.
  const groups: (typeof hunks)[] = [];
  for (const h of hunks) {
    const last = groups.at(-1);
    const prev = last?.at(-1);
    if (last && prev && h.buffer1[0] - (prev.buffer1[0] + prev.buffer1[1]) <= context * 2) last.push(h);
    else groups.push([h]);
  }
  const out: string[] = [];
  for (const group of groups) {
    const first = group[0]!;
    const last = group.at(-1)!;
    const startA = Math.max(0, first.buffer1[0] - context);
    const endA = Math.min(a.length, last.buffer1[0] + last.buffer1[1] + context);
    const startB = Math.max(0, first.buffer2[0] - (first.buffer1[0] - startA));
    const endB = Math.min(
      b.length,
      last.buffer2[0] + last.buffer2[1] + (endA - (last.buffer1[0] + last.buffer1[1])),
    );
    out.push(`@@ -${startA + 1},${endA - startA} +${startB + 1},${endB - startB} @@`);
    let ia = startA;
    for (const h of group) {
      for (; ia < h.buffer1[0]; ia++) out.push(` ${a[ia]}`);
      for (let i = 0; i < h.buffer1[1]; i++) out.push(`-${a[h.buffer1[0] + i]}`);
      for (let i = 0; i < h.buffer2[1]; i++) out.push(`+${b[h.buffer2[0] + i]}`);
      ia = h.buffer1[0] + h.buffer1[1];
    }
    for (; ia < endA; ia++) out.push(` ${a[ia]}`);
  }
  if (out.length > maxLines) {
    const left = out.length - maxLines;
    return [...out.slice(0, maxLines), `… ${left} more line(s) of the diff not shown`].join('\n');
  }
  return out.join('\n');
}

function lines(text: string): string[] {
  const all = text.replace(/\r\n?/g, '\n').split('\n');
  if (all.at(-1) === '') all.pop();
  return all;
}

/** A code fence longer than any backtick run in `text`, so the text cannot close it. */
export function fenceFor(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}
