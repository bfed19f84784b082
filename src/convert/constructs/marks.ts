/**
 * Inline marks: `*em*` ⇄ `<em>`, `**strong**` ⇄ `<strong>`, `~~del~~` ⇄ `<del>`, `` `code` `` ⇄
 * `<code>`, and the marks Markdown only has as HTML: `<sub>`, `<sup>`, `<u>` (written as the same
 * HTML tags in Markdown). `<b>`, `<i>`, `<s>` are read as strong, em and del (Confluence treats
 * them alike).
 */
import type { PhrasingContent } from 'mdast';
import type { Construct, ReadHandler, ReadState, SequenceHook } from '../registry.js';
import type { HtmlMark } from '../nodes.js';
import { escapeText } from '../xml/escape.js';
import { onlyAttrs } from '../xml/kinds.js';
import { type Element, textOf } from '../xml/parse.js';
import { textWithEmoticons } from './emoticon.js';

const HTML_MARKS = ['sub', 'sup', 'u'];

/** Content Markdown can wrap in a mark: not empty, no whitespace at its edges. */
function markable(children: PhrasingContent[]): boolean {
  if (children.length === 0) return false;
  const first = children[0]!;
  const last = children[children.length - 1]!;
  if (first.type === 'text' && /^\s/.test(first.value)) return false;
  if (last.type === 'text' && /\s$/.test(last.value)) return false;
  return first.type !== 'break' && last.type !== 'break';
}

function mark(type: 'strong' | 'emphasis' | 'delete'): ReadHandler {
  return (el, state) => {
    if (!onlyAttrs(el)) return null;
    const children = state.inlines(el.children);
    return markable(children) ? [{ type, children } as PhrasingContent] : null;
  };
}

const readHtmlMark: ReadHandler = (el: Element, state: ReadState) => {
  if (!onlyAttrs(el)) return null;
  const children = state.inlines(el.children);
  return children.length ? [{ type: 'htmlMark', tag: el.name, children }] : null;
};

/** `<sub>`…`</sub>` written in Markdown: an opening and a closing html node among the siblings. */
const pairedHtmlMark: SequenceHook<PhrasingContent> = (nodes, i, state) => {
  const open = nodes[i]!;
  if (open.type !== 'html') return null;
  const tag = /^<(sub|sup|u)>$/i.exec(open.value)?.[1]?.toLowerCase();
  if (!tag) return null;
  let depth = 0;
  for (let j = i + 1; j < nodes.length; j++) {
    const n = nodes[j]!;
    if (n.type !== 'html') continue;
    if (n.value.toLowerCase() === `<${tag}>`) depth++;
    else if (n.value.toLowerCase() === `</${tag}>`) {
      if (depth === 0)
        return { storage: `<${tag}>${state.inlines(nodes.slice(i + 1, j))}</${tag}>`, next: j + 1 };
      depth--;
    }
  }
  return null;
};

export const marks: Construct = {
  name: 'marks',
  read: {
    strong: mark('strong'),
    b: mark('strong'),
    em: mark('emphasis'),
    i: mark('emphasis'),
    del: mark('delete'),
    s: mark('delete'),
    code: (el) => {
      if (!onlyAttrs(el) || !el.children.every((c) => c.type === 'text' || c.type === 'cdata')) return null;
      const value = textOf(el);
      return value === '' ? null : [{ type: 'inlineCode', value }];
    },
    ...Object.fromEntries(HTML_MARKS.map((t) => [t, readHtmlMark])),
  },
  write: {
    text: (node, state) => textWithEmoticons(node, state) ?? escapeText(node.value),
    emphasis: (node, state) => `<em>${state.inlines(node.children)}</em>`,
    strong: (node, state) => `<strong>${state.inlines(node.children)}</strong>`,
    delete: (node, state) => `<del>${state.inlines(node.children)}</del>`,
    inlineCode: (node) => `<code>${escapeText(node.value)}</code>`,
    htmlMark: (node, state) => `<${node.tag}>${state.inlines(node.children)}</${node.tag}>`,
  },
  inlineHooks: [pairedHtmlMark],
  markdown: {
    htmlMark: (node: HtmlMark, _parent, state, info) =>
      `<${node.tag}>${state.containerPhrasing(node, { ...info, before: '>', after: '<' })}</${node.tag}>`,
  },
  fixtures: [
    {
      name: 'strong, emphasis, strike, code',
      markdown: '**bold** *it* ~~gone~~ `x < y`\n',
      storage: '<p><strong>bold</strong> <em>it</em> <del>gone</del> <code>x &lt; y</code></p>',
    },
    { name: 'nested', markdown: '***both***\n', storage: '<p><em><strong>both</strong></em></p>' },
    {
      name: 'sub, sup, u',
      markdown: 'H<sub>2</sub>O x<sup>2</sup> <u>under</u>\n',
      storage: '<p>H<sub>2</sub>O x<sup>2</sup> <u>under</u></p>',
    },
    {
      name: 'b and i are read as strong and em',
      markdown: '**a** *b*\n',
      storage: '<p><b>a</b> <i>b</i></p>',
      direction: 'toMarkdown',
    },
    {
      name: 'space at the edge of a mark moves outside it',
      markdown: '**a** b\n',
      storage: '<p><strong>a </strong>b</p>',
      direction: 'toMarkdown',
    },
  ],
};
