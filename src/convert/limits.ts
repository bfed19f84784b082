/**
 * How deep a document may nest before it is refused (CS-046) instead of converted. The Markdown parser
 * slows down steeply with nesting (an 800-level list took 80 s) and the converters recurse, so a
 * pathological page would stall the run or end in a RangeError; with these limits it fails alone.
 */
import type { Nodes } from 'mdast';
import type { AnyNode } from './xml/dom.js';
import { YAMLException, load, type Schema } from 'js-yaml';
import { SyncError } from '../errors.js';

/** Lists and block quotes inside each other. Real documents stay under ten. */
export const MAX_MARKDOWN_NESTING = 32;
/** Any node inside another, after parsing (inline marks, links, list items and their paragraphs…). */
export const MAX_TREE_DEPTH = 100;
/** XML elements inside each other in a storage body (a 32-level list is 64 of them). */
export const MAX_STORAGE_DEPTH = 200;

function tooDeep(what: string, limit: number): SyncError {
  return new SyncError(
    'CS-046',
    `The ${what} nests more than ${limit} levels deep; confluence-sync converts at most ${limit}.`,
    { hint: 'Flatten the deepest lists, quotes or elements of this page; the other pages are synced.' },
  );
}

/**
 * A cheap upper estimate of the nesting of Markdown text, read from each line's prefix without parsing,
 * so a hostile file is refused before the parser runs: block quotes and list items (by their content
 * columns, and any mix of `>` and markers on one line), other indented containers (footnotes: four
 * columns a level), and nested link and image labels within a block. Fenced code does not count.
 */
