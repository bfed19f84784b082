/**
 * GFM finds bare URLs, `www.` addresses and e-mail addresses in text after parsing, on the decoded
 * text, so an escape (`www\.example.com`, `a\@b.com`, `http\://…`) does not stop it. The Markdown a
 * pull writes escapes exactly the text that is not a link; here those escapes are honoured: the
 * escaped character is fenced off with a marker while GFM's transforms run, then the marker goes.
 */
import type { Nodes, Root } from 'mdast';
import type { Extension, Transform } from 'mdast-util-from-markdown';
import { decodeEntities } from './xml/parse.js';

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

/**
 * Indexes in a text node's value of the characters its Markdown source wrote with a backslash. The source
 * is walked beside the value: a character reference (`&amp;`) is one character of the value.
 */
export function escapedIndexes(value: string, raw: string): Set<number> {
  const out = new Set<number>();
  let i = 0;
  let j = 0;
  while (i < raw.length && j < value.length) {
    const c = raw[i]!;
    if (c === '\\' && ASCII_PUNCTUATION.test(raw[i + 1] ?? '') && raw[i + 1] === value[j]) {
      out.add(j);
      i += 2;
      j++;
      continue;
    }
    if (c === '&') {
      const ref = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/.exec(raw.slice(i));
      const decoded = ref ? decodeEntities(ref[0]) : '';
      if (ref && decoded !== ref[0] && value.startsWith(decoded, j)) {
        i += ref[0].length;
        j += decoded.length;
        continue;
      }
    }
    if (c === value[j]) j++;
    i++;
  }
  return out;
}

/** The characters that start a GFM literal link: `www.`, `:` of a scheme, `@` of an address. */
function guarded(value: string, index: number): boolean {
  const c = value[index];
  return c === '@' || c === ':' || (c === '.' && /www$/i.test(value.slice(0, index)));
}

/**
 * GFM's one transform links bare URLs and addresses found in text nodes: every pattern it tries needs
 * `http://`, `https://` or `www.` (any case) or an `@` in the text (test/convert/parse/literal-skip.test.ts).
 */
export const LITERAL_START = /@|www\.|https?:\/\//i;

interface TextLike {
  value: string;
  position?: { start: { offset?: number }; end: { offset?: number } };
}

function textNodes(node: Nodes, out: TextLike[]): void {
  if (node.type === 'text') out.push(node);
  if ('children' in node) for (const child of node.children) textNodes(child, out);
}

/** GFM's from-Markdown extensions with their transforms made to honour the source's escapes. */
export function honouringEscapes(extensions: Extension[], source: string): Extension[] {
  let marker = '\uE000';
  while (source.includes(marker)) marker = String.fromCharCode(marker.charCodeAt(0) + 1);
  const protect = (nodes: TextLike[]): boolean => {
    let any = false;
    for (const node of nodes) {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) continue;
      const raw = source.slice(start, end);
      if (!raw.includes('\\')) continue;
      const escaped = [...escapedIndexes(node.value, raw)].filter((i) => guarded(node.value, i));
      if (escaped.length === 0) continue;
      let value = '';
      let last = 0;
      for (const i of escaped.sort((a, b) => a - b)) {
        value += node.value.slice(last, i) + marker;
        last = i;
      }
      node.value = value + node.value.slice(last);
      any = true;
    }
    return any;
  };
  const unprotect = (tree: Root): void => {
    const nodes: TextLike[] = [];
    textNodes(tree, nodes);
    for (const node of nodes) if (node.value.includes(marker)) node.value = node.value.replaceAll(marker, '');
  };
  return extensions.map((ext) => {
    if (!ext.transforms?.length) return ext;
    const transforms = ext.transforms.map((transform): Transform => (tree) => {
      const nodes: TextLike[] = [];
      textNodes(tree, nodes);
      // four walks of the whole tree (one per pattern) that change nothing when no text can match
      if (!nodes.some((node) => LITERAL_START.test(node.value))) return tree;
      const marked = protect(nodes);
      const result = transform(tree) ?? tree;
      if (marked) unprotect(result);
      return result;
    });
    return { ...ext, transforms };
  });
}
