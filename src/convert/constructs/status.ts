/**
 * Status lozenges ⇄ `<span data-status="Green">DONE</span>` (GitHub shows the text; the colour is
 * Confluence's: Grey, Red, Yellow, Green, Blue, Purple; no colour = `<span data-status>`).
 */
import type { PhrasingContent, Text } from 'mdast';
import type { Construct, SequenceHook } from '../registry.js';
import type { Status } from '../nodes.js';
import { macro } from '../xml/escape.js';
import { onlyAttrs } from '../xml/kinds.js';
import { attr, onlyElements, textOf } from '../xml/parse.js';

const OPEN = /^<span data-status(?:="([A-Za-z]*)")?>$/;

function lozenge(colour: string | undefined, title: string): string {
  return macro('status', [...(colour ? ([['colour', colour]] as [string, string][]) : []), ['title', title]]);
}

const writeStatus: SequenceHook<PhrasingContent> = (nodes, i) => {
  const node = nodes[i]!;
  const open = node.type === 'html' ? OPEN.exec(node.value) : null;
  if (!open) return null;
  const text = nodes[i + 1];
  const close = text?.type === 'text' ? nodes[i + 2] : text;
  if (close?.type !== 'html' || close.value !== '</span>') return null;
  const title = text?.type === 'text' ? text.value : '';
  return { storage: lozenge(open[1] || undefined, title), next: i + (text?.type === 'text' ? 3 : 2) };
};

export const status: Construct = {
  name: 'status',
  read: {
    'macro:status': (el) => {
      const params = onlyElements(el);
      if (!params || !onlyAttrs(el, 'ac:name')) return null;
      let colour: string | undefined;
      let title = '';
      for (const p of params) {
        const name = p.name === 'ac:parameter' ? attr(p, 'ac:name') : undefined;
        if (name === 'colour' && /^[A-Za-z]+$/.test(textOf(p))) colour = textOf(p);
        else if (name === 'title' && !/[\n\r]/.test(textOf(p))) title = textOf(p);
        else return null;
      }
      const node: Status = { type: 'status', title, ...(colour ? { colour } : {}) };
      return [node];
    },
  },
  write: { status: (node) => lozenge(node.colour, node.title) },
  inlineHooks: [writeStatus],
  markdown: {
    status: (node: Status, _parent, state, info) => {
      const text: Text = { type: 'text', value: node.title };
      const inner = node.title ? state.safe(text.value, { ...info, before: '>', after: '<' }) : '';
      return `<span data-status${node.colour ? `="${node.colour}"` : ''}>${inner}</span>`;
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
      name: 'grey (no colour)',
      markdown: '<span data-status>TODO</span>\n',
      storage:
        '<p><ac:structured-macro ac:name="status"><ac:parameter ac:name="title">TODO</ac:parameter></ac:structured-macro></p>',
    },
  ],
};
