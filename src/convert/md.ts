/** The Markdown side: remark's parser and serializer (micromark + mdast utilities) with GFM and front matter. */
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown, frontmatterToMarkdown } from 'mdast-util-frontmatter';
import { gfmFromMarkdown, gfmToMarkdown } from 'mdast-util-gfm';
import { type Handle, type Options, defaultHandlers, toMarkdown as serialize } from 'mdast-util-to-markdown';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { assertEmphasisRuns, assertMarkdownNesting, assertTreeDepth } from './limits.js';
import { honouringEscapes } from './md-escapes.js';
import { fastFlow } from './md-flow.js';
import { fastHeading } from './md-heading.js';
import { fastInlineCode } from './md-inline-code.js';
import { fastPhrasing } from './md-phrasing.js';
import { narrowSafe } from './md-safe.js';

const micromarkExtensions = [gfm(), frontmatter(['yaml'])];
const gfmExtensions = gfmFromMarkdown();

/** CS-046 when the text nests deeper than the converter goes (checked before and after parsing). */
export function parseMarkdown(markdown: string): Root {
  assertMarkdownNesting(markdown);
  assertEmphasisRuns(markdown);
  // a bare URL or address the Markdown escaped (`www\.example.com`) is text, not a link
  const mdastExtensions = [...honouringEscapes(gfmExtensions, markdown), frontmatterFromMarkdown(['yaml'])];
  const root = fromMarkdown(markdown, { extensions: micromarkExtensions, mdastExtensions });
  assertTreeDepth(root);
  return root;
}

/**
 * One options object per handler set, made once: the extensions' unsafe-character patterns are
 * compiled into regular expressions the first time they are used and kept on the pattern objects,
 * so fresh extensions on every call would compile them again for every page (and every block the
 * push patch compares).
 */
const serializeOptions = new WeakMap<Record<string, Handle>, Options>();

export function stringifyMarkdown(root: Root, handlers: Record<string, Handle>): string {
  let options = serializeOptions.get(handlers);
  if (!options) {
    options = markdownOptions(handlers);
    serializeOptions.set(handlers, options);
  }
  return serialize(root, options);
}

/**
 * `fast: false` gives the plain options (the library merges the extensions on every call and escapes
 * with every pattern): what the fast set-up must match byte for byte, for tests.
 */
export function markdownOptions(handlers: Record<string, Handle>, fast = true): Options {
  const options: Options = {
    extensions: [gfmToMarkdown(), frontmatterToMarkdown(['yaml'])],
    handlers,
    bullet: '-',
    bulletOther: '*',
    emphasis: '*',
    strong: '*',
    fence: '`',
    fences: true,
    rule: '*',
    listItemIndent: 'one',
    incrementListMarker: true,
  };
  return fast ? preMerged(options) : options;
}

/**
 * The serialiser merges every extension's handlers into a copy of its own on every call, and an
 * object given ~50 handlers one by one turns into a slow dictionary: ~40 µs a call, most of the cost
 * of the push patch's small calls. Here the merge is done once, the way the library does it (an
 * extension's own extensions first, then its keys; handlers by key, unsafe patterns and joins
 * appended, other options replaced); each call gets only the root handler, which puts the merged
 * handlers and the narrowed escaping (md-safe.ts) in place before anything else is written.
 */
function preMerged(options: Options): Options {
  const merged: Merged = { handlers: { ...defaultHandlers }, unsafe: [], join: [] };
  mergeInto(merged, options);
  const all = merged.handlers;
  const ours = options.handlers ?? {};
  if (all.inlineCode && !('inlineCode' in ours)) all.inlineCode = fastInlineCode(all.inlineCode);
  if (all.heading && !('heading' in ours)) all.heading = fastHeading(all.heading);
  const root = all.root!;
  const first: Handle = (node, parent, state, info) => {
    state.handlers = all as typeof state.handlers;
    (state.handle as unknown as { handlers: Record<string, Handle> }).handlers = all;
    narrowSafe(state);
    fastPhrasing(state, ours);
    fastFlow(state);
    return root(node, parent, state, info);
  };
  all.root = first;
  return { ...merged, handlers: { root: first } } as Options;
}

interface Merged {
  handlers: Record<string, Handle>;
  unsafe: unknown[];
  join: unknown[];
  [key: string]: unknown;
}

function mergeInto(into: Merged, from: Options): void {
  for (const extension of from.extensions ?? []) mergeInto(into, extension);
  for (const [key, value] of Object.entries(from) as [string, unknown][]) {
    if (key === 'extensions') continue;
    if (key === 'handlers') Object.assign(into.handlers, value);
    else if (key === 'unsafe' || key === 'join')
      into[key].push(...((value as unknown[] | null | undefined) ?? []));
    else into[key] = value;
  }
}
