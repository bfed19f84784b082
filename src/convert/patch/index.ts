/**
 * Push patches, it does not replace: the page's current storage is kept block by block, and only the
 * blocks whose Markdown changed are written anew. A block nobody edited goes back byte for byte (ids,
 * widths, macro ids, inline-comment markers and all); in an edited block, inline-comment markers are
 * put back around their text when it is still there, and page links without a text of their own stay so.
 */
import { normalizeStorage, toStorage } from '../index.js';
import type { ConvertContext, StorageOptions, StorageResult } from '../types.js';
import { blockHunks, type Hunk } from './align.js';
import { carryEditorAttributes } from './attributes.js';
import { keepParagraph, patchContainer } from './containers.js';
import { keepTitleLinks } from './title-links.js';
import {
  currentBlockKey,
  isSilent,
  newKeyCache,
  withoutMarkers,
  writtenBlockKey,
  type KeyCache,
} from './keys.js';
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
  const cache = newKeyCache();
  const old = segmentStorage(current);
  const neu = segmentStorage(next);
  const newKeys = neu.segments.map((s) => writtenBlockKey(s.source, ctx, cache));
  // a block that means the same as a written one (ids and spellings aside) needs no conversion
  const byMeaning = new Map(neu.segments.map((s, j) => [meaning(s.source), newKeys[j]!]));
  const oldKeys = old.segments.map(
    (s) => byMeaning.get(meaning(s.source)) ?? currentBlockKey(s.source, ctx, cache),
  );
  const blocks = { kept: 0, changed: 0, added: 0, removed: 0 };
  // kept old blocks as they are, and one slot per hunk for the blocks written in its place
  const parts: (string | Slot)[] = [];
  const slots: Slot[] = [];
  let oi = 0;
  const keep = (i: number): void => {
    const seg = old.segments[i]!;
    parts.push(seg.glue + seg.source);
    blocks.kept++;
  };
  for (const hunk of blockHunks(oldKeys, newKeys)) {
    while (oi < hunk.oldStart) keep(oi++);
    const slot = openHunk(hunk, old.segments, oldKeys, neu.segments, blocks, parts, inside(ctx, cache));
    slots.push(slot);
    oi = hunk.oldStart + hunk.oldLength;
  }
  while (oi < old.segments.length) keep(oi++);
  const reanchored = reanchor(slots);
  const storage =
    parts
      .map((p) => (typeof p === 'string' ? p : p.written.length ? p.glue + p.written.join('') : ''))
      .join('') + old.tail;
  return { storage, blocks, reanchored, lostAnchors: lostAnchors(current, storage) };
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
 * A block rewritten in place of the same element: a container is patched inside (its untouched blocks
 * kept byte for byte), any other block keeps the old element's editor attributes.
 */
function inside(ctx: ConvertContext, cache: KeyCache): (old: string, written: string) => string {
  const sameMarkdown = (a: string, b: string): boolean =>
    writtenBlockKey(withoutMarkers(a), ctx, cache) === writtenBlockKey(b, ctx, cache);
  return (old, written) =>
    keepTitleLinks(
      old,
      patchContainer(
        old,
        written,
        (current, next) => patchStorage(current, next, ctx).storage,
        sameMarkdown,
      ) ??
        keepParagraph(old, written) ??
        carryEditorAttributes(old, written),
    );
}

/** Where one hunk's new blocks go: the old blocks they replace, and the blocks written. */
interface Slot {
  glue: string;
  replaced: Segment[];
  written: string[];
}

/**
 * One hunk: old blocks replaced by new ones. Blocks without Markdown (spacers) stay where they were;
 * the new blocks go where the first replaced block was, taking its leading whitespace. A block
 * rewritten in place of the same element keeps that element's editor attributes.
 */
function openHunk(
  hunk: Hunk,
  oldSegs: Segment[],
  oldKeys: string[],
  newSegs: Segment[],
  blocks: PatchResult['blocks'],
  parts: (string | Slot)[],
  rewrite: (old: string, written: string) => string,
): Slot {
  const slot: Slot = { glue: '', replaced: [], written: [] };
  let placed = false;
  for (let i = hunk.oldStart; i < hunk.oldStart + hunk.oldLength; i++) {
    const seg = oldSegs[i]!;
    if (isSilent(oldKeys[i]!)) {
      parts.push(seg.glue + seg.source);
      blocks.kept++;
      continue;
    }
    if (!placed) {
      slot.glue = seg.glue;
      parts.push(slot);
      placed = true;
    }
    slot.replaced.push(seg);
  }
  if (!placed) {
    // blocks only inserted here: spaced like the block that follows them
    slot.glue = oldSegs[hunk.oldStart + hunk.oldLength]?.glue ?? '';
    parts.push(slot);
  }
  slot.written = newSegs.slice(hunk.newStart, hunk.newStart + hunk.newLength).map((s) => s.source);
  if (slot.replaced.length === slot.written.length)
    slot.written = slot.written.map((block, k) => rewrite(slot.replaced[k]!.source, block));
  const changed = Math.min(slot.replaced.length, slot.written.length);
  blocks.changed += changed;
  blocks.added += slot.written.length - changed;
  blocks.removed += slot.replaced.length - changed;
  return slot;
}

/**
 * The markers of replaced blocks, put back around their text in written blocks: first in the block
 * written in the same place, then in the nearest other one of the same hunk, then in any written block
 * (a paragraph moved elsewhere). Outer markers go first, so a marker nested in another lands inside it
 * again. Returns the refs put back.
 */
function reanchor(slots: Slot[]): string[] {
  const reanchored: string[] = [];
  const written = slots.flatMap((slot, s) => slot.written.map((_, k) => ({ s, k })));
  if (written.length === 0) return reanchored;
  const already = markerRefs(slots.map((slot) => slot.written.join('')).join(''));
  const todo: { marker: Marker; s: number; from: number }[] = [];
  slots.forEach((slot, s) =>
    slot.replaced.forEach((seg, from) => {
      if (!seg.source.includes('ac:inline-comment-marker')) return;
      for (const marker of findMarkers(seg.source))
        if (!already.has(marker.ref)) todo.push({ marker, s, from });
    }),
  );
  todo.sort((a, b) => b.marker.text.length - a.marker.text.length);
  for (const { marker, s, from } of todo) {
    const slot = slots[s]!;
    const home = Math.round((from * slot.written.length) / slot.replaced.length);
    const rank = (c: { s: number; k: number }): number =>
      c.s === s ? Math.abs(c.k - home) : 1e6 + Math.abs(c.s - s);
    for (const c of [...written].sort((a, b) => rank(a) - rank(b))) {
      const target = slots[c.s]!;
      const placed = placeMarker(target.written[c.k]!, marker);
      if (placed === null) continue;
      target.written[c.k] = placed;
      if (!reanchored.includes(marker.ref)) reanchored.push(marker.ref);
      break;
    }
  }
  return reanchored;
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

function meaning(source: string): string {
  return normalizeStorage(withoutMarkers(source));
}
