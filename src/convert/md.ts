/** The Markdown side: remark's parser and serializer (micromark + mdast utilities) with GFM and front matter. */
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown, frontmatterToMarkdown } from 'mdast-util-frontmatter';
import { gfmFromMarkdown, gfmToMarkdown } from 'mdast-util-gfm';
import { type Handle, toMarkdown as serialize } from 'mdast-util-to-markdown';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { assertEmphasisRuns, assertMarkdownNesting, assertTreeDepth } from './limits.js';
import { honouringEscapes } from './md-escapes.js';

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

export function stringifyMarkdown(root: Root, handlers: Record<string, Handle>): string {
  return serialize(root, {
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
  });
}
