/**
 * Three-way merge of Markdown, line by line (diff3, like git): edits on different lines of the two
 * sides merge; edits that overlap become a conflict, written with git-style markers for a person
 * to resolve. The engine never pushes a file that still contains markers.
 */
import { diff3Merge } from 'node-diff3';

export const MARKER_LOCAL = '<<<<<<< local';
export const MARKER_SEPARATOR = '=======';
export const MARKER_REMOTE = '>>>>>>> confluence';

export interface MergeResult {
  /** True when every edit merged without overlap. */
  clean: boolean;
  /** The merged text; with conflict markers when not clean. */
  text: string;
  /** Number of overlapping regions. */
  conflicts: number;
}

export function mergeMarkdown(base: string, local: string, remote: string): MergeResult {
  const eol = local.includes('\r\n') ? '\r\n' : '\n';
  const split = (text: string): string[] => normaliseEol(text).split('\n');
  const regions = diff3Merge(split(local), split(base), split(remote), { excludeFalseConflicts: true });
  const lines: string[] = [];
  let conflicts = 0;
  for (const region of regions) {
    if (region.ok) {
      lines.push(...region.ok);
    } else if (region.conflict) {
      conflicts += 1;
      lines.push(MARKER_LOCAL, ...region.conflict.a, MARKER_SEPARATOR, ...region.conflict.b, MARKER_REMOTE);
    }
  }
  return { clean: conflicts === 0, text: lines.join(eol), conflicts };
}

/** True when the text still has git-style conflict markers at the start of a line. */
export function hasConflictMarkers(text: string): boolean {
  return /^<{7}(?: |$)/m.test(text) && /^>{7}(?: |$)/m.test(text) && /^={7}$/m.test(text);
}

function normaliseEol(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
