/** Hard line breaks (`\` or two spaces at the end of a line) ⇄ `<br/>`. */
import type { Construct } from '../registry.js';

export const lineBreak: Construct = {
  name: 'break',
  read: { br: (el) => (Object.keys(el.attribs).length ? null : [{ type: 'break' }]) },
  write: { break: () => '<br/>' },
  fixtures: [
    { name: 'backslash', markdown: 'a\\\nb\n', storage: '<p>a<br/>b</p>' },
    { name: 'two spaces', markdown: 'a  \nb\n', storage: '<p>a<br/>b</p>', direction: 'toStorage' },
  ],
};
