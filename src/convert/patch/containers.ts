/**
 * An edited container is patched inside, not rewritten whole. A page in one layout, a panel, a table
 * or a list is one top-level block: without this, one edited paragraph in a layout cell would rewrite
 * every block of the page and drop their ids, widths and styles. When the block written from the
 * Markdown is the same container as the old one (same elements down to the block sequences: layout
 * cells, macro bodies, quotes, table cells, list items), the old tags stay byte for byte and each block
 * sequence inside is patched like a page body. Anything else (a cell added, a macro renamed) leaves the
 * block as written.
 */
import { normalizeStorage } from '../xml/canonical.js';
import { closeTagOf, isBlank, isElement, openTagOf, parseStorage, sourceOf } from '../xml/parse.js';
import type { AnyNode, Element } from '../xml/parse.js';

/** Elements whose content is a sequence of blocks, patched like a page body. */
const SEQUENCES = new Set(['ac:layout-cell', 'ac:rich-text-body', 'blockquote', 'td', 'th', 'li']);

/** Elements made only of other elements, walked child by child. */
const STRUCTURES = new Set([
  'ac:layout',
  'ac:layout-section',
  'ac:structured-macro',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'ul',
  'ol',
]);

/** Children the Markdown never has (presentation the pull leaves out), kept with the tag before them. */
const ABSORBED = new Set(['colgroup']);

type Token =
  | { kind: 'tag'; name: string; text: string }
  | { kind: 'leaf'; text: string }
  | { kind: 'sequence'; text: string };

/** Patches one block sequence (the page-level patch, passed in to keep this module below it). */
export type PatchSequence = (current: string, next: string) => string;

/**
 * `written` patched inside `old` when both are the same container, or null. `sameMeaning` checks the
 * result against what was written (the Markdown of both must agree), so a patch can never make the
 * page say something other than the file.
 */
export function patchContainer(
  old: string,
  written: string,
  patchSequence: PatchSequence,
  sameMeaning: (a: string, b: string) => boolean,
): string | null {
  const oldEl = single(old);
  const newEl = single(written);
  if (!oldEl || !newEl || oldEl.name !== newEl.name) return null;
  if (!STRUCTURES.has(oldEl.name) && !SEQUENCES.has(oldEl.name)) return null;
  const oldTokens = tokens(old, oldEl);
  const newTokens = tokens(written, newEl);
  if (!oldTokens || !newTokens || oldTokens.length !== newTokens.length) return null;
  if (!newTokens.some((t) => t.kind === 'sequence')) return null;
  let out = '';
  for (const [i, a] of oldTokens.entries()) {
    const b = newTokens[i]!;
    if (a.kind !== b.kind) return null;
    if (a.kind === 'tag' && b.kind === 'tag') {
      if (a.name !== b.name) return null;
      out += sameTag(a.text, b.text, a.name) ? a.text : b.text;
    } else if (a.kind === 'sequence') out += a.text === b.text ? a.text : patchSequence(a.text, b.text);
    else out += a.text === b.text || same(a.text, b.text) ? a.text : b.text;
  }
  return sameMeaning(out, written) ? out : null;
}

function single(source: string): Element | undefined {
  let nodes: AnyNode[];
  try {
    nodes = parseStorage(source);
  } catch {
    return undefined;
  }
  const node = nodes.length === 1 ? nodes[0] : undefined;
  return node && isElement(node) ? node : undefined;
}

/** The element as tags, leaves and block sequences; null when it holds something else (stray text). */
function tokens(source: string, el: Element): Token[] | null {
  const open = openTagOf(source, el);
  const close = closeTagOf(source, el);
  if (open === null || close === null) return [{ kind: 'leaf', text: sourceOf(source, el) }];
  const out: Token[] = [{ kind: 'tag', name: el.name, text: open }];
  if (SEQUENCES.has(el.name)) {
    const first = el.children[0]!;
    const last = el.children[el.children.length - 1]!;
    out.push({ kind: 'sequence', text: source.slice(first.startIndex ?? 0, (last.endIndex ?? 0) + 1) });
  } else if (STRUCTURES.has(el.name)) {
    for (const child of el.children) {
      // whitespace and column widths belong to the token before them: the Markdown has neither
      if (isBlank(child) || (isElement(child) && ABSORBED.has(child.name)))
        out[out.length - 1]!.text += sourceOf(source, child);
      else if (!isElement(child)) return null;
      else {
        const inner = tokens(source, child);
        if (!inner) return null;
        out.push(...inner);
      }
    }
  } else return [{ kind: 'leaf', text: sourceOf(source, el) }];
  out.push({ kind: 'tag', name: `/${el.name}`, text: close });
  return out;
}

/** Two start tags that say the same (editor metadata and presentation aside). */
function sameTag(a: string, b: string, name: string): boolean {
  if (a === b || name.startsWith('/')) return true;
  return same(`${a}</${name}>`, `${b}</${name}>`);
}

function same(a: string, b: string): boolean {
  try {
    return normalizeStorage(a) === normalizeStorage(b);
  } catch {
    return false;
  }
}

/**
 * A paragraph rewritten as bare inline content (a tight list item or a table cell the converter writes
 * without `<p>`) keeps the old paragraph around it, with its attributes: the pull reads both alike, and
 * the item or cell keeps the form its neighbours have.
 */
export function keepParagraph(old: string, written: string): string | null {
  const oldEl = single(old);
  if (!oldEl || oldEl.name !== 'p' || single(written) !== undefined) return null;
  const open = openTagOf(old, oldEl);
  if (
    open === null ||
    /^\s*<(p|h[1-6]|ul|ol|table|blockquote|ac:structured-macro|ac:layout|div|pre|hr)\b/.test(written)
  )
    return null;
  return `${open}${written}</p>`;
}
