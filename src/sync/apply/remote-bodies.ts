/**
 * Bodies are fetched only for the pages a run will read: one batched request per 250 pages
 * (Cloud) instead of one GET per page. Everything else works from the tree listing.
 */
import type { ConfluenceClient, Page } from '../../confluence/types.js';
import { checkStorageXml } from '../../convert/xml/well-formed.js';
import { SyncError } from '../../errors.js';
import { isActionable, type Change, type ChangeKind } from '../types.js';

const NEEDS_BODY = new Set<ChangeKind>([
  // a push to an existing page patches its current storage (src/sync/push-patch.ts)
  'update-remote',
  'move-remote',
  'create-local',
  'update-local',
  'move-local',
  'merge',
  'adopt',
  'conflict',
]);

export function pageIdsNeedingBodies(changes: readonly Change[]): string[] {
  const ids = new Set<string>();
  for (const change of changes) {
    if (!change.pageId || !NEEDS_BODY.has(change.kind) || !isActionable(change)) continue;
    if (change.attachmentsOnly || change.docKind === 'virtual-folder') continue;
    if (change.remote === 'deleted' || change.remote === 'absent') continue;
    if (change.kind === 'conflict' && (change.local === 'deleted' || change.local === 'absent')) continue;
    ids.add(change.pageId);
  }
  return [...ids];
}

export interface FetchedBodies {
  bodies: Map<string, Page>;
  /** Pages whose body is not well-formed storage (CS-012): those changes fail, their files stay as they are. */
  unreadable: Map<string, SyncError>;
}

/** One batched read; pages whose body is not well-formed fail on their own (CS-012). */
export async function fetchBodies(client: ConfluenceClient, ids: readonly string[]): Promise<FetchedBodies> {
  const fetched: FetchedBodies = { bodies: new Map(), unreadable: new Map() };
  if (ids.length === 0) return fetched;
  for (const page of await client.getPages(ids)) {
    const problem = bodyProblem(page);
    if (problem) fetched.unreadable.set(page.id, problem);
    else fetched.bodies.set(page.id, page);
  }
  return fetched;
}

/** Throws CS-012 when a page body read from Confluence is not well-formed storage. */
export function assertReadableBody(page: Page): Page {
  const problem = bodyProblem(page);
  if (problem) throw problem;
  return page;
}

/**
 * Confluence only stores well-formed storage, so a body that is not was damaged on the way (a cut-off
 * response, a proxy): converting it would repair it silently and lose what could not be placed.
 */
function bodyProblem(page: Page): SyncError | null {
  const problem = checkStorageXml(page.body, { anyPrefix: true });
  if (!problem) return null;
  return new SyncError(
    'CS-012',
    `Confluence sent page ${page.id} ("${page.title}") with a body that is not well-formed XML (${problem.message} at line ${problem.line}, column ${problem.column}); its file was left as it is.`,
    {
      hint: 'Run again (a response may have been cut off); if it persists, open the page in Confluence, save or restore a version, and report it.',
    },
  );
}
