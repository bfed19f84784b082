/**
 * Archiving a page: `POST {v1}/content/archive` with `{"pages":[{"id":N}]}` (Cloud, and Data Center 7.10+)
 * starts a long-running task; `GET {v1}/longtask/{id}` tells when it finished and whether it worked.
 * One page per request: Cloud refuses several ids outside Premium and refuses a second archive job while
 * one runs, so the call waits for its task to finish before it returns.
 */
import { z } from 'zod';
import { SyncError } from '../errors.js';
import { isRequestError } from './errors-map.js';
import type { Transport } from './http.js';

const startedSchema = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
});

const messageSchema = z
  .object({ translation: z.string().optional(), key: z.string().optional() })
  .loose()
  .transform((m) => m.translation ?? m.key ?? '');

const taskSchema = z.object({
  finished: z.boolean(),
  successful: z.boolean(),
  percentageComplete: z.number().optional(),
  messages: z.array(messageSchema).optional(),
  errors: z.array(messageSchema).optional(),
});

/** Poll delays: quick at first (small archives finish at once), then every 2 s, about 2 minutes in all. */
const POLL_DELAYS_MS = [0, 250, 500, 1000, ...Array<number>(60).fill(2000)];

export async function archiveViaV1(http: Transport, v1: string, pageId: string): Promise<void> {
  const numeric = Number(pageId);
  if (!Number.isSafeInteger(numeric)) {
    throw new SyncError('CS-003', `Page ${pageId} cannot be archived: its id is not numeric.`);
  }
  let started: z.infer<typeof startedSchema>;
  try {
    started = await http.json(
      {
        method: 'POST',
        path: `${v1}/content/archive`,
        json: { pages: [{ id: numeric }] },
        subject: `page ${pageId}`,
      },
      startedSchema,
    );
  } catch (e) {
    // Unknown ids are a 400 here, so a 404/405 means the site has no archive call (Data Center before 7.10).
    if (isRequestError(e) && (e.status === 404 || e.status === 405)) {
      throw new SyncError(
        'CS-006',
        `This Confluence cannot archive pages through its API (page ${pageId}).`,
        {
          hint: 'Data Center needs 7.10 or newer for onLocalDelete: archive; set onLocalDelete to keep or delete.',
          status: e.status,
        },
      );
    }
    throw e;
  }
  for (const delay of POLL_DELAYS_MS) {
    if (delay > 0) await http.sleep(delay);
    const task = await http.json(
      {
        method: 'GET',
        path: `${v1}/longtask/${encodeURIComponent(started.id)}`,
        subject: `the archive task of page ${pageId}`,
      },
      taskSchema,
    );
    if (!task.finished) continue;
    if (task.successful) return;
    const why = [...(task.errors ?? []), ...(task.messages ?? [])].filter((m) => m !== '').join('; ');
    throw new SyncError('CS-006', `Confluence could not archive page ${pageId}${why ? `: ${why}` : ''}.`, {
      hint: 'Archive it in Confluence by hand, or set onLocalDelete to keep or delete.',
    });
  }
  throw new SyncError(
    'CS-008',
    `Confluence did not finish archiving page ${pageId} (task ${started.id}) in time.`,
    {
      hint: 'It may still finish: check the page in Confluence; the next run archives it if it is still current.',
    },
  );
}
