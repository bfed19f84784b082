/** The Markdown side: remark's parser and serializer (micromark + mdast utilities) with GFM and front matter. */
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown, frontmatterToMarkdown } from 'mdast-util-frontmatter';
import { gfmFromMarkdown, gfmToMarkdown } from 'mdast-util-gfm';
import { type Handle, toMarkdown as serialize } from 'mdast-util-to-markdown';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';

const micromarkExtensions = [gfm(), frontmatter(['yaml'])];
const mdastExtensions = [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml'])];

export function parseMarkdown(markdown: string): Root {
  return fromMarkdown(markdown, { extensions: micromarkExtensions, mdastExtensions });
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
