/**
 * Bullet and ordered lists, nested and mixed, with start numbers. A tight list ⇄ `<li>` holding
 * inline content directly; a loose list (blank lines between items) ⇄ `<li><p>…</p></li>`.
 */
import type { BlockContent, List, ListItem, RootContent } from 'mdast';
import type { Construct, ReadHandler, ReadState, WriteState } from '../registry.js';
import { isBlockAt } from '../xml/kinds.js';
import { onlyAttrs } from '../xml/kinds.js';
import { type AnyNode, type Element, isBlank, isElement, onlyElements } from '../xml/parse.js';

/** Item content written tight: the paragraphs' inline content directly, other blocks as blocks. */
export function writeTight(children: RootContent[], state: WriteState): string {
  return children
    .map((c) => (c.type === 'paragraph' ? state.inlines(c.children) : state.blocks([c])))
    .join('');
}

/** Tight item content read back: runs of inline content become paragraphs. */
export function readTight(nodes: AnyNode[], state: ReadState): BlockContent[] {
  const out: BlockContent[] = [];
  let run: AnyNode[] = [];
  const flush = (): void => {
    if (run.some((n) => !isBlank(n))) out.push({ type: 'paragraph', children: state.inlines(run) });
    run = [];
  };
  for (const [i, node] of nodes.entries()) {
    if (isBlockAt(nodes, i)) {
      flush();
      out.push(...(state.blocks([node]) as BlockContent[]));
    } else run.push(node);
  }
  flush();
  return out;
}

/** 'loose' when the item wraps its text in paragraphs, 'tight' when it holds text directly, null when either fits. */
function itemForm(li: Element): 'loose' | 'tight' | 'mixed' | null {
  const hasP = li.children.some((c) => isElement(c) && c.name === 'p');
  const hasInline = li.children.some((c, i) => !isBlank(c) && !isBlockAt(li.children, i));
  return hasP && hasInline ? 'mixed' : hasP ? 'loose' : hasInline ? 'tight' : null;
}

const readList: ReadHandler = (el, state) => {
  const ordered = el.name === 'ol';
  if (!onlyAttrs(el, ...(ordered ? ['start'] : []))) return null;
  const items = onlyElements(el);
  if (!items || items.length === 0 || !items.every((li) => li.name === 'li' && onlyAttrs(li))) return null;
  const start = ordered ? Number(el.attribs.start ?? '1') : null;
  if (start !== null && !(Number.isInteger(start) && start >= 0 && start < 1e9)) return null;
  const forms = new Set(items.map(itemForm));
  if (forms.has('mixed') || (forms.has('loose') && forms.has('tight'))) return null;
  const loose = forms.has('loose');
  if (loose && items.length === 1 && items[0]!.children.filter((c) => !isBlank(c)).length < 2) return null;
  const children: ListItem[] = items.map((li) => ({
    type: 'listItem',
    spread: loose,
    checked: null,
    children: loose ? (state.blocks(li.children) as BlockContent[]) : readTight(li.children, state),
  }));
  const list: List = { type: 'list', ordered, start, spread: loose, children };
  return [list];
};

export const list: Construct = {
  name: 'list',
  read: { ul: readList, ol: readList },
  write: {
    list: (node, state) => {
      // a single item with a single block cannot show looseness in Markdown: always tight
      const single = node.children.length === 1 && node.children[0]!.children.length < 2;
      const loose = !single && (node.spread === true || node.children.some((i) => i.spread === true));
      const tag = node.ordered ? 'ol' : 'ul';
      const start =
        node.ordered && typeof node.start === 'number' && node.start !== 1 ? ` start="${node.start}"` : '';
      const items = node.children
        .map((item) => `<li>${loose ? state.blocks(item.children) : writeTight(item.children, state)}</li>`)
        .join('');
      return `<${tag}${start}>${items}</${tag}>`;
    },
  },
  fixtures: [
    {
      name: 'nested and mixed',
      markdown: '- a\n  1. one\n  2. two\n- b\n',
      storage: '<ul><li>a<ol><li>one</li><li>two</li></ol></li><li>b</li></ul>',
    },
    { name: 'start number', markdown: '3. c\n4. d\n', storage: '<ol start="3"><li>c</li><li>d</li></ol>' },
    {
      name: 'loose',
      markdown: '- a\n\n  more\n\n- b\n',
      storage: '<ul><li><p>a</p><p>more</p></li><li><p>b</p></li></ul>',
    },
    {
      name: 'code inside an item',
      markdown: '- see\n\n  ```sh\n  ls\n  ```\n',
      storage:
        '<ul><li><p>see</p><ac:structured-macro ac:name="code" ac:schema-version="1"><ac:parameter ac:name="language">sh</ac:parameter><ac:plain-text-body><![CDATA[ls]]></ac:plain-text-body></ac:structured-macro></li></ul>',
    },
  ],
};
