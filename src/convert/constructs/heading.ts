/** `# Title` … `###### Title` ⇄ `<h1>` … `<h6>`. */
import type { Heading } from 'mdast';
import type { Construct, ReadHandler } from '../registry.js';
import { onlyAttrs } from '../xml/kinds.js';

const readHeading: ReadHandler = (el, state) => {
  if (!onlyAttrs(el)) return null;
  const depth = Number(el.name.slice(1)) as Heading['depth'];
  return [{ type: 'heading', depth, children: state.inlines(el.children) }];
};

export const heading: Construct = {
  name: 'heading',
  read: Object.fromEntries([1, 2, 3, 4, 5, 6].map((n) => [`h${n}`, readHeading])),
  write: {
    heading: (node, state) => `<h${node.depth}>${state.inlines(node.children)}</h${node.depth}>`,
  },
  fixtures: [
    {
      name: 'levels',
      markdown: '# One\n\n### Three *em*\n',
      storage: '<h1>One</h1><h3>Three <em>em</em></h3>',
    },
    {
      name: 'setext becomes ATX',
      markdown: 'Title\n=====\n',
      storage: '<h1>Title</h1>',
      direction: 'toStorage',
    },
  ],
};
