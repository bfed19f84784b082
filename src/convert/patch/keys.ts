/**
 * What a block says, as Markdown: two blocks with the same key are the same content, whatever ids,
 * widths or spellings Confluence gave one of them. The key is the converter's own Markdown for the
 * block, so a block Confluence rewrote (editor metadata, entities, attribute order) still matches
 * the block the pull produced from it. Inline-comment markers do not count: they are Confluence's,
 * the Markdown does not hold them, and a comment added after the pull must not make its block look
 * edited.
 */
import { toMarkdown, toStorage } from '../index.js';
import type { ConvertContext } from '../types.js';

/** Block source → key, per side; one per patch, so identical blocks are converted once. */
export interface KeyCache {
  current: Map<string, string>;
  written: Map<string, string>;
}

export function newKeyCache(): KeyCache {
  return { current: new Map(), written: new Map() };
}

/** Key of a block written from the new Markdown: its Markdown. */
export function writtenBlockKey(source: string, ctx: ConvertContext, cache: KeyCache): string {
  return cached(cache.written, source, () => markdownOf(source, ctx));
}

/**
 * Key of a block of the page as Confluence has it: its Markdown as the pull wrote it, taken through
 * the push once more. An untouched block of the file is written from exactly that Markdown, so both
 * sides went the same way even where the converter's round trip is not yet a fixpoint.
 */
export function currentBlockKey(source: string, ctx: ConvertContext, cache: KeyCache): string {
  return cached(cache.current, source, () => {
    const pulled = markdownOf(source, ctx);
    if (isSilent(pulled)) return pulled;
    try {
      return markdownOf(toStorage(pulled, ctx).storage, ctx);
    } catch {
      return pulled;
    }
  });
}

/** True for keys of blocks that have no Markdown: kept where they are, never counted as removed. */
export function isSilent(key: string): boolean {
  return key.startsWith('\u0000');
}

function cached(map: Map<string, string>, source: string, make: () => string): string {
  const known = map.get(source);
  if (known !== undefined) return known;
  const key = make();
  map.set(source, key);
  return key;
}

function markdownOf(source: string, ctx: ConvertContext): string {
  let key: string;
  try {
    key = toMarkdown(withoutMarkers(source), ctx).trim();
  } catch {
    key = '';
  }
  // A block with no Markdown of its own (a spacer paragraph, an empty macro slot) matches only itself.
  return key === '' ? `\u0000${source}` : key;
}

const MARKER_TAG = /<ac:inline-comment-marker\b[^>]*?\/>|<\/?ac:inline-comment-marker\b[^>]*>/g;

/** The block with its inline-comment marker tags taken out (their text stays). */
export function withoutMarkers(source: string): string {
  return source.includes('ac:inline-comment-marker') ? source.replace(MARKER_TAG, '') : source;
}
