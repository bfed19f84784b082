/**
 * The serialiser's escaping (`state.safe` of mdast-util-to-markdown), given only the unsafe patterns
 * that can match. `safe` tries every one of its ~90 patterns (a scope check and a regular expression
 * each) on every text it writes; a pattern can only match where its character occurs, so the ones
 * whose character is nowhere in the text and its context (`before` + text + `after`) are left out.
 * The library's own `safe` does the rest, so the output is the same byte for byte.
 */
import type { State, Unsafe } from 'mdast-util-to-markdown';

type Safe = State['safe'];
type SafeConfig = Parameters<Safe>[1];

/** Bit per pattern character: two 30-bit masks (the union of GFM and front matter uses 58 characters). */
interface CharIndex {
  patterns: readonly Unsafe[];
  /** ASCII code → bit number (-1: no pattern has this character). */
  bit: Int8Array;
  /** Chosen patterns per pair of masks. */
  chosen: Map<number, Map<number, Unsafe[]>>;
}

const MASK_BITS = 30;

/** null when some pattern's character is not one ASCII character: then every call takes the full path. */
function indexOf(patterns: readonly Unsafe[]): CharIndex | null {
  const bit = new Int8Array(128).fill(-1);
  let next = 0;
  let index: CharIndex | null = { patterns, bit, chosen: new Map() };
  for (const p of patterns) {
    const code = p.character.length === 1 ? p.character.charCodeAt(0) : 128;
    if (code >= 128 || next >= 2 * MASK_BITS) {
      index = null;
      break;
    }
    if (bit[code] === -1) bit[code] = next++;
  }
  return index;
}

/**
 * Installs the narrowed `safe` on a serialiser state (once per `toMarkdown` call, from the root
 * handler). The pattern list is the state's own; the index is kept while the same array is used.
 */
export function narrowSafe(state: State): void {
  const full = state.safe;
  const patterns = state.unsafe;
  // the state's list is a fresh array per call: the index is kept per list of the same patterns
  const index = indexFor(patterns);
  if (index === null) return;
  const view = { stack: state.stack, unsafe: [] as Unsafe[], compilePattern: state.compilePattern };
  state.safe = function (this: State, value, config): string {
    const text = (config.before ?? '') + (value ?? '') + (config.after ?? '');
    let low = 0;
    let high = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 128) continue;
      const b = index.bit[code]!;
      if (b < 0) continue;
      if (b < MASK_BITS) low |= 1 << b;
      else high |= 1 << (b - MASK_BITS);
    }
    let byHigh = index.chosen.get(low);
    if (!byHigh) index.chosen.set(low, (byHigh = new Map()));
    let chosen = byHigh.get(high);
    if (!chosen) byHigh.set(high, (chosen = choose(index, low, high)));
    // nothing to escape: the library would give the text back as it is
    if (!value?.includes('\\') && !matchesAny(chosen, this, config, text)) return value ?? '';
    view.stack = this.stack;
    view.unsafe = chosen;
    return full.call(view as unknown as State, value, config as SafeConfig);
  };
}

/**
 * Whether the library's `safe` would find any unsafe position in the value: some pattern in scope
 * (by construct and by neighbouring node) matches its part of the text with its character inside
 * the value, not in the context around it. With none, and no backslash in the value, `safe` returns
 * the value unchanged.
 */
function matchesAny(patterns: readonly Unsafe[], state: State, config: SafeConfig, text: string): boolean {
  const offset = config.before ? config.before.length : 0;
  const end = text.length - (config.after ? config.after.length : 0);
  for (const pattern of patterns) {
    if (
      !inScope(state.stack, pattern.inConstruct, true) ||
      inScope(state.stack, pattern.notInConstruct, false)
    )
      continue;
    if (
      !nodeInScope(pattern.beforeNode, config.beforeNode) ||
      !nodeInScope(pattern.afterNode, config.afterNode)
    )
      continue;
    // a pattern of its character alone (compiled to that character, unanchored) matches where it is
    if (isBare(pattern)) {
      const at = text.indexOf(pattern.character, offset);
      if (at !== -1 && at < end) return true;
      continue;
    }
    const expression = state.compilePattern(pattern);
    const from = pattern.beforeNode ? offset : 0;
    const subject =
      from === 0 && !pattern.afterNode ? text : text.slice(from, pattern.afterNode ? end : undefined);
    // the position is the pattern's character, after what its `before` (or line start) matched
    const lead = Boolean(pattern.before || pattern.atBreak);
    expression.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = expression.exec(subject))) {
      const position = from + match.index + (lead ? match[1]!.length : 0);
      if (position >= offset && position < end) {
        expression.lastIndex = 0;
        return true;
      }
    }
  }
  return false;
}

