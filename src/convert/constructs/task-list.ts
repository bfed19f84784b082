/** GFM task lists `- [ ] todo` / `- [x] done` ⇄ `<ac:task-list>` (task ids are renumbered; Confluence's uuids are not kept). */
import type { List, ListItem, RootContent } from 'mdast';
import type { Construct, SequenceHook } from '../registry.js';
import { onlyAttrs } from '../xml/kinds.js';
import { childElements, onlyElements, textOf } from '../xml/parse.js';
import { readTight, writeTight } from './list.js';

const writeTaskList: SequenceHook<RootContent> = (nodes, i, state) => {
  const node = nodes[i]!;
  if (node.type !== 'list' || node.ordered || node.children.length === 0) return null;
  if (!node.children.every((item) => typeof item.checked === 'boolean')) return null;
  const tasks = node.children
    .map((item) => {
      const id = state.nextTaskId++;
      const status = item.checked ? 'complete' : 'incomplete';
      return `<ac:task><ac:task-id>${id}</ac:task-id><ac:task-status>${status}</ac:task-status><ac:task-body>${writeTight(item.children, state)}</ac:task-body></ac:task>`;
    })
    .join('');
  return { storage: `<ac:task-list>${tasks}</ac:task-list>`, next: i + 1 };
};

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
        for (const part of childElements(task)) {
          if (part.name === 'ac:task-status') status = textOf(part).trim();
          else if (part.name === 'ac:task-body') body = part;
          else if (part.name !== 'ac:task-id' && part.name !== 'ac:task-uuid') return null;
        }
        if ((status !== 'complete' && status !== 'incomplete') || !body) return null;
        items.push({
          type: 'listItem',
          spread: false,
          checked: status === 'complete',
          children: readTight(body.children, state),
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
      name: 'Cloud ids and uuids are ignored',
      markdown: '- [x] done\n',
      storage:
        '<ac:task-list ac:task-list-id="abc"><ac:task><ac:task-id>17</ac:task-id><ac:task-uuid>0b3e</ac:task-uuid><ac:task-status>complete</ac:task-status><ac:task-body><span class="placeholder-inline-tasks">done</span></ac:task-body></ac:task></ac:task-list>',
      direction: 'toMarkdown',
    },
  ],
};
