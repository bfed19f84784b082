/**
 * Paragraphs ⇄ `<p>`. Alignment, indentation and classes stay in Confluence (see xml/presentation.ts),
 * and so do empty and spacer paragraphs (`<p><br/></p>`, `<p>&nbsp;</p>`): Markdown has none.
 */
import type { Construct } from '../registry.js';
import { onlyAttrs } from '../xml/kinds.js';
import { isBlank, isElement, sourceOf } from '../xml/parse.js';
import { rawBlock } from './carry-through.js';

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
      return [{ type: 'paragraph', children }];
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
  ],
};
