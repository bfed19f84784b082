/**
 * Footnotes. A reference `[^label]` ⇄ `<sup>` holding a link to the anchor `fn-label`; a
 * definition `[^label]: text` ⇄ a paragraph that opens with that anchor and `<sup>label</sup>`.
 * Definitions are written where they stand in the Markdown (usually the end of the page).
 */
import type { FootnoteDefinition, PhrasingContent } from 'mdast';
import type { Construct, ReadHandler } from '../registry.js';
import { cdata, escapeAttr, escapeText, macro } from '../xml/escape.js';
import { onlyAttrs } from '../xml/kinds.js';
import { type Element, attr, isBlank, isElement, onlyElements, textOf } from '../xml/parse.js';

const PREFIX = 'fn-';

function reference(label: string): string {
  return `<sup><ac:link ac:anchor="${escapeAttr(PREFIX + label)}"><ac:plain-text-link-body>${cdata(label)}</ac:plain-text-link-body></ac:link></sup>`;
}

function anchorMacro(name: string): string {
  return macro('anchor', [['', name]]);
}

/** `<sup><ac:link ac:anchor="fn-x">x</ac:link></sup>` → the label x. */
function readReference(el: Element): string | null {
  const inner = onlyElements(el);
  const link = inner?.[0];
  if (!inner || inner.length !== 1 || link?.name !== 'ac:link' || !onlyAttrs(link, 'ac:anchor')) return null;
  const anchor = attr(link, 'ac:anchor') ?? '';
  const body = onlyElements(link);
  if (!anchor.startsWith(PREFIX) || !body || body.length !== 1 || body[0]!.name !== 'ac:plain-text-link-body')
    return null;
  const label = anchor.slice(PREFIX.length);
  return textOf(body[0]!) === label && /^[^\s\]\\^]+$/.test(label) ? label : null;
}

const readDefinition: ReadHandler = (el, state) => {
  const nodes = el.children.filter((c) => !isBlank(c));
  const [anchor, sup] = nodes;
  if (!anchor || !sup || !isElement(anchor) || !isElement(sup) || !onlyAttrs(el)) return null;
  if (anchor.name !== 'ac:structured-macro' || anchor.attribs['ac:name'] !== 'anchor' || sup.name !== 'sup')
    return null;
  const param = onlyElements(anchor);
  if (!param || param.length !== 1 || attr(param[0]!, 'ac:name') !== '') return null;
  const label = textOf(param[0]!).slice(PREFIX.length);
  if (textOf(param[0]!) !== PREFIX + label || textOf(sup) !== label || !/^[^\s\]\\^]+$/.test(label))
    return null;
  const rest = el.children.slice(el.children.indexOf(sup) + 1);
  const first = rest[0];
  if (!first || first.type !== 'text' || !first.data.startsWith(' ')) return null;
  const children = state.inlines(rest);
  const lead = children[0];
  if (lead?.type === 'text') lead.value = lead.value.slice(1);
  const def: FootnoteDefinition = {
    type: 'footnoteDefinition',
    identifier: label.toLowerCase(),
    label,
    children: [
      { type: 'paragraph', children: children.filter((c) => !(c.type === 'text' && c.value === '')) },
    ],
  };
  return [def];
};

export const footnote: Construct = {
  name: 'footnote',
  read: {
    sup: (el) => {
      const label = readReference(el);
      return label === null
        ? null
        : [{ type: 'footnoteReference', identifier: label.toLowerCase(), label } as PhrasingContent];
    },
    p: readDefinition,
  },
  write: {
    footnoteReference: (node) => reference(node.label ?? node.identifier),
    footnoteDefinition: (node, state) => {
      const label = node.label ?? node.identifier;
      const [first, ...rest] = node.children;
      const lead = `${anchorMacro(PREFIX + label)}<sup>${escapeText(label)}</sup> `;
      if (first?.type !== 'paragraph') return `<p>${lead}</p>${state.blocks(node.children)}`;
      return `<p>${lead}${state.inlines(first.children)}</p>${state.blocks(rest)}`;
    },
  },
  fixtures: [
    {
      name: 'reference and definition',
      markdown: 'Fact[^1].\n\n[^1]: Source *here*.\n',
      storage:
        '<p>Fact<sup><ac:link ac:anchor="fn-1"><ac:plain-text-link-body><![CDATA[1]]></ac:plain-text-link-body></ac:link></sup>.</p><p><ac:structured-macro ac:name="anchor" ac:schema-version="1"><ac:parameter ac:name="">fn-1</ac:parameter></ac:structured-macro><sup>1</sup> Source <em>here</em>.</p>',
    },
  ],
};
