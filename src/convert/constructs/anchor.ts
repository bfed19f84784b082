/**
 * `<a id="name"></a>` in the text ⇄ the anchor macro, `<ac:structured-macro ac:name="anchor">` with the
 * name as its nameless parameter (what the editor writes). The HTML spelling is the one Markdown docs use
 * for a link target (`[see](#name)`), and GitHub renders it as one; before, docs pushed it as two raw-HTML
 * macros and pages pulled the anchor as a carried line. Other spellings (`<a name>`, the old editor's
 * default parameter, a named parameter) keep theirs.
 */
import type { Html, PhrasingContent } from 'mdast';
import type { Construct, SequenceHook } from '../registry.js';
import { macro } from '../xml/escape.js';
import { onlyAttrs } from '../xml/kinds.js';
import { attr, onlyElements, textOf } from '../xml/parse.js';

/** A name the attribute can hold as it is: no quote, markup, reference or line break, no edge spaces. */
const NAME = /^(?! )[^"<>&|\n\r\t]+(?<! )$/;
const OPEN = /^<a id="([^"]*)">$/;

const writeAnchor: SequenceHook<PhrasingContent> = (nodes, i) => {
  const open = nodes[i];
  const close = nodes[i + 1];
  if (open?.type !== 'html' || close?.type !== 'html' || close.value !== '</a>') return null;
  const name = OPEN.exec(open.value)?.[1];
  if (name === undefined || !NAME.test(name)) return null;
  return { storage: macro('anchor', [['', name]]), next: i + 2 };
};

export const anchor: Construct = {
  name: 'anchor',
  read: {
    'macro:anchor': (el) => {
      const parts = onlyElements(el);
      if (!parts || parts.length !== 1 || !onlyAttrs(el, 'ac:name')) return null;
      const [param] = parts;
      if (param!.name !== 'ac:parameter' || attr(param!, 'ac:name') !== '' || !onlyAttrs(param!, 'ac:name'))
        return null;
      const name = textOf(param!);
      if (!NAME.test(name) || onlyElements(param!)?.length) return null;
      const nodes: Html[] = [
        { type: 'html', value: `<a id="${name}">` },
        { type: 'html', value: '</a>' },
      ];
      return nodes;
    },
  },
  inlineHooks: [writeAnchor],
  fixtures: [
    {
      name: 'an anchor in the text',
      markdown: 'Step 2<a id="step-2"></a> and <a id="Two words"></a>.\n',
      storage:
        '<p>Step 2<ac:structured-macro ac:name="anchor" ac:schema-version="1"><ac:parameter ac:name="">step-2</ac:parameter></ac:structured-macro> and <ac:structured-macro ac:name="anchor" ac:schema-version="1"><ac:parameter ac:name="">Two words</ac:parameter></ac:structured-macro>.</p>',
    },
    {
      name: 'an anchor alone in its paragraph, and in a heading',
      markdown: '<a id="how-many-backups"></a>\n\n## Backups <a id="b"></a>\n',
      storage:
        '<p><ac:structured-macro ac:name="anchor" ac:schema-version="1" ac:macro-id="9f1c"><ac:parameter ac:name="">how-many-backups</ac:parameter></ac:structured-macro></p><h2>Backups <ac:structured-macro ac:name="anchor"><ac:parameter ac:name="">b</ac:parameter></ac:structured-macro></h2>',
    },
    {
      name: 'other spellings of an anchor keep theirs',
      markdown:
        '<span data-cs=\'ac:macro anchor "top"\'></span> <span data-cs=\'macro anchor ="a&amp;b"\'></span> <span data-cs=\'macro anchor name="x"\'></span>\n',
      storage:
        '<p><ac:macro ac:name="anchor"><ac:default-parameter>top</ac:default-parameter></ac:macro> <ac:structured-macro ac:name="anchor"><ac:parameter ac:name="">a&amp;b</ac:parameter></ac:structured-macro> <ac:structured-macro ac:name="anchor"><ac:parameter ac:name="name">x</ac:parameter></ac:structured-macro></p>',
    },
  ],
};
