/**
 * "Gone remotely" needs positive evidence. A page missing from the tree listing may have been deleted,
 * or the listing may be partial (a page trashed between two Data Center listing requests shifts the
 * offsets), or the page is hidden by a restriction, or it moved out of the synced tree. Before a change
 * acts on the absence (removes a file, forgets an entry, reports a conflict with a deletion), the page
 * is looked up by id: only a 404 or a trashed/archived status counts as gone. Anything else fails that
 * page (CS-035) and nothing is removed.
 *
 * Shared by every change that relies on a remote absence (tracked pages, folders). Before the plan,
 * hiddenPages sets apart the pages that are only out of sight: those the plan leaves alone.
 */
import type { ConfluenceClient } from '../../confluence/types.js';
import { SyncError, isSyncError, toSyncError } from '../../errors.js';
import type { Change, Manifest, RemoteNode } from '../types.js';

export type GoneVerdict =
  { gone: true; why: '404' | 'trashed' | 'archived' } | { gone: false; error: SyncError };

const GONE_STATUSES = new Set(['trashed', 'archived', 'deleted']);

/** Looks one page up by id: gone (404, trashed, archived) or not (it exists, or the lookup failed). */
export async function confirmGone(
  client: ConfluenceClient,
  pageId: string,
  title: string,
): Promise<GoneVerdict> {
  try {
    const page = await client.getPage(pageId);
    const status = page.status ?? 'current';
    if (GONE_STATUSES.has(status)) return { gone: true, why: status === 'archived' ? 'archived' : 'trashed' };
    return {
      gone: false,
      error: new SyncError(
        'CS-035',
        `"${title}" (page ${pageId}) is missing from the listing of the synced tree but still exists (${status}${page.parentId ? `, under page ${page.parentId}` : ''}); nothing was deleted.`,
        {
          hint: 'If it moved out of the synced tree or is hidden by a restriction, move it back or make it readable; run again once the listing is complete.',
        },
      ),
    };
  } catch (e) {
    if (isSyncError(e) && e.code === 'CS-003') return { gone: true, why: '404' };
    const cause = toSyncError(e);
    return {
      gone: false,
      error: new SyncError(
        'CS-035',
        `"${title}" (page ${pageId}) is missing from the listing, and looking it up failed (${cause.code} ${cause.message}); nothing was deleted.`,
        { hint: cause.hint ?? 'Run again when Confluence answers.', cause: e },
      ),
    };
  }
}

/**
 * Every planned change that rests on a remote absence is confirmed by id (at most `concurrency` at once);
 * one that is not confirmed fails with CS-035. Returns the ids confirmed gone.
 */
export async function confirmRemoteAbsences(
  client: ConfluenceClient,
  changes: readonly Change[],
  concurrency = 5,
): Promise<Set<string>> {
  const pending = changes.filter(
    (c) =>
      c.remote === 'deleted' && c.pageId !== undefined && (c.outcome === 'planned' || c.kind === 'conflict'),
  );
  const confirmed = new Set<string>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < pending.length) {
      const change = pending[next++]!;
      const verdict = await confirmGone(client, change.pageId!, change.title);
      if (verdict.gone) {
        confirmed.add(change.pageId!);
        continue;
      }
      change.outcome = 'failed';
      change.error = { code: verdict.error.code, message: verdict.error.message };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, pending.length)) }, worker));
  return confirmed;
}

/**
 * Before the plan: the manifest's pages and folders missing from the listing that Confluence still has
 * under a parent the listing does not show (an archived ancestor, a restriction, moved out of the synced
 * tree) are out of sight, not deleted: the plan leaves them alone. A page still there under a listed
 * parent means the listing was partial; that one, a 404 and a failed lookup are left to
 * confirmRemoteAbsences after the plan. Costs one request per missing page; a no-op run has none.
 */
export async function hiddenPages(
  client: ConfluenceClient,
  manifest: Manifest,
  remotes: readonly RemoteNode[],
): Promise<Set<string>> {
  const listed = new Set(remotes.map((r) => r.id));
  const hidden = new Set<string>();
  for (const entry of Object.values(manifest.pages)) {
    if (listed.has(entry.id)) continue;
    try {
      if (entry.kind === 'folder') {
        if ((await client.getFolder(entry.id)) !== null) hidden.add(entry.id);
        continue;
      }
      const page = await client.getPage(entry.id);
      const gone = GONE_STATUSES.has(page.status ?? 'current');
      if (!gone && !(page.parentId && listed.has(page.parentId))) hidden.add(entry.id);
    } catch {
      // A 404 or a failed lookup: not hidden; confirmRemoteAbsences decides after the plan.
    }
  }
  return hidden;
}
