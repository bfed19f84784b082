/** `> quote` ⇄ `<blockquote>` (GitHub alerts, which are block quotes too, are in alert.ts). */
import type { BlockContent } from 'mdast';
import type { Construct } from '../registry.js';
import { onlyAttrs } from '../xml/kinds.js';

export const blockquote: Construct = {
  name: 'blockquote',
  read: {
    blockquote: (el, state) =>
      onlyAttrs(el) ? [{ type: 'blockquote', children: state.blocks(el.children) as BlockContent[] }] : null,
  },
  write: {
    blockquote: (node, state) => `<blockquote>${state.blocks(node.children)}</blockquote>`,
  },
  fixtures: [
    {
      name: 'nested',
      markdown: '> a\n>\n> > b\n',
      storage: '<blockquote><p>a</p><blockquote><p>b</p></blockquote></blockquote>',
    },
  ],
};
