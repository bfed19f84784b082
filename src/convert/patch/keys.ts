/**
 * What a block says, as Markdown: two blocks with the same key are the same content, whatever ids,
 * widths or spellings Confluence gave one of them. The key is the converter's own Markdown for the
 * block, so a block Confluence rewrote (editor metadata, entities, attribute order) still matches
 * the block the pull produced from it.
 */
import { toMarkdown } from '../index.js';
import type { ConvertContext } from '../types.js';

/** Block source → key; one per patch, so identical blocks are converted once. */
export type KeyCache = Map<string, string>;

export function blockKey(source: string, ctx: ConvertContext, cache: KeyCache): string {
  const known = cache.get(source);
  if (known !== undefined) return known;
  let key: string;
  try {
    key = toMarkdown(source, ctx).trim();
  } catch {
    key = '';
  }
  // A block with no Markdown of its own (a spacer paragraph, an empty macro slot) matches only itself.
  if (key === '') key = `\u0000${source}`;
  cache.set(source, key);
  return key;
}

/** True for keys of blocks that have no Markdown: kept where they are, never counted as removed. */
export function isSilent(key: string): boolean {
  return key.startsWith('\u0000');
}
