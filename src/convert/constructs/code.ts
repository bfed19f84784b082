/**
 * Fenced code ⇄ the code macro. The info string's first word is the `language` parameter; the
 * rest is `key=value` pairs (values with spaces in double quotes) for the other parameters:
 * ```` ```py title="A b c" linenumbers=true ````. The body travels as CDATA (`]]>` split).
 * Indented code becomes a fence.
 */
import type { Code } from 'mdast';
import type { Construct } from '../registry.js';
import { cdata, macro } from '../xml/escape.js';
import { onlyAttrs } from '../xml/kinds.js';
import { attr, childElements, textOf } from '../xml/parse.js';

const PAIR = /^\s*([A-Za-z][\w-]*)(?:=(?:"([^"]*)"|([^\s"]+)))?(?=\s|$)/;

/** `title="A b" linenumbers=true` → pairs; null when it is not in that form. */
export function parseMeta(meta: string): [string, string][] | null {
  const out: [string, string][] = [];
  let rest = meta;
  while (rest.trim() !== '') {
    const m = PAIR.exec(rest);
    if (!m) return null;
    out.push([m[1]!, m[2] ?? m[3] ?? 'true']);
    rest = rest.slice(m[0].length);
  }
  return out;
}

function formatMeta(params: [string, string][]): string | null {
  const parts: string[] = [];
  for (const [k, v] of params) {
    if (!/^[A-Za-z][\w-]*$/.test(k) || v.includes('"') || /[\n\r]/.test(v)) return null;
    parts.push(v !== '' && /^[^\s"]+$/.test(v) ? `${k}=${v}` : `${k}="${v}"`);
  }
  return parts.join(' ');
}

/**
 * An info string in no `key=value` form (`title="a.js" {1,3}`, `{file="a" copy=true}`) was kept
 * whole as the title; it goes back as written, since writing it again gives the same title.
 */
function rawMeta(params: [string, string][]): string | null {
  if (params.length !== 1 || params[0]![0] !== 'title') return null;
  const v = params[0]![1];
  return v !== '' && v === v.trim() && !/[\n\r`]/.test(v) && parseMeta(v) === null ? v : null;
}

export const code: Construct = {
  name: 'code',
  read: {
    'macro:code': (el) => {
      if (!onlyAttrs(el, 'ac:name')) return null;
      let lang: string | null = null;
      const params: [string, string][] = [];
      let body: string | null = null;
      for (const child of childElements(el)) {
        if (child.name === 'ac:parameter' && onlyAttrs(child, 'ac:name')) {
          const name = attr(child, 'ac:name') ?? '';
          if (name === 'language' && lang === null) lang = textOf(child);
          else params.push([name, textOf(child)]);
        } else if (child.name === 'ac:plain-text-body' && body === null) body = textOf(child);
        else return null;
      }
      if (body === null) return null;
      if (lang !== null && !/^[^\s`]+$/.test(lang)) return null;
      const meta = formatMeta(params) ?? rawMeta(params);
      if (meta === null || (meta !== '' && lang === null)) return null;
      return [{ type: 'code', lang, meta: meta || null, value: body }];
    },
  },
  write: {
    code: (node: Code) => {
      const params: [string, string][] = node.lang ? [['language', node.lang]] : [];
      if (node.meta) params.push(...(parseMeta(node.meta) ?? [['title', node.meta]]));
      return macro('code', params, `<ac:plain-text-body>${cdata(node.value)}</ac:plain-text-body>`);
    },
  },
  fixtures: [
    {
      name: 'language and parameters',
      markdown: '```py title="A b c" linenumbers=true\ndef f(): pass\n```\n',
      storage:
        '<ac:structured-macro ac:name="code" ac:schema-version="1"><ac:parameter ac:name="language">py</ac:parameter><ac:parameter ac:name="title">A b c</ac:parameter><ac:parameter ac:name="linenumbers">true</ac:parameter><ac:plain-text-body><![CDATA[def f(): pass]]></ac:plain-text-body></ac:structured-macro>',
    },
    {
      name: 'CDATA end inside code',
      markdown: '```\na]]>b\n```\n',
      storage:
        '<ac:structured-macro ac:name="code" ac:schema-version="1"><ac:plain-text-body><![CDATA[a]]]]><![CDATA[>b]]></ac:plain-text-body></ac:structured-macro>',
    },
    {
      name: 'indented code',
      markdown: '    x = 1\n',
      storage:
        '<ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[x = 1]]></ac:plain-text-body></ac:structured-macro>',
      direction: 'toStorage',
    },
  ],
};
