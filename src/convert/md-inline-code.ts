/**
 * Inline code written without the library's work when that work provably changes nothing. The
 * library's handler (behind GFM's table wrapper) builds a regular expression to choose the fence,
 * and runs every `atBreak` pattern over the code to turn line endings that could start a block into
 * spaces: ~90 patterns per inline code. Code without a backtick, a line ending or a pipe, that does
 * not both start and end with a space, comes out as it is between single backticks: no fence of
 * two, no padding, no pattern match (each needs a line ending, unless one is anchored at the start
 * by `beforeNode`: then every call takes the library's path), nothing for a table cell to escape.
 */
import type { InlineCode } from 'mdast';
import type { Handle, State, Unsafe } from 'mdast-util-to-markdown';

type Peeking = Handle & { peek?: Handle };

export function fastInlineCode(library: Peeking): Handle {
  const fast: Peeking = (node, parent, state, info) => {
    const value = (node as InlineCode).value || '';
    if (plain(value) && !anchoredBreaks(state)) return `\`${value}\``;
    return library(node, parent, state, info);
  };
  if (library.peek) fast.peek = library.peek;
  return fast;
}

function plain(value: string): boolean {
  if (/[`\r\n|]/.test(value)) return false;
  return !(value.startsWith(' ') && value.endsWith(' '));
}

/** Per pattern list (one per `toMarkdown` call): whether an `atBreak` pattern can match without a line ending. */
const anchored = new WeakMap<readonly Unsafe[], boolean>();

function anchoredBreaks(state: State): boolean {
  let known = anchored.get(state.unsafe);
  if (known === undefined) {
    known = state.unsafe.some((p) => p.atBreak && p.beforeNode);
    anchored.set(state.unsafe, known);
  }
  return known;
}
