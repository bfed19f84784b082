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

/** `narrowEscaping: false` is the library's escaping as it is (for tests comparing the two). */
export function markdownOptions(handlers: Record<string, Handle>, narrowEscaping = true): Options {
  const root = handlers.root ?? defaultHandlers.root;
  return {
    extensions: [gfmToMarkdown(), frontmatterToMarkdown(['yaml'])],
    handlers: narrowEscaping
      ? {
          ...handlers,
          // the first handler of every call: its state gets the narrowed escaping (md-safe.ts)
          root: (node, parent, state, info) => {
            narrowSafe(state);
            return root(node, parent, state, info);
          },
        }
      : handlers,
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
}
