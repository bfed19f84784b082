/**
 * storage → md: a tolerant XML tree → mdast, one handler per element. Every block a handler
 * produces is checked by writing it back; when the result would differ from the source, the
 * element is carried through instead (see constructs/carry-through.ts), so nothing is lost.
 */
import type { PhrasingContent, Root, RootContent } from 'mdast';
import { constructs } from './constructs/index.js';
import { carryBlock, carryInline, rawBlock } from './constructs/carry-through.js';
import type { ReadHandler, ReadState } from './registry.js';
import { createWriteState } from './to-storage.js';
import type { ConvertContext } from './types.js';
import { canonicalNodes, normalizeStorage } from './xml/canonical.js';
import { isBlockAt } from './xml/kinds.js';
import { CHUNK_BYTES, isCuttable, parsePieces, shiftOffsets, storageChunks } from './xml/chunks.js';
import { stripPresentation, stripPresentationParsed, strippedText } from './xml/presentation.js';
import { type AnyNode, type Element, decodeEntities, isBlank, isElement, parseStorage } from './xml/parse.js';

/**
 * Per element (or `macro:<name>`), the constructs' handlers in registry order: the first that answers
 * wins. `macro:*` handlers are tried for every structured macro, after the ones for its name.
 */
const handlers = new Map<string, ReadHandler[]>();
for (const c of constructs) {
  for (const [key, handler] of Object.entries(c.read ?? {}))
    handlers.set(key, [...(handlers.get(key) ?? []), handler]);
}
const anyMacro = handlers.get('macro:*') ?? [];
for (const [key, list] of handlers) if (key.startsWith('macro:') && key !== 'macro:*') list.push(...anyMacro);

export function readStorage(storage: string, ctx: ConvertContext, chunkBytes = CHUNK_BYTES): Root {
  // Confluence keeps its own metadata and presentation: the Markdown is read from the content alone.
  // A large body is stripped and read piece by piece (xml/chunks.ts), one piece's tree alive at a time;
  // the state's source is the whole stripped text (constructs read document-wide facts from it).
  const unstripped = storage.length < 8 * chunkBytes ? null : readUnstripped(storage, ctx, chunkBytes);
  if (unstripped) return unstripped;
  const chunks = storageChunks(storage, chunkBytes);
  if (chunks.length === 1) {
    const { text, nodes } = stripPresentationParsed(storage);
    return { type: 'root', children: createReadState(ctx, text).blocks(nodes ?? parseStorage(text)) };
  }
  return readPieces(chunks.map(stripPresentation), ctx);
}

function readPieces(pieces: string[], ctx: ConvertContext): Root {
  const content = pieces.join('');
  const state = createReadState(ctx, content);
  return { type: 'root', children: readInPieces(pieces, content, state) };
}

/**
 * Storage that stripping leaves as it is (storage this converter wrote) read in one parse: the whole
 * stripped text is then the storage itself, so each piece is read as soon as it is parsed and found
 * unchanged. null (and nothing kept) as soon as a piece changes, the body cannot be cut or anything
 * fails: then the body is read the usual way, which gives the same result or error.
 */
function readUnstripped(storage: string, ctx: ConvertContext, chunkBytes: number): Root | null {
  const state = createReadState(ctx, storage);
  const children: RootContent[] = [];
  try {
    const cut = parsePieces(storage, chunkBytes, (nodes, start, end) => {
      if (strippedText(nodes, storage) !== storage.slice(start, end)) throw UNSTRIPPED;
      // each piece but the last ends with a block that is one by itself (see readInPieces)
      for (const block of state.blocks(nodes)) children.push(block);
    });
    return cut ? { type: 'root', children } : null;
  } catch {
    return null;
  }
}

const UNSTRIPPED = new Error('a piece is not stripped storage');

/** Reads the pieces of `content` (their concatenation) in order. */
function readInPieces(pieces: string[], content: string, state: ReadState): RootContent[] {
  const children: RootContent[] = [];
  let from = 0;
  let end = 0;
  for (const [k, piece] of pieces.entries()) {
    end += piece.length;
    const nodes = parseStorage(content.slice(from, end));
    shiftOffsets(nodes, from);
    // whether a macro is a block depends on its neighbours: a piece is read up to its last block
    // that is one by itself, the rest waits for the next piece
    const upTo = k === pieces.length - 1 ? nodes.length : readableUpTo(nodes);
    children.push(...state.blocks(upTo === nodes.length ? nodes : nodes.slice(0, upTo)));
    from = upTo === nodes.length ? end : (nodes[upTo]!.startIndex ?? end);
  }
  return children;
}