export function assertMarkdownNesting(markdown: string, limit = MAX_MARKDOWN_NESTING): void {
  // Content columns of the list items still open (innermost last).
  const open: number[] = [];
  let fence: string | null = null;
  let brackets = 0;
  let start = 0;
  while (start <= markdown.length) {
    let end = markdown.indexOf('\n', start);
    if (end < 0) end = markdown.length;
    const line = markdown.slice(start, end);
    start = end + 1;
    let i = 0;
    let col = 0;
    let quotes = 0;
    let markers = 0;
    let indent = -1;
    for (;;) {
      const ch = line[i];
      if (ch === ' ') col += 1;
      else if (ch === '\t') col += 4 - (col % 4);
      else if (ch === '>') quotes += 1;
      else {
        const marker = /^([-*+]|\d{1,9}[.)])(?=[ \t]|$)/.exec(line.slice(i));
        if (!marker || (fence === null && /^(`{3,}|~{3,})/.test(line.slice(i)))) break;
        if (markers === 0 && quotes === 0) {
          indent = col;
          while (open.length > 0 && open[open.length - 1]! > col) open.pop();
        }
        markers += 1;
        col += marker[0].length;
        i += marker[0].length;
        if (quotes === 0) open.push(col + 1);
        continue;
      }
      i += 1;
    }
    const rest = line.slice(i);
    const fenceMark = /^(`{3,}|~{3,})/.exec(rest)?.[1];
    if (fence !== null) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = null;
      continue;
    }
    if (fenceMark) {
      fence = fenceMark;
      continue;
    }
    if (rest.trim() === '' && markers === 0) {
      brackets = 0;
      continue;
    }
    const items = quotes === 0 ? open.length : open.length + markers;
    const indented = Math.floor((indent < 0 ? col : indent) / 4);
    if (Math.max(items + quotes, indented) > limit) throw tooDeep('Markdown', limit);
    for (let k = i; k < line.length; k++) {
      const ch = line[k];
      if (ch === '\\') k += 1;
      else if (ch === '[') {
        if (++brackets > limit) throw tooDeep('Markdown', limit);
      } else if (ch === ']' && brackets > 0) brackets -= 1;
    }
  }
}

/**
 * Emphasis delimiter runs (`*`, `_`) in one paragraph. The parser pairs them up in time that grows with
 * the square of their number (64 KB of `*a*a…` took 38 s); real paragraphs hold a few dozen.
 */
export const MAX_EMPHASIS_RUNS = 4000;

/**
 * Counts delimiter runs per paragraph (a blank line, a list item, a heading, a table row or a fence
 * starts a new one; fenced code does not count) and refuses the page (CS-046) past the limit.
 */
export function assertEmphasisRuns(markdown: string, limit = MAX_EMPHASIS_RUNS): void {
  let runs = 0;
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const body = line.replace(/^[ \t>]*/, '');
    const fenceMark = /^(`{3,}|~{3,})/.exec(body)?.[1];
    if (fence !== null) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = null;
      continue;
    }
    if (fenceMark) {
      fence = fenceMark;
      runs = 0;
      continue;
    }
    if (body.trim() === '' || /^([-*+]|\d{1,9}[.)])([ \t]|$)|^#|^\|/.test(body)) runs = 0;
    let previous = '';
    for (let k = 0; k < line.length; k++) {
      const ch = line[k]!;
      if (ch === '\\') {
        k += 1;
        previous = '';
        continue;
      }
      if ((ch === '*' || ch === '_') && ch !== previous && ++runs > limit)
        throw new SyncError(
          'CS-046',
          `A paragraph of the Markdown has more than ${limit} runs of * or _ (emphasis markers); confluence-sync converts at most ${limit} per paragraph.`,
          {
            hint: 'Split the paragraph, or escape the characters (\\* and \\_); the other pages are synced.',
          },
        );
      previous = ch === '*' || ch === '_' ? ch : '';
    }
  }
}

/** The depth of a parsed Markdown tree, counted without recursion. */
export function assertTreeDepth(root: Nodes, limit = MAX_TREE_DEPTH): void {
  const stack: [Nodes, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) throw tooDeep('Markdown', limit);
    if ('children' in node) for (const child of node.children) stack.push([child as Nodes, depth + 1]);
  }
}

/** The element depth of a parsed storage body, counted without recursion. */
export function assertStorageDepth(nodes: readonly AnyNode[], limit = MAX_STORAGE_DEPTH): void {
  const stack: [AnyNode, number][] = nodes.map((n) => [n, 1]);
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) throw tooDeep('Confluence page body', limit);
    if ('children' in node) for (const child of node.children) stack.push([child, depth + 1]);
  }
}

/** Front matter is a few keys; a bigger block is an accident or an attack. */
export const MAX_FRONT_MATTER_BYTES = 64 * 1024;
export const MAX_FRONT_MATTER_ALIASES = 100;
export const MAX_FRONT_MATTER_DEPTH = 32;
/** Values after expanding aliases: a "billion laughs" block expands to millions from a few lines. */
export const MAX_FRONT_MATTER_NODES = 10_000;

function frontMatterLimit(what: string): SyncError {
  return new SyncError('CS-047', `The front matter ${what}.`, {
    hint: 'Keep front matter to a few plain keys (title, labels) without YAML anchors and aliases; the other pages are synced.',
  });
}

/**
 * YAML front matter parsed with limits: its size, its nesting, the number of aliases, and the number of
 * values once aliases are expanded (CS-047). Other YAML errors are thrown as js-yaml reports them.
 */
export function loadFrontMatterYaml(yaml: string, options: { schema?: Schema } = {}): unknown {
  if (Buffer.byteLength(yaml) > MAX_FRONT_MATTER_BYTES)
    throw frontMatterLimit(`is over ${MAX_FRONT_MATTER_BYTES / 1024} KB`);
  let data: unknown;
  try {
    data = load(yaml, {
      ...(options.schema ? { schema: options.schema } : {}),
      maxAliases: MAX_FRONT_MATTER_ALIASES,
      maxDepth: MAX_FRONT_MATTER_DEPTH,
    });
  } catch (e) {
    if (e instanceof YAMLException && /maxAliases/.test(e.message))
      throw frontMatterLimit(`uses more than ${MAX_FRONT_MATTER_ALIASES} YAML aliases`);
    if (e instanceof YAMLException && /maxDepth/.test(e.message))
      throw frontMatterLimit(`nests more than ${MAX_FRONT_MATTER_DEPTH} levels deep`);
    if (e instanceof RangeError) throw frontMatterLimit('is too deeply nested to read');
    throw e;
  }
  // Aliases share objects: count every value as often as it would be written out.
  let nodes = 0;
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const value = stack.pop();
    if (++nodes > MAX_FRONT_MATTER_NODES)
      throw frontMatterLimit(`expands to more than ${MAX_FRONT_MATTER_NODES} values (YAML aliases)`);
    if (Array.isArray(value)) for (const v of value) stack.push(v);
    else if (value !== null && typeof value === 'object' && !(value instanceof Date))
      for (const v of Object.values(value)) stack.push(v);
  }
  return data;
}
