/**
 * GFM task lists `- [ ] todo` / `- [x] done` ⇄ `<ac:task-list>`. A task's id and uuid are its identity
 * in Confluence (task reports, assignees), so a pulled task keeps them in a short comment at the end
 * of its text, `- [ ] todo <!--task 59 0b3e…-->`; a task written without one gets the next free id.
 * A page whose tasks are numbered 1, 2, 3… in order without uuids (as this converter writes them)
 * needs no comments: they would come back the same.
 */
import type { BlockContent, List, ListItem, Paragraph, RootContent } from 'mdast';
import type { Construct, ReadState, SequenceHook, WriteState } from '../registry.js';
import { onlyAttrs } from '../xml/kinds.js';
import { childElements, onlyElements, textOf } from '../xml/parse.js';
import { readTight, writeTight } from './list.js';

const TASK_MARK = /^<!--task (\d{1,9})(?: ([\w-]{1,80}))?-->$/;

/** Ids written in this document's task comments: a new task must not take one of them. */
const usedIds = new WeakMap<WriteState, Set<number>>();

function freeId(state: WriteState): number {
  let used = usedIds.get(state);
  if (!used) {
    used = new Set([...(state.source ?? '').matchAll(/<!--task (\d{1,9})/g)].map((m) => Number(m[1])));
    usedIds.set(state, used);
  }
  while (used.has(state.nextTaskId)) state.nextTaskId++;
  return state.nextTaskId++;
}

/** The item's identity comment, taken out of its first paragraph. */
function takeIdentity(item: ListItem): { children: BlockContent[]; id?: string; uuid?: string } {
  const first = item.children[0];
  if (first?.type !== 'paragraph') return { children: item.children as BlockContent[] };
  const last = first.children[first.children.length - 1];
  const m = last?.type === 'html' ? TASK_MARK.exec(last.value) : null;
  if (!m) return { children: item.children as BlockContent[] };
  const inline = first.children.slice(0, -1);
  const end = inline[inline.length - 1];
  if (end?.type === 'text') inline[inline.length - 1] = { ...end, value: end.value.replace(/[ \t]+$/, '') };
  const rest = item.children.slice(1) as BlockContent[];
  const paragraph: Paragraph = { ...first, children: inline };
  return {
    children: inline.length ? [paragraph, ...rest] : rest,
    id: m[1]!,
    ...(m[2] === undefined ? {} : { uuid: m[2] }),
  };
}

const writeTaskList: SequenceHook<RootContent> = (nodes, i, state) => {
  const node = nodes[i]!;
  if (node.type !== 'list' || node.ordered || node.children.length === 0) return null;
  if (!node.children.every((item) => typeof item.checked === 'boolean')) return null;
  const tasks = node.children
    .map((item) => {
      const identity = takeIdentity(item);
      const id = identity.id ?? String(freeId(state));
      const uuid = identity.uuid === undefined ? '' : `<ac:task-uuid>${identity.uuid}</ac:task-uuid>`;
      const status = item.checked ? 'complete' : 'incomplete';
      return `<ac:task><ac:task-id>${id}</ac:task-id>${uuid}<ac:task-status>${status}</ac:task-status><ac:task-body>${writeTight(identity.children, state)}</ac:task-body></ac:task>`;
    })
    .join('');
  return { storage: `<ac:task-list>${tasks}</ac:task-list>`, next: i + 1 };
};

/** Whether the page's task ids are what the writer assigns anyway (1…n in order, no uuids). */
const implicitIds = new WeakMap<ReadState, boolean>();

function idsImplicit(state: ReadState): boolean {
  let implicit = implicitIds.get(state);
  if (implicit === undefined) {
    const ids = [...state.source.matchAll(/<ac:task-id>\s*([^<]*?)\s*<\/ac:task-id>/g)].map((m) => m[1]);
    implicit = !state.source.includes('<ac:task-uuid') && ids.every((id, i) => id === String(i + 1));
    implicitIds.set(state, implicit);
  }
  return implicit;
}

function withIdentity(children: BlockContent[], id: string, uuid: string): BlockContent[] {
  const mark = { type: 'html' as const, value: `<!--task ${id}${uuid ? ` ${uuid}` : ''}-->` };
  const first = children[0];
  if (first?.type !== 'paragraph') return [{ type: 'paragraph', children: [mark] }, ...children];
  return [
    { ...first, children: [...first.children, { type: 'text', value: ' ' }, mark] },
    ...children.slice(1),
  ];
}

export const taskList: Construct = {
  name: 'task-list',
  read: {
    // Cloud wraps task text in a span of its own; it carries nothing
    span: (el, state) =>
      el.attribs.class === 'placeholder-inline-tasks' && Object.keys(el.attribs).length === 1
        ? state.inlines(el.children)
        : null,
    'ac:task-list': (el, state) => {
      const tasks = onlyElements(el);
      if (!tasks || tasks.length === 0 || !onlyAttrs(el)) return null;
      const items: ListItem[] = [];
      for (const task of tasks) {
        if (task.name !== 'ac:task' || !onlyAttrs(task)) return null;
        let status: string | null = null;
        let body = null;
        let id = '';
        let uuid = '';
        for (const part of childElements(task)) {
          if (part.name === 'ac:task-status') status = textOf(part).trim();
          else if (part.name === 'ac:task-body') body = part;
          else if (part.name === 'ac:task-id') id = textOf(part).trim();
          else if (part.name === 'ac:task-uuid') uuid = textOf(part).trim();
          else return null;
        }
        if ((status !== 'complete' && status !== 'incomplete') || !body) return null;
        if (!/^\d{1,9}$/.test(id) || (uuid !== '' && !/^[\w-]{1,80}$/.test(uuid))) return null;
        items.push({
          type: 'listItem',
          spread: false,
          checked: status === 'complete',
          children: idsImplicit(state)
            ? readTight(body.children, state)
            : withIdentity(readTight(body.children, state), id, uuid),
        });
      }
      const list: List = { type: 'list', ordered: false, start: null, spread: false, children: items };
      return [list];
    },
  },
  blockHooks: [writeTaskList],
  fixtures: [
    {
      name: 'tasks',
      markdown: '- [ ] write\n- [x] review **it**\n',
      storage:
        '<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>write</ac:task-body></ac:task><ac:task><ac:task-id>2</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>review <strong>it</strong></ac:task-body></ac:task></ac:task-list>',
    },
    {
      name: 'new tasks get the next free ids',
      markdown: '- [ ] a\n- [ ] b <!--task 1-->\n',
      storage:
        '<ac:task-list><ac:task><ac:task-id>2</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>a</ac:task-body></ac:task><ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>b</ac:task-body></ac:task></ac:task-list>',
      direction: 'toStorage',
    },
    {
      name: 'Cloud ids and uuids are kept',
      markdown: '- [x] done <!--task 17 0b3e-->\n',
      storage:
        '<ac:task-list ac:task-list-id="abc"><ac:task><ac:task-id>17</ac:task-id><ac:task-uuid>0b3e</ac:task-uuid><ac:task-status>complete</ac:task-status><ac:task-body><span class="placeholder-inline-tasks">done</span></ac:task-body></ac:task></ac:task-list>',
      direction: 'toMarkdown',
    },
  ],
};
