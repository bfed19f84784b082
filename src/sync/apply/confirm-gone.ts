/**
 * confirmGone: a page (or folder) the manifest knows but the listing no longer shows is gone only when
 * Confluence says so by id: 404, trashed, or archived. A page that is still there but out of the listing's
 * sight (under an archived ancestor, moved out of the synced tree's reach) is not a deletion: the plan
 * leaves it alone. Costs one request per missing page; a no-op run has none.
 */
import type { ConfluenceClient } from '../../confluence/types.js';
import { isRequestError } from '../../confluence/errors-map.js';
import type { Manifest, RemoteNode } from '../types.js';

const GONE = new Set(['trashed', 'archived', 'deleted']);

/** Ids of the manifest's pages and folders missing from `remotes` that Confluence still has (not gone). */
export async function confirmGone(
  client: ConfluenceClient,
  manifest: Manifest,
  remotes: readonly RemoteNode[],
): Promise<Set<string>> {
  const listed = new Set(remotes.map((r) => r.id));
  const stillThere = new Set<string>();
  for (const entry of Object.values(manifest.pages)) {
    if (listed.has(entry.id)) continue;
    if (await present(client, entry.id, entry.kind === 'folder')) stillThere.add(entry.id);
  }
  return stillThere;
}

async function present(client: ConfluenceClient, id: string, folder: boolean): Promise<boolean> {
  if (folder) return (await client.getFolder(id)) !== null;
  try {
    const page = await client.getPage(id);
    return !GONE.has(page.status ?? 'current');
  } catch (e) {
    if (isRequestError(e) && e.code === 'CS-003') return false;
    throw e;
  }
}
