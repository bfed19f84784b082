/**
 * Hard line breaks (`\` or two spaces at the end of a line) ⇄ `<br/>`. In a table cell, where a
 * line ending would end the row, a break is `<br>` at any depth (inside `<sub>`, a link, emphasis).
 */
import { type Handle, defaultHandlers } from 'mdast-util-to-markdown';
import type { Construct } from '../registry.js';

const hardBreak: Handle = (node, parent, state, info) =>
  state.stack.includes('tableCell') ? '<br>' : defaultHandlers.break(node, parent, state, info);

export const lineBreak: Construct = {
  name: 'break',
  read: { br: (el) => (Object.keys(el.attribs).length ? null : [{ type: 'break' }]) },
  write: { break: () => '<br/>' },
  markdown: { break: hardBreak },
  fixtures: [
    { name: 'backslash', markdown: 'a\\\nb\n', storage: '<p>a<br/>b</p>' },
    { name: 'two spaces', markdown: 'a  \nb\n', storage: '<p>a<br/>b</p>', direction: 'toStorage' },
    {
      name: 'in a mark in a table cell',
      markdown: '| a                   |\n| ------------------- |\n| <sub>x<br>*y*</sub> |\n',
      storage:
        '<table><tbody><tr><th>a</th></tr><tr><td><sub>x<br/><em>y</em></sub></td></tr></tbody></table>',
    },
  ],
};
