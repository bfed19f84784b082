/**
 * Bodies are fetched only for the pages a run will read: one batched request per 250 pages
 * (Cloud) instead of one GET per page. Everything else works from the tree listing.
 */
import type { ConfluenceClient, Page } from '../confluence/types.js';
import type { Change, ChangeKind } from './types.js';
import { isActionable } from './apply.js';

const NEEDS_BODY = new Set<ChangeKind>([
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
    if (change.remote === 'deleted' || change.remote === 'absent') continue;
    if (change.kind === 'conflict' && (change.local === 'deleted' || change.local === 'absent')) continue;
    ids.add(change.pageId);
  }
  return [...ids];
}

export async function fetchBodies(
  client: ConfluenceClient,
  ids: readonly string[],
): Promise<Map<string, Page>> {
  if (ids.length === 0) return new Map();
  const pages = await client.getPages(ids);
  return new Map(pages.map((p) => [p.id, p]));
}
