/**
 * Raw HTML written in Markdown (blocks and inline tags Confluence has no element for) ⇄ the `html`
 * macro with the HTML as its plain-text body, so it comes back exactly as written (and renders
 * where the html macro is enabled). `<br>` in any spelling is a line break.
 */
import type { Construct } from '../registry.js';
import { cdata, macro } from '../xml/escape.js';
import { onlyAttrs } from '../xml/kinds.js';
import { onlyElements, textOf } from '../xml/parse.js';

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
      if (node.type !== 'html' || !/^<br\s*\/?>$/i.test(node.value)) return null;
      return { storage: htmlMacro(node.value), next: i + 1 };
    },
  ],
  write: {
    html: (node) => {
      if (/^<br\s*\/?>$/i.test(node.value)) return '<br/>';
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
