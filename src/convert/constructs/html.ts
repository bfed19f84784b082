/**
 * Raw HTML written in Markdown (blocks and inline tags Confluence has no element for) ⇄ the `html`
 * macro with the HTML as its plain-text body, so it comes back exactly as written (and renders
 * where the html macro is enabled). `<br>` in any spelling is a line break.
 */
import type { Construct } from '../registry.js';
import { cdata, macro } from '../xml/escape.js';
import { onlyAttrs } from '../xml/kinds.js';
import { onlyElements, textOf } from '../xml/parse.js';

const BR = /^<br\s*\/?>$/i;

function htmlMacro(value: string): string {
  return macro('html', [], `<ac:plain-text-body>${cdata(value)}</ac:plain-text-body>`);
}

export const html: Construct = {
  name: 'html',
  read: {
    'macro:html': (el) => {
      const parts = onlyElements(el);
      if (
        !parts ||
        parts.length !== 1 ||
        parts[0]!.name !== 'ac:plain-text-body' ||
        !onlyAttrs(el, 'ac:name')
      )
        return null;
      const value = textOf(parts[0]!);
      return value === '' ? null : [{ type: 'html', value }];
    },
  },
  blockHooks: [
    // a `<br>` standing alone between blocks is a block of its own, not a line break in a paragraph
    (nodes, i) => {
      const node = nodes[i]!;
      if (node.type !== 'html' || !BR.test(node.value)) return null;
      return { storage: htmlMacro(node.value), next: i + 1 };
    },
    // so is a paragraph of `<br>` tags only (`<br><br>` on a line): as a paragraph it reads as a spacer
    (nodes, i) => {
      const node = nodes[i]!;
      if (node.type !== 'paragraph' || !node.children.some((c) => c.type === 'html')) return null;
      const onlyBreaks = node.children.every((c) =>
        c.type === 'html' ? BR.test(c.value) : c.type === 'text' && c.value.trim() === '',
      );
      if (!onlyBreaks) return null;
      const value = node.children.map((c) => (c as { value: string }).value).join('');
      return { storage: htmlMacro(value), next: i + 1 };
    },
  ],
  inlineHooks: [
    // `<br>` tags ending a paragraph (`text:<br><br>` before a list) go as the html macro: a plain
    // line break there is what the editor leaves behind, and a pull drops it
    (nodes, i) => {
      const node = nodes[i]!;
      if (node.type !== 'html' || !BR.test(node.value)) return null;
      const rest = nodes.slice(i);
      const trailing = rest.every((c) =>
        c.type === 'html' ? BR.test(c.value) : c.type === 'text' && c.value.trim() === '',
      );
      if (!trailing) return null;
      const value = rest.map((c) => (c as { value: string }).value).join('');
      return { storage: htmlMacro(value), next: nodes.length };
    },
  ],
  write: {
    html: (node) => {
      if (BR.test(node.value)) return '<br/>';
      return htmlMacro(node.value);
    },
  },
  fixtures: [
    {
      name: 'HTML block',
      markdown: '<div align="center">\n  <b>hi</b>\n</div>\n',
      storage:
        '<ac:structured-macro ac:name="html" ac:schema-version="1"><ac:plain-text-body><![CDATA[<div align="center">\n  <b>hi</b>\n</div>]]></ac:plain-text-body></ac:structured-macro>',
    },
    {
      name: 'inline HTML',
      markdown: 'press <kbd>Ctrl</kbd>\n',
      storage:
        '<p>press <ac:structured-macro ac:name="html" ac:schema-version="1"><ac:plain-text-body><![CDATA[<kbd>]]></ac:plain-text-body></ac:structured-macro>Ctrl<ac:structured-macro ac:name="html" ac:schema-version="1"><ac:plain-text-body><![CDATA[</kbd>]]></ac:plain-text-body></ac:structured-macro></p>',
    },
    { name: 'br', markdown: 'a<br>b\n', storage: '<p>a<br/>b</p>', direction: 'toStorage' },
  ],
};
