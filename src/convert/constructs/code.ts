/**
 * Fenced code ⇄ macros with a plain-text body. The info string's first word is the `language`
 * parameter; the rest is `key=value` pairs (values with spaces in double quotes) for the other
 * parameters: ```` ```py title="A b c" linenumbers=true ```` is the code macro. The body travels as
 * CDATA (`]]>` split). Indented code becomes a fence.
 *
 * Any other macro whose content is a plain-text body (noformat, the old editor's code, third-party
 * macros such as plantuml) names itself with a `macro=NAME` pair (`ac:macro=NAME` for the old editor's
 * `<ac:macro>`), first or right after the language, and keeps its parameters in their order:
 * ```` ```macro=noformat ````, ```` ```java ac:macro=code title="T" ````, ```` ```macro=plantuml
 * atlassian-macro-output-type=INLINE ````. The body stays readable and renders as code on GitHub.
 */
import type { Code, RootContent } from 'mdast';
import type { Construct } from '../registry.js';
import { cdata, escapeAttr, macro, parameter } from '../xml/escape.js';
import { onlyAttrs } from '../xml/kinds.js';
import { type Element, attr, isBlank, isElement, textOf } from '../xml/parse.js';

const PAIR = /^\s*([A-Za-z_][\w.-]*)(?:=(?:"([^"]*)"|([^\s"]+)))?(?=\s|$)/;
const KEY = /^[A-Za-z_][\w.-]*$/;
/** A language the info string's first word can hold. */
const LANGUAGE = /^[^\s`=]+$/;
/** A code macro's language as a fence's first word: MkDocs' `hl_lines="4"` too, but never a macro pair. */
const FENCE_LANGUAGE = /^(?!(?:ac:)?macro=)[^\s`]+$/;
/** `macro=NAME` / `ac:macro=NAME`: the macro a fence stands for, when it is not the code macro. */
const MACRO_PAIR = /^(macro|ac:macro)=([^\s"'`=<>&]+)$/;

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

/**
 * Pairs → an info string. A line break inside a value (the indentation of a pretty-printed export,
 * `"⏎    INLINE⏎   "`) is written `&#xA;` by the serialiser and read back as one: info strings decode
 * character references. A carriage return is not (Markdown's line endings).
 */
function formatMeta(params: [string, string][]): string | null {
  const parts: string[] = [];
  for (const [k, v] of params) {
    if (!KEY.test(k) || v.includes('"') || v.includes('\r')) return null;
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

interface PlainTextMacro {
  tag: 'ac:structured-macro' | 'ac:macro';
  name: string;
  params: [string, string][];
  body: string;
}

/** A macro made of text parameters and a plain-text body, or null when it holds anything else. */
function plainTextMacro(el: Element): PlainTextMacro | null {
  if (!onlyAttrs(el, 'ac:name')) return null;
  const params: [string, string][] = [];
  let body: string | null = null;
  for (const child of el.children) {
    if (isBlank(child)) continue;
    if (!isElement(child)) return null;
    if (child.name === 'ac:parameter' && onlyAttrs(child, 'ac:name') && !child.children.some(isElement))
      params.push([attr(child, 'ac:name') ?? '', textOf(child)]);
    else if (child.name === 'ac:plain-text-body' && body === null && !child.children.some(isElement))
      body = textOf(child);
    else return null;
  }
  // a carriage return does not survive Markdown's line endings
  if (body === null || body.includes('\r')) return null;
  const tag = el.name === 'ac:macro' ? 'ac:macro' : 'ac:structured-macro';
  return { tag, name: attr(el, 'ac:name') ?? '', params, body };
}

/** The code macro as today's fence: the language first, then the other parameters. */
function codeFence(m: PlainTextMacro): Code | null {
  const language = m.params.find(([k]) => k === 'language');
  const lang = language?.[1] ?? null;
  const others = m.params.filter((p) => p !== language);
  const meta = formatMeta(others) ?? rawMeta(others);
  if (meta === null || (lang !== null && !FENCE_LANGUAGE.test(lang)) || (meta !== '' && lang === null))
    return null;
  // a first pair that spells a macro would name another macro
  if (/^(?:macro|ac:macro)=/.test(meta)) return null;
  return { type: 'code', lang, meta: meta || null, value: m.body };
}

/** Any plain-text macro, named by its `macro=`/`ac:macro=` pair, parameters in their order. */
function macroFence(m: PlainTextMacro): Code | null {
  const pair = `${m.tag === 'ac:macro' ? 'ac:macro' : 'macro'}=${m.name}`;
  if (!MACRO_PAIR.test(pair)) return null;
  const [first, ...others] = m.params;
  const lead = first?.[0] === 'language' && LANGUAGE.test(first[1]) ? first[1] : null;
  const meta = formatMeta(lead === null ? m.params : others);
  if (meta === null) return null;
  if (lead === null) return { type: 'code', lang: pair, meta: meta || null, value: m.body };
  return { type: 'code', lang: lead, meta: meta ? `${pair} ${meta}` : pair, value: m.body };
}

function readPlainText(el: Element): RootContent[] | null {
  const m = plainTextMacro(el);
  if (m === null) return null;
  const fence = (m.tag === 'ac:structured-macro' && m.name === 'code' ? codeFence(m) : null) ?? macroFence(m);
  return fence ? [fence] : null;
}

/** The macro a fence's info string names (`macro=`/`ac:macro=` first or after the language), or null. */
function namedMacro(node: Code): Omit<PlainTextMacro, 'body'> | null {
  if (!node.lang) return null;
  let first = node.lang;
  let rest = node.meta ?? '';
  const params: [string, string][] = [];
  if (!MACRO_PAIR.test(first)) {
    const next = /^(\S+)\s*/.exec(rest);
    if (!next || !MACRO_PAIR.test(next[1]!)) return null;
    params.push(['language', first]);
    first = next[1]!;
    rest = rest.slice(next[0].length);
  }
  const [, kind, name] = MACRO_PAIR.exec(first)!;
  params.push(...(parseMeta(rest) ?? [['title', rest]]));
  return { tag: kind === 'ac:macro' ? 'ac:macro' : 'ac:structured-macro', name: name!, params };
}

export const code: Construct = {
  name: 'code',
  read: {
    // every structured macro with a plain-text body reaches this one after its own construct declined
    'macro:*': readPlainText,
    'ac:macro': readPlainText,
  },
  write: {
    code: (node: Code) => {
      const body = `<ac:plain-text-body>${cdata(node.value)}</ac:plain-text-body>`;
      const named = namedMacro(node);
      if (named) {
        const inner = named.params.map(([k, v]) => parameter(k, v)).join('') + body;
        return `<${named.tag} ac:name="${escapeAttr(named.name)}">${inner}</${named.tag}>`;
      }
      const params: [string, string][] = node.lang ? [['language', node.lang]] : [];
      if (node.meta) params.push(...(parseMeta(node.meta) ?? [['title', node.meta]]));
      return macro('code', params, body);
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
    {
      name: 'noformat',
      markdown: '```macro=noformat\nsome [[line]]\n  {{another}}\n```\n',
      storage:
        '<ac:structured-macro ac:name="noformat"><ac:plain-text-body><![CDATA[some [[line]]\n  {{another}}]]></ac:plain-text-body></ac:structured-macro>',
    },
    {
      name: "the old editor's code macro stays an ac:macro, its parameters in their order",
      markdown: '```ac:macro=code title="Bloc code title" theme=DJango language=java\nContent\n```\n',
      storage:
        '<ac:macro ac:name="code"><ac:parameter ac:name="title">Bloc code title</ac:parameter><ac:parameter ac:name="theme">DJango</ac:parameter><ac:parameter ac:name="language">java</ac:parameter><ac:plain-text-body><![CDATA[Content]]></ac:plain-text-body></ac:macro>',
    },
    {
      name: 'a third-party macro with a plain-text body, its language first',
      markdown: '```java macro=paste-code-macro title="Hello World"\nclass A {}\n```\n',
      storage:
        '<ac:structured-macro ac:name="paste-code-macro"><ac:parameter ac:name="language">java</ac:parameter><ac:parameter ac:name="title">Hello World</ac:parameter><ac:plain-text-body><![CDATA[class A {}]]></ac:plain-text-body></ac:structured-macro>',
    },
    {
      name: 'a code macro with parameters but no language',
      markdown: '```macro=code title="A b"\nx\n```\n',
      storage:
        '<ac:structured-macro ac:name="code"><ac:parameter ac:name="title">A b</ac:parameter><ac:plain-text-body><![CDATA[x]]></ac:plain-text-body></ac:structured-macro>',
    },
  ],
};
