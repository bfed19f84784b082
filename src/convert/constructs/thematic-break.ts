/** `---` ⇄ `<hr/>`. */
import type { Construct } from '../registry.js';

export const thematicBreak: Construct = {
  name: 'thematic-break',
  read: { hr: (el) => (Object.keys(el.attribs).length ? null : [{ type: 'thematicBreak' }]) },
  write: { thematicBreak: () => '<hr/>' },
  fixtures: [
    { name: 'rule', markdown: 'a\n\n***\n\nb\n', storage: '<p>a</p><hr/><p>b</p>' },
    { name: 'dashes', markdown: 'a\n\n---\n', storage: '<p>a</p><hr/>', direction: 'toStorage' },
  ],
};
