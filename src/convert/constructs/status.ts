/**
 * Status lozenges ⇄ `<span data-status="Green">DONE</span>` (GitHub shows the text; the colour is
 * Confluence's: Grey, Red, Yellow, Green, Blue, Purple; no colour = `<span data-status>`). The old editor
 * writes the colour parameter first, the Cloud editor the title: `data-title-first` keeps the latter order.
 */
import type { PhrasingContent, Text } from 'mdast';
import type { Construct, SequenceHook } from '../registry.js';
import type { Status } from '../nodes.js';
import { macro } from '../xml/escape.js';
import { onlyAttrs } from '../xml/kinds.js';
import { attr, onlyElements, textOf } from '../xml/parse.js';

const OPEN = /^<span data-status(?:="([A-Za-z]*)")?( data-title-first)?>$/;

function lozenge(colour: string | undefined, title: string, titleFirst = false): string {
  const colours: [string, string][] = colour ? [['colour', colour]] : [];
  return macro('status', titleFirst ? [['title', title], ...colours] : [...colours, ['title', title]]);
}

const writeStatus: SequenceHook<PhrasingContent> = (nodes, i) => {
  const node = nodes[i]!;
  const open = node.type === 'html' ? OPEN.exec(node.value) : null;
  if (!open) return null;
  const text = nodes[i + 1];
  const close = text?.type === 'text' ? nodes[i + 2] : text;
  if (close?.type !== 'html' || close.value !== '</span>') return null;
  const title = text?.type === 'text' ? text.value : '';
  return {
    storage: lozenge(open[1] || undefined, title, Boolean(open[2] && open[1])),
    next: i + (text?.type === 'text' ? 3 : 2),
  };
};

export const status: Construct = {
  name: 'status',
  read: {
    'macro:status': (el) => {
      const params = onlyElements(el);
      if (!params || !onlyAttrs(el, 'ac:name')) return null;
      let colour: string | undefined;
      let title = '';
      let titleFirst = false;
      for (const p of params) {
        const name = p.name === 'ac:parameter' ? attr(p, 'ac:name') : undefined;
        if (name === 'colour' && /^[A-Za-z]+$/.test(textOf(p)) && colour === undefined) colour = textOf(p);
        else if (name === 'title' && !/[\n\r]/.test(textOf(p))) {
          titleFirst = colour === undefined;
          title = textOf(p);
        } else return null;
      }
      const node: Status = {
        type: 'status',
        title,
        ...(colour ? { colour } : {}),
        ...(colour && titleFirst ? { titleFirst } : {}),
      };
      return [node];
    },
  },
  write: { status: (node) => lozenge(node.colour, node.title, node.titleFirst) },
  inlineHooks: [writeStatus],
  markdown: {
    status: (node: Status, _parent, state, info) => {
      const text: Text = { type: 'text', value: node.title };
      const inner = node.title ? state.safe(text.value, { ...info, before: '>', after: '<' }) : '';
      const order = node.colour && node.titleFirst ? ' data-title-first' : '';
      return `<span data-status${node.colour ? `="${node.colour}"` : ''}${order}>${inner}</span>`;
    },
  },
  fixtures: [
    {
      name: 'coloured',
      markdown: 'State: <span data-status="Green">DONE</span>\n',
      storage:
        '<p>State: <ac:structured-macro ac:name="status" ac:schema-version="1"><ac:parameter ac:name="colour">Green</ac:parameter><ac:parameter ac:name="title">DONE</ac:parameter></ac:structured-macro></p>',
    },
    {
      name: 'the Cloud editor lists the title first',
      markdown: '<span data-status="Green" data-title-first>added-10.2.2</span> Group\n',
      storage:
        '<p><ac:structured-macro ac:name="status" ac:schema-version="1"><ac:parameter ac:name="title">added-10.2.2</ac:parameter><ac:parameter ac:name="colour">Green</ac:parameter></ac:structured-macro> Group</p>',
    },
    {
      name: 'grey (no colour)',
      markdown: '<span data-status>TODO</span>\n',
      storage:
        '<p><ac:structured-macro ac:name="status"><ac:parameter ac:name="title">TODO</ac:parameter></ac:structured-macro></p>',
    },
  ],
};
