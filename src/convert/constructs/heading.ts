/** `# Title` … `###### Title` ⇄ `<h1>` … `<h6>`. */
import type { Heading, PhrasingContent } from 'mdast';
import type { Construct, ReadHandler } from '../registry.js';
import { onlyAttrs } from '../xml/kinds.js';

/** Whether a break occurs anywhere in the content (a Markdown heading is one line: it has none). */
function hasBreak(nodes: readonly PhrasingContent[]): boolean {
  return nodes.some(
    (n) => n.type === 'break' || ('children' in n && hasBreak(n.children as PhrasingContent[])),
  );
}

const readHeading: ReadHandler = (el, state) => {
  if (!onlyAttrs(el)) return null;
  const depth = Number(el.name.slice(1)) as Heading['depth'];
  const children = state.inlines(el.children);
  return hasBreak(children) ? null : [{ type: 'heading', depth, children }];
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
