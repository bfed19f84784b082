/**
 * Paragraphs ⇄ `<p>`. Alignment, indentation and classes stay in Confluence (see xml/presentation.ts),
 * and so do empty and spacer paragraphs (`<p><br/></p>`, `<p>&nbsp;</p>`): Markdown has none.
 */
import type { PhrasingContent } from 'mdast';
import type { Construct } from '../registry.js';
import { onlyAttrs } from '../xml/kinds.js';
import { isBlank, isElement, sourceOf } from '../xml/parse.js';
import { rawBlock } from './carry-through.js';

/** A complete open or closing tag: alone on a paragraph's first line, it starts an HTML block (CommonMark type 7). */
const LONE_TAG =
  /^(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>)$/;
const RAW_TEXT_TAG = /^<\/?(?:script|style|pre|textarea)\b/i;

/**
 * A paragraph opening with an inline tag (an `<img>` with a size) and a line break after it would be read
 * back as an HTML block swallowing the whole paragraph; the break becomes a space (whitespace only).
 */
function joinLoneTagLine(children: PhrasingContent[]): PhrasingContent[] {
  const [first, next] = children;
  if (first?.type !== 'html' || !LONE_TAG.test(first.value) || RAW_TEXT_TAG.test(first.value))
    return children;
  if (next?.type !== 'text' || !/^[ \t]*\n/.test(next.value)) return children;
  return [first, { ...next, value: next.value.replace(/^\s+/, ' ') }, ...children.slice(2)];
}

export const paragraph: Construct = {
  name: 'paragraph',
  read: {
    p: (el, state) => {
      if (!onlyAttrs(el)) return null;
      const children = state.inlines(el.children);
      const last = children[children.length - 1];
      // Markdown has no empty paragraph, and drops a hard break at the end of one
      if (children.length === 0 || last?.type === 'break') return null;
      if (children.every((c) => c.type === 'text' && c.value.trim() === '')) return null;
      // a carried macro alone in its paragraph (common in exports) is carried as a block, paragraph and all:
      // a line of its own instead of an escaped span (see carry-through.ts, blockMarker)
      const content = el.children.filter((c) => !isBlank(c));
      const only = content.length === 1 && isElement(content[0]!) ? content[0] : null;
      if (
        only &&
        /^ac:(?:structured-)?macro$/.test(only.name) &&
        children.length === 1 &&
        last?.type === 'rawInline'
      )
        return [rawBlock(sourceOf(state.source, el))];
      return [{ type: 'paragraph', children: joinLoneTagLine(children) }];
    },
  },
  write: {
    paragraph: (node, state) => `<p>${state.inlines(node.children)}</p>`,
  },
  fixtures: [
    { name: 'two paragraphs', markdown: 'One\ntwo.\n\nThree.\n', storage: '<p>One\ntwo.</p><p>Three.</p>' },
    {
      name: 'characters are escaped',
      markdown: 'a < b & c > d\n',
      storage: '<p>a &lt; b &amp; c &gt; d</p>',
    },
    {
      name: 'spacer paragraphs and alignment stay in Confluence',
      markdown: 'a\n\nb\n',
      storage:
        '<p style="text-align: justify;">a</p><p />\n  <p><br/></p><p class="auto-cursor-target">&nbsp;</p><p>b</p>',
      direction: 'toMarkdown',
    },
    {
      name: 'an image tag opening a paragraph, then a line break: one line (else an HTML block)',
      markdown: '<img src="a.png" width="50"> and\ntext\n',
      storage:
        '<p>\n  <ac:image ac:width="50"><ri:attachment ri:filename="a.png"/></ac:image>\n  and\ntext</p>',
      direction: 'toMarkdown',
    },
  ],
};
