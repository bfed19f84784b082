/**
 * REST v1 archive (Cloud; Data Center 7.10+): POST /content/archive {"pages":[{"id":N}]} answers 202 with a
 * long-task id, GET /longtask/{id} reports it. Like a non-Premium Cloud site, one page per request; ids that
 * are not pages, or pages already archived, are a 400 (not a 404). The archive itself happens at once, so the
 * first poll of the task sees it finished.
 */
import { z } from 'zod';
import { ApiError, badRequest } from '../api-error.js';
import { readJson, route, sendJson, type RequestContext, type Route } from '../http-kit.js';
import type { Store } from '../store.js';

const archiveSchema = z.object({
  pages: z
    .array(z.object({ id: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]) }))
    .min(1),
});

interface Task {
  id: string;
  startedAt: number;
}

const tasksByStore = new WeakMap<Store, Map<string, Task>>();
let nextTask = 1;

function tasksOf(store: Store): Map<string, Task> {
  let tasks = tasksByStore.get(store);
  if (!tasks) {
    tasks = new Map();
    tasksByStore.set(store, tasks);
  }
  return tasks;
}

function archiver(prefix: string) {
  return async (ctx: RequestContext): Promise<void> => {
    const input = await readJson(ctx, archiveSchema);
    if (input.pages.length > 1) {
      throw badRequest('Archiving more than one page at a time requires Confluence Premium');
    }
    const id = String(input.pages[0]!.id);
    const page = ctx.store.findPage(id);
    if (!page || page.status === 'trashed') throw badRequest(`Content ${id} does not resolve to a page`);
    ctx.store.archivePage(id);
    const task: Task = { id: `archive-${nextTask++}`, startedAt: Date.now() };
    tasksOf(ctx.store).set(task.id, task);
    sendJson(ctx.res, 202, { id: task.id, links: { status: `${prefix}/longtask/${task.id}` } });
  };
}

function longTask(ctx: RequestContext): void {
  const task = tasksOf(ctx.store).get(ctx.params.id ?? '');
  if (!task) throw new ApiError(404, 'NOT_FOUND', `No task with id ${ctx.params.id ?? ''}`);
  sendJson(ctx.res, 200, {
    id: task.id,
    name: { key: 'com.atlassian.confluence.pages.archive.longtask', args: [] },
    elapsedTime: Date.now() - task.startedAt,
    percentageComplete: 100,
    successful: true,
    finished: true,
    messages: [],
    status: 'COMPLETED',
    _links: {},
  });
}

export function v1ArchiveRoutes(prefix: string): Route[] {
  return [
    route('POST', `${prefix}/content/archive`, 'v1', archiver(prefix)),
    route('GET', `${prefix}/longtask/{id}`, 'v1', longTask),
  ];
}