function isBare(p: Unsafe): boolean {
  return !p.before && !p.after && !p.atBreak && !p.beforeNode && !p.afterNode;
}

function inScope(stack: readonly string[], list: Unsafe['inConstruct'], none: boolean): boolean {
  if (list === undefined || list === null || list.length === 0) return none;
  if (typeof list === 'string') return stack.includes(list);
  for (const name of list) if (stack.includes(name)) return true;
  return false;
}

function nodeInScope(types: Unsafe['beforeNode'], node: { type: string } | undefined): boolean {
  if (!types) return true;
  if (!node) return false;
  return typeof types === 'string' ? types === node.type : types.includes(node.type as never);
}

function choose(index: CharIndex, low: number, high: number): Unsafe[] {
  // a character no pattern has is not in the masks: taken to be there
  const has = (code: number): boolean => {
    const b = code < 128 ? index.bit[code]! : -1;
    if (b < 0) return true;
    return b < MASK_BITS ? (low & (1 << b)) !== 0 : (high & (1 << (b - MASK_BITS))) !== 0;
  };
  return index.patterns.filter(
    (p) => has(p.character.charCodeAt(0)) && needs(p).every((set) => set.some(has)),
  );
}

/**
 * Characters a pattern's regular expression cannot match without (see the library's
 * `compilePattern`): one of each set must occur in the text and its context. A line ending before an
 * `atBreak` pattern's character; the one character or character class its `before` or `after` is,
 * when that is a plain one. A pattern is only ever left out when it provably cannot match.
 */
function needs(pattern: Unsafe): number[][] {
  let sets = required.get(pattern);
  if (sets) return sets;
  const all: (number[] | null)[] = [];
  if (pattern.atBreak && !pattern.beforeNode) all.push([13, 10]);
  if (pattern.before && !pattern.beforeNode) all.push(plainClass(pattern.before));
  if (pattern.after && !pattern.afterNode) all.push(plainClass(pattern.after));
  sets = all.filter((set): set is number[] => set !== null);
  required.set(pattern, sets);
  return sets;
}

const required = new WeakMap<Unsafe, number[][]>();
const ESCAPES: Record<string, number> = { '\\r': 13, '\\n': 10, '\\t': 9 };

/** The character codes a one-character expression (`\\n`, `x`, `[\\r\\n]`, `[ab]`) matches; null for any other. */
function plainClass(source: string): number[] | null {
  const one = (item: string): number | null =>
    ESCAPES[item] ?? (item.length === 1 && !/[\\^$.|?*+()[\]{}-]/.test(item) ? item.charCodeAt(0) : null);
  const single = one(source);
  if (single !== null) return [single];
  const m = /^\[((?:\\[rnt]|[^\\\]^-])+)\]$/.exec(source);
  if (!m) return null;
  const codes = m[1]!.match(/\\[rnt]|[^\\]/g)!.map(one);
  return codes.every((c): c is number => c !== null) ? codes : null;
}

/**
 * The last list indexed, recognised by its patterns (the same objects in the same order on every call
 * with the same options): indexing anew per call would cost as much as it saves on small documents.
 */
let last: { patterns: readonly Unsafe[]; index: CharIndex | null } | undefined;

function indexFor(patterns: readonly Unsafe[]): CharIndex | null {
  if (last && sameItems(last.patterns, patterns)) return last.index;
  const index = indexOf(patterns);
  last = { patterns, index };
  return index;
}

function sameItems(a: readonly Unsafe[], b: readonly Unsafe[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
