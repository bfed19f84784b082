/**
 * Push patches, it does not replace: the page's current storage is kept block by block, and only the
 * blocks whose Markdown changed are written anew. A block nobody edited goes back byte for byte (ids,
 * widths, macro ids, inline-comment markers and all); in an edited block, inline-comment markers are
 * put back around their text when it is still there.
 */
import { toStorage } from '../index.js';
import type { ConvertContext, StorageOptions, StorageResult } from '../types.js';
import { blockHunks, type Hunk } from './align.js';
import { carryEditorAttributes } from './attributes.js';
import { blockKey, isSilent, type KeyCache } from './keys.js';
import { findMarkers, markerRefs, placeMarker, type Marker } from './markers.js';
import { segmentStorage, type Segment } from './segments.js';
import type { LostAnchor, PatchResult } from './types.js';

export type { LostAnchor, PatchResult } from './types.js';

/**
 * `next` (storage the converter wrote from the new Markdown) patched into `current` (the page as
 * Confluence has it now). `ctx` is the context a pull of this page would use: blocks are compared by
 * the Markdown it produces.
 */
export function patchStorage(current: string, next: string, ctx: ConvertContext = {}): PatchResult {
  const cache: KeyCache = new Map();
  const old = segmentStorage(current);
  const neu = segmentStorage(next);
  const oldKeys = old.segments.map((s) => blockKey(s.source, ctx, cache));
  const newKeys = neu.segments.map((s) => blockKey(s.source, ctx, cache));
  const blocks = { kept: 0, changed: 0, added: 0, removed: 0 };
  const reanchored: string[] = [];
  let out = '';
  let oi = 0;
  const keep = (i: number): void => {
    const seg = old.segments[i]!;
    out += seg.glue + seg.source;
    blocks.kept++;
  };
  for (const hunk of blockHunks(oldKeys, newKeys)) {
    while (oi < hunk.oldStart) keep(oi++);
    out += rewriteHunk(hunk, old.segments, oldKeys, neu.segments, blocks, reanchored);
    oi = hunk.oldStart + hunk.oldLength;
  }
  while (oi < old.segments.length) keep(oi++);
  out += old.tail;
  return { storage: out, blocks, reanchored, lostAnchors: lostAnchors(current, out) };
}

/** The new Markdown as the page's next body: toStorage's result, its storage patched into `current`. */
export function patchMarkdown(
  current: string,
  markdown: string,
  ctx: ConvertContext = {},
  options: StorageOptions = {},
): StorageResult & { patch: PatchResult } {
  const result = toStorage(markdown, ctx, options);
  const patch = patchStorage(current, result.storage, ctx);
  return { ...result, storage: patch.storage, patch };
}

/**
 * One hunk: old blocks replaced by new ones. Blocks without Markdown (spacers) stay where they were;
 * the new blocks go where the first replaced block was, taking its leading whitespace, with the
 * inline-comment markers of the replaced blocks put back on their text.
 */
function rewriteHunk(
  hunk: Hunk,
  oldSegs: Segment[],
  oldKeys: string[],
  newSegs: Segment[],
  blocks: PatchResult['blocks'],
  reanchored: string[],
): string {
  const replaced: Segment[] = [];
  let before = '';
  let after = '';
  let glue: string | undefined;
  for (let i = hunk.oldStart; i < hunk.oldStart + hunk.oldLength; i++) {
    const seg = oldSegs[i]!;
    if (isSilent(oldKeys[i]!)) {
      if (glue === undefined) before += seg.glue + seg.source;
      else after += seg.glue + seg.source;
      blocks.kept++;
    } else {
      glue ??= seg.glue;
      replaced.push(seg);
    }
  }
  const written = newSegs.slice(hunk.newStart, hunk.newStart + hunk.newLength).map((s) => s.source);
  const changed = Math.min(replaced.length, written.length);
  blocks.changed += changed;
  blocks.added += written.length - changed;
  blocks.removed += replaced.length - changed;
  if (replaced.length === written.length)
    written.forEach((block, k) => (written[k] = carryEditorAttributes(replaced[k]!.source, block)));
  const anchored = reanchor(replaced, written, reanchored);
  return before + (anchored.length > 0 ? (glue ?? '') + anchored.join('') : '') + after;
}

/**
 * The markers of the replaced blocks, put back around their text in the written blocks: first in the
 * block written in the same place, then in the nearest other one. Outer markers go first, so a marker
 * nested in another lands inside it again.
 */
function reanchor(replaced: Segment[], written: string[], reanchored: string[]): string[] {
  const out = [...written];
  if (replaced.length === 0 || out.length === 0) return out;
  const already = markerRefs(out.join(''));
  const todo: { marker: Marker; from: number }[] = [];
  replaced.forEach((seg, k) => {
    if (!seg.source.includes('ac:inline-comment-marker')) return;
    for (const marker of findMarkers(seg.source))
      if (!already.has(marker.ref)) todo.push({ marker, from: k });
  });
  todo.sort((a, b) => b.marker.text.length - a.marker.text.length);
  for (const { marker, from } of todo) {
    const home = Math.min(out.length - 1, Math.round((from * out.length) / replaced.length));
    const order = [...out.keys()].sort((a, b) => Math.abs(a - home) - Math.abs(b - home) || a - b);
    for (const c of order) {
      const placed = placeMarker(out[c]!, marker);
      if (placed === null) continue;
      out[c] = placed;
      if (!reanchored.includes(marker.ref)) reanchored.push(marker.ref);
      break;
    }
  }
  return out;
}

/** Comments anchored in `before` with no marker left in `after`, with the text they were on. */
function lostAnchors(before: string, after: string): LostAnchor[] {
  if (!before.includes('ac:inline-comment-marker')) return [];
  const kept = markerRefs(after);
  const lost = new Map<string, string[]>();
  for (const marker of findMarkers(before)) {
    if (kept.has(marker.ref)) continue;
    lost.set(marker.ref, [...(lost.get(marker.ref) ?? []), marker.text]);
  }
  return [...lost].map(([ref, texts]) => ({ ref, text: texts.join(' … ') }));
}