/** How many of a piece's nodes can be read now: up to and including its last cuttable block. */
function readableUpTo(nodes: AnyNode[]): number {
  for (let i = nodes.length - 1; i >= 0; i--) if (isCuttable(nodes[i]!)) return i + 1;
  return 0;
}

export function createReadState(ctx: ConvertContext, source: string): ReadState {
  const state: ReadState = {
    ctx,
    source,
    blocks: (nodes) => readBlocks(nodes, state),
    inlines: (nodes) => readInlines(nodes, state),
  };
  return state;
}

function handlersFor(el: Element): ReadHandler[] | undefined {
  if (el.name !== 'ac:structured-macro') return handlers.get(el.name);
  return handlers.get(`macro:${el.attribs['ac:name'] ?? ''}`) ?? handlers.get('macro:*');
}

/** The first answer of the element's handlers; undefined when it has none. */
function readElement(el: Element, state: ReadState): RootContent[] | null | undefined {
  const list = handlersFor(el);
  if (!list) return undefined;
  for (const handler of list) {
    const out = handler(el, state);
    if (out) return out;
  }
  return null;
}

function readBlocks(nodes: AnyNode[], state: ReadState): RootContent[] {
  const out: RootContent[] = [];
  let run: AnyNode[] = [];
  const flush = (): void => {
    if (run.some((n) => !isBlank(n))) out.push(...inlineRunAsBlock(run, state));
    run = [];
  };
  for (const [i, node] of nodes.entries()) {
    if (isBlockAt(nodes, i) || node.type === 'comment' || node.type === 'directive') {
      flush();
      out.push(...readBlock(node, state));
    } else run.push(node);
  }
  flush();
  return out;
}

/** Inline content directly in a block container has no Markdown form of its own: carried through. */
function inlineRunAsBlock(run: AnyNode[], state: ReadState): RootContent[] {
  const first = run.find((n) => !isBlank(n))!;
  const last = [...run].reverse().find((n) => !isBlank(n))!;
  return [rawBlock(state.source.slice(first.startIndex ?? 0, (last.endIndex ?? 0) + 1))];
}

/**
 * How many block handlers are running. Only the outermost result is checked by writing it back:
 * when it fails, the element is carried and its children are read (and checked) again one level
 * down, so every level is checked once instead of once per ancestor.
 */
let handlerDepth = 0;

function readBlock(node: AnyNode, state: ReadState): RootContent[] {
  if (!isElement(node)) return [rawBlock(state.source.slice(node.startIndex ?? 0, (node.endIndex ?? 0) + 1))];
  handlerDepth++;
  let nodes: RootContent[] | null | undefined;
  try {
    nodes = readElement(node, state);
  } finally {
    handlerDepth--;
  }
  if (nodes && (handlerDepth > 0 || writesBackTheSame(node, nodes, state))) return nodes;
  return carryBlock(node, state);
}

function writesBackTheSame(el: Element, nodes: RootContent[], state: ReadState): boolean {
  const written = createWriteState(state.ctx, null).blocks(nodes);
  // storage this converter wrote comes back byte for byte: no need to compare canonical forms
  if (written === state.source.slice(el.startIndex ?? 0, (el.endIndex ?? 0) + 1)) return true;
  return normalizeStorage(written) === canonicalNodes([el]);
}

const PHRASING = new Set([
  'text',
  'emphasis',
  'strong',
  'delete',
  'inlineCode',
  'break',
  'link',
  'linkReference',
  'image',
  'imageReference',
  'html',
  'footnoteReference',
  'rawInline',
  'emoticon',
  'status',
  'htmlMark',
]);

function readInlines(nodes: AnyNode[], state: ReadState): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const node of nodes) {
    if (node.type === 'text') pushText(out, decodeEntities(node.data));
    else if (node.type === 'cdata')
      pushText(out, node.children.map((c) => (c.type === 'text' ? c.data : '')).join(''));
    else if (isElement(node)) {
      const nodes = readElement(node, state) as PhrasingContent[] | null | undefined;
      // a block construct met inside a paragraph (a toc or panel macro there) has no inline form
      const inline = nodes?.every((n) => PHRASING.has(n.type)) ? nodes : null;
      out.push(...(inline ?? carryInline(node, state)));
    } else out.push(...carryInline(node, state));
  }
  return out;
}

function pushText(out: PhrasingContent[], value: string): void {
  const prev = out[out.length - 1];
  if (prev?.type === 'text') prev.value += value;
  else out.push({ type: 'text', value });
}
