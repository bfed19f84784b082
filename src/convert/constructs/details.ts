/** `<details><summary>Title</summary>` … `</details>` (body in Markdown, blank lines around it) ⇄ the expand macro. */
import type { BlockContent, Html, RootContent } from 'mdast';
import type { Construct, SequenceHook } from '../registry.js';
import type { Details } from '../nodes.js';
import { macro } from '../xml/escape.js';
import { onlyAttrs } from '../xml/kinds.js';
import { attr, onlyElements, textOf } from '../xml/parse.js';

const OPEN = /^<details>\s*(?:<summary>([^<]*)<\/summary>)?\s*$/i;
const CLOSE = /^<\/details>$/i;

const DECODE: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&amp;': '&',
  '&#10;': '\n',
  '&#9;': '\t',
};
const ENCODE: Record<string, string> = Object.fromEntries(Object.entries(DECODE).map(([k, v]) => [v, k]));

function decodeHtml(s: string): string {
  return s.replace(/&lt;|&gt;|&quot;|&amp;|&#10;|&#9;/g, (e) => DECODE[e]!);
}

/** A title's line breaks and tabs (the indentation of a pretty-printed export) as references: one line. */
function encodeHtml(s: string): string {
  return s.replace(/[&<>"\n\t]/g, (c) => ENCODE[c]!);
}

function expand(summary: string | undefined, body: string): string {
  return macro(
    'expand',
    summary === undefined ? [] : [['title', summary]],
    `<ac:rich-text-body>${body}</ac:rich-text-body>`,
  );
}

const writeDetails: SequenceHook<RootContent> = (nodes, i, state) => {
  const node = nodes[i]!;
  if (node.type === 'details')
    return { storage: expand(node.summary, state.blocks(node.children)), next: i + 1 };
  const open = node.type === 'html' ? OPEN.exec(node.value.trim()) : null;
  if (!open) return null;
  let depth = 0;
  for (let j = i + 1; j < nodes.length; j++) {
    const n = nodes[j]!;
    if (n.type !== 'html') continue;
    const v = (n as Html).value.trim();
    if (OPEN.test(v)) depth++;
    else if (CLOSE.test(v)) {
      if (depth-- > 0) continue;
      const summary = open[1] === undefined ? undefined : decodeHtml(open[1]);
      return { storage: expand(summary, state.blocks(nodes.slice(i + 1, j))), next: j + 1 };
    }
  }
  return null;
};

export const details: Construct = {
  name: 'details',
  read: {
    'macro:expand': (el, state) => {
      const parts = onlyElements(el);
      if (!parts || !onlyAttrs(el, 'ac:name')) return null;
      let summary: string | undefined;
      let body: BlockContent[] | null = null;
      for (const part of parts) {
        if (part.name === 'ac:parameter' && attr(part, 'ac:name') === 'title' && summary === undefined) {
          summary = textOf(part);
          if (summary.includes('\r')) return null;
        } else if (part.name === 'ac:rich-text-body' && body === null)
          body = state.blocks(part.children) as BlockContent[];
        else return null;
      }
      const node: Details = {
        type: 'details',
        children: body ?? [],
        ...(summary === undefined ? {} : { summary }),
      };
      return body ? [node] : null;
    },
  },
  blockHooks: [writeDetails],
  markdown: {
    details: (node: Details, _parent, state, info) => {
      const inner = state.containerFlow(node, state.createTracker(info).current());
      const summary = node.summary === undefined ? '' : `\n<summary>${encodeHtml(node.summary)}</summary>`;
      return `<details>${summary}\n\n${inner ? `${inner}\n\n` : ''}</details>`;
    },
  },
  fixtures: [
    {
      name: 'expand',
      markdown: '<details>\n<summary>More &lt;info&gt;</summary>\n\nHidden *text*.\n\n</details>\n',
      storage:
        '<ac:structured-macro ac:name="expand" ac:schema-version="1"><ac:parameter ac:name="title">More &lt;info&gt;</ac:parameter><ac:rich-text-body><p>Hidden <em>text</em>.</p></ac:rich-text-body></ac:structured-macro>',
    },
    {
      name: 'a title of a pretty-printed export: line breaks and tabs as references',
      markdown: '<details>\n<summary>&#10;    What is it?&#9;&#10;   </summary>\n\nText.\n\n</details>\n',
      storage:
        '<ac:structured-macro ac:name="expand" ac:schema-version="1"><ac:parameter ac:name="title">\n    What is it?\t\n   </ac:parameter><ac:rich-text-body><p>Text.</p></ac:rich-text-body></ac:structured-macro>',
    },
  ],
};
