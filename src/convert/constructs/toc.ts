/** `[TOC]` on its own line (optionally `[TOC maxLevel=3 style=none]`) ⇄ the toc macro. */
import type { RootContent } from 'mdast';
import type { Construct, SequenceHook } from '../registry.js';
import type { Toc } from '../nodes.js';
import { macro } from '../xml/escape.js';
import { onlyAttrs } from '../xml/kinds.js';
import { attr, onlyElements, textOf } from '../xml/parse.js';

const MARKER = /^\[TOC((?: [A-Za-z]+=[^\s\]\\]+)*)\]$/;
const VALUE = /^[^\s\]\\*_`[<>&]+$/;

const writeToc: SequenceHook<RootContent> = (nodes, i, state) => {
  const node = nodes[i]!;
  if (node.type === 'toc') return { storage: macro('toc', node.params), next: i + 1 };
  if (node.type !== 'paragraph' || node.children.length !== 1 || !state.source || !node.position) return null;
  const text = node.children[0]!;
  if (text.type !== 'text') return null;
  const raw = state.source.slice(node.position.start.offset, node.position.end.offset);
  const m = raw === text.value ? MARKER.exec(raw) : null;
  if (!m) return null;
  const params = [...m[1]!.matchAll(/ ([A-Za-z]+)=(\S+)/g)].map((p) => [p[1]!, p[2]!] as [string, string]);
  return { storage: macro('toc', params), next: i + 1 };
};

export const toc: Construct = {
  name: 'toc',
  read: {
    'macro:toc': (el) => {
      const parts = onlyElements(el);
      if (!parts || !onlyAttrs(el, 'ac:name')) return null;
      const params: [string, string][] = [];
      for (const p of parts) {
        const name = p.name === 'ac:parameter' ? (attr(p, 'ac:name') ?? '') : '';
        if (!/^[A-Za-z]+$/.test(name) || !VALUE.test(textOf(p))) return null;
        params.push([name, textOf(p)]);
      }
      const node: Toc = { type: 'toc', params };
      return [node];
    },
  },
  blockHooks: [writeToc],
  markdown: {
    toc: (node: Toc) => `[TOC${node.params.map(([k, v]) => ` ${k}=${v}`).join('')}]`,
  },
  fixtures: [
    {
      name: 'plain',
      markdown: '[TOC]\n',
      storage: '<ac:structured-macro ac:name="toc" ac:schema-version="1"></ac:structured-macro>',
    },
    {
      name: 'with parameters',
      markdown: '[TOC maxLevel=3 style=none]\n',
      storage:
        '<ac:structured-macro ac:name="toc"><ac:parameter ac:name="maxLevel">3</ac:parameter><ac:parameter ac:name="style">none</ac:parameter></ac:structured-macro>',
    },
    { name: 'escaped stays text', markdown: '\\[TOC]\n', storage: '<p>[TOC]</p>' },
  ],
};
