/**
 * A fast `containerPhrasing` for the phrasing plain prose is made of: text, emphasis and strong
 * around one text, inline code and links. The library's version serialises every child after the
 * first twice (once, with empty context, only to learn its first character for its left
 * neighbour; that context is read only by the text handler), and then runs its attention pairing
 * (guess, render, check) on the result. Here a neighbour's first character is worked out only for a
 * text, and the pairing is skipped when it provably changes nothing: every emphasis or strong has a
 * text on each side ending / starting with ASCII whitespace or punctuation other than a marker, and
 * its own text starts and ends with an ASCII letter or digit. Then every sequence is the preferred
 * one, flanks the way it should (opens only / closes only), and nothing is encoded as a character
 * reference. Anything else (other children, nested attention, other edges) goes to the library,
 * whole. Every child is written by the same handler with the same context as the library gives it
 * (source positions aside: no handler's output depends on them), so the output is the same byte
 * for byte (test/convert/md-phrasing.test.ts compares both on random trees).
 */
import type { Parents, PhrasingContent } from 'mdast';
import type { Handle, Info, State } from 'mdast-util-to-markdown';

type ContainerPhrasing = State['containerPhrasing'];
type PhrasingParent = Parameters<ContainerPhrasing>[0];
type AttentionHandle = Handle & {
  attention?: (
    node: PhrasingContent,
    state: State,
  ) => { construct: string; markers: string[]; sizes: number[] };
  peek?: Handle;
};

/**
 * Types whose handler (the library's, when the converter does not replace it) never reads
 * `info.after`: their right neighbour's first character is not needed.
 */
const AFTER_BLIND = new Set(['link', 'inlineCode']);

/**
 * Installs the fast path on a state (once per `toMarkdown` call). `ours` is the converter's own
 * handler set: a type it replaces is not taken to be blind to what follows it.
 */
export function fastPhrasing(state: State, ours: Record<string, Handle>): void {
  const library = state.containerPhrasing;
  const blind = new Set([...AFTER_BLIND].filter((type) => !(type in ours)));
  state.containerPhrasing = function (parent, info) {
    return phrasing(this, parent, info, blind) ?? library.call(this, parent, info);
  };
}

function handlerOf(state: State, type: string): AttentionHandle | undefined {
  return (state.handle as unknown as { handlers: Record<string, AttentionHandle> }).handlers[type];
}

function eligible(children: readonly PhrasingContent[]): boolean {
  if (children.length === 0) return false;
  for (const child of children) {
    switch (child.type) {
      case 'text':
      case 'inlineCode':
      case 'link':
        break;
      case 'emphasis':
      case 'strong':
        if (child.children.length !== 1 || child.children[0]!.type !== 'text') return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** An emphasis or strong written: its sequence and its content. */
interface Attention {
  sequence: string;
  inner: string;
}

/** The serialised children, or null when the library must do it. */
function phrasing(state: State, parent: PhrasingParent, info: Info, blind: Set<string>): string | null {
  const children = (parent as Parents).children as PhrasingContent[] | undefined;
  if (!children || !eligible(children)) return null;
  const items: (string | Attention)[] = [];
  const place = { now: info.now, lineShift: info.lineShift };
  const indexStack = state.indexStack;
  indexStack.push(-1);
  const top = indexStack.length - 1;
  let before = info.before;
  try {
    for (let index = 0; index < children.length; index++) {
      const child = children[index]!;
      indexStack[top] = index;
      const handle = handlerOf(state, child.type);
      if (child.type === 'emphasis' || child.type === 'strong') {
        if (!handle?.attention) return null;
        const item = attentionOf(state, child, handle);
        if (item === null) return null;
        items.push(item);
        before = item.sequence.charAt(item.sequence.length - 1);
        continue;
      }
      let after = '';
      if (index + 1 === children.length) after = info.after;
      else if (!blind.has(child.type)) after = peek(state, children[index + 1]!, parent, place);
      const value = state.handle(child, parent as Parents, state, {
        now: place.now,
        lineShift: place.lineShift,
        after,
        before,
      });
      if (!value) continue;
      items.push(value);
      before = lastCharacter(value);
    }
  } finally {
    indexStack.pop();
  }
  return plainJoin(items);
}

/** The first character of what a node writes, found the way the library finds it. */
function peek(
  state: State,
  node: PhrasingContent,
  parent: PhrasingParent,
  place: Pick<Info, 'now' | 'lineShift'>,
): string {
  let handle = handlerOf(state, node.type);
  if (handle?.peek) handle = handle.peek as AttentionHandle;
  if (!handle) return '';
  const value = handle(node, parent as Parents, state, {
    before: '',
    after: '',
    now: place.now,
    lineShift: place.lineShift,
  });
  return firstCharacter(value);
}

function attentionOf(
  state: State,
  node: PhrasingContent & { children: PhrasingContent[] },
  handle: AttentionHandle,
): Attention | null {
  const { construct, markers, sizes } = handle.attention!(node, state);
  if (markers.length === 0 || sizes.length === 0 || markers[0] !== '*') return null;
  const sequence = markers[0].repeat(sizes[0]!);
  const exit = state.enter(construct as Parameters<State['enter']>[0]);
  state.indexStack.push(0);
  let inner: string;
  try {
    inner = state.handle(node.children[0]!, node as Parents, state, {
      now: { line: 1, column: 1 },
      lineShift: 0,
      before: sequence,
      after: sequence,
    });
  } finally {
    state.indexStack.pop();
    exit();
  }
  return inner ? { sequence, inner } : null;
}

const WORD = /^[A-Za-z0-9]$/;
/** ASCII whitespace and punctuation, the attention markers (`*`, `_`, `~`) aside. */
const EDGE = /^[\t\n\r !-)+-/:-@[-^`{-}]$/;

/** The items joined, or null when an emphasis or strong does not stand between plain edges. */
function plainJoin(items: readonly (string | Attention)[]): string | null {
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (typeof item === 'string') {
      out += item;
      continue;
    }
    const previous = items[i - 1];
    const next = items[i + 1];
    if (typeof previous !== 'string' || typeof next !== 'string') return null;
    if (!EDGE.test(lastUnit(previous)) || !EDGE.test(next.charAt(0))) return null;
    if (!WORD.test(item.inner.charAt(0)) || !WORD.test(lastUnit(item.inner))) return null;
    out += item.sequence + item.inner + item.sequence;
  }
  return out;
}

function lastUnit(value: string): string {
  return value.charAt(value.length - 1);
}

/** The last code point (the library's `lastCharacter`: a surrogate pair is one character). */
function lastCharacter(value: string): string {
  const code = value.codePointAt(value.length - 2);
  return code !== undefined && code > 0xffff ? value.slice(-2) : value.slice(-1);
}

/** The first code point (the library's `firstCharacter`: a surrogate pair is one character). */
function firstCharacter(value: string): string {
  const code = value.codePointAt(0);
  return code === undefined ? '' : String.fromCodePoint(code);
}
