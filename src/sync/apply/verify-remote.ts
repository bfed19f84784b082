/**
 * The manifest's version of a page can be edited in a pull request: bumped to the current version, it
 * would hide a Confluence edit and let a push overwrite it. So the manifest also records a hash of the
 * body at that version (as this tool last wrote or read it). Before a push acts on "remote unchanged",
 * the body is fetched (a push needs it anyway) and hashed: a different body at the same version is a
 * remote change, and the page becomes a conflict. status and check run the same check, so they predict it.
 */
import pLimit from 'p-limit';
import type { ConfluenceClient, Page } from '../../confluence/types.js';
import type { ConflictStrategy } from '../../config/types.js';
import type { Change, Manifest, SyncMode } from '../types.js';
import { matchesRecordedHash, WRITE_MESSAGE } from './env.js';

const PUSHING = new Set<Change['kind']>(['update-remote', 'move-remote']);

/** Returns the bodies fetched, for apply to reuse. */
export async function verifyRemoteHashes(
  client: ConfluenceClient,
  changes: Change[],
  manifest: Manifest,
  strategy: ConflictStrategy,
  mode: SyncMode,
  /** Bodies read ahead (engine.ts, beside the listing) at the versions the listing shows. */
  ahead: ReadonlyMap<string, Page> = new Map(),
  /** Requests in flight at most (concurrentOperations). */
  concurrency = 5,
): Promise<Map<string, Page>> {
  const decided = { strategy, mode };
  const fetched = new Map<string, Page>();
  const pushing = changes.filter(
    (c) =>
      c.pageId !== undefined &&
      c.outcome === 'planned' &&
      PUSHING.has(c.kind) &&
      c.remote === 'unchanged' &&
      manifest.pages[c.pageId] !== undefined,
  );
  await verifyUnhashed(
    client,
    // folders have no body and no versions to check
    pushing.filter(
      (c) =>
        manifest.pages[c.pageId!]!.remoteHash === undefined && manifest.pages[c.pageId!]!.kind !== 'folder',
    ),
    manifest,
    decided,
    concurrency,
  );
  const candidates = pushing.filter(
    (c) => c.outcome === 'planned' && manifest.pages[c.pageId!]!.remoteHash !== undefined,
  );
  if (candidates.length === 0) return fetched;
  const missing = candidates.map((c) => c.pageId!).filter((id) => !ahead.has(id));
  for (const id of candidates.map((c) => c.pageId!)) if (ahead.has(id)) fetched.set(id, ahead.get(id)!);
  if (missing.length > 0) for (const page of await client.getPages(missing)) fetched.set(page.id, page);
  for (const change of candidates) {
    const recorded = manifest.pages[change.pageId!]!;
    const page = fetched.get(change.pageId!);
    if (!page || page.version !== recorded.version) continue;
    if (matchesRecordedHash(page.body, recorded.remoteHash!)) continue;
    markChanged(
      change,
      decided,
      'The page body in Confluence is not the one recorded for its version: it was changed.',
      `The body of page ${page.id} at version ${page.version} differs from the one the manifest recorded (was the manifest's version edited?).`,
    );
  }
  return fetched;
}

/**
 * A record without a body hash (written before schema 4, or a hash removed by hand) cannot be checked
 * by its body. Its newest version is then trusted only when this tool wrote it (its change message) or
 * it is the first one: anything else may be a Confluence edit behind a version number edited in the
 * manifest. One request per such page, only for pages about to be pushed.
 */
async function verifyUnhashed(
  client: ConfluenceClient,
  changes: Change[],
  manifest: Manifest,
  decided: Decided,
  concurrency: number,
): Promise<void> {
  const limit = pLimit(Math.max(1, concurrency));
  // A lookup that fails cannot vouch for the page either: on doubt, nothing is written (a conflict).
  const newest = await Promise.all(
    changes.map((c) => limit(() => client.latestVersion(c.pageId!).catch(() => undefined))),
  );
  changes.forEach((change, i) => {
    const recorded = manifest.pages[change.pageId!]!;
    const latest = newest[i];
    // Version 1 was never edited (REST v2 creates take no change message).
    if (
      latest &&
      latest.number === recorded.version &&
      (latest.message === WRITE_MESSAGE ||
        latest.message.startsWith(`${WRITE_MESSAGE} `) ||
        latest.number === 1)
    )
      return;
    markChanged(
      change,
      decided,
      'The manifest records no body hash for this page, and its current version was not written by confluence-sync.',
      `Page ${change.pageId} cannot be checked against the manifest (no body hash recorded for its version: a manifest from an older release, or edited by hand), and its version ${latest?.number ?? '?'} was written in Confluence.`,
    );
  });
}

/**
 * The page may hold an edit the manifest hides: a remote change, decided by the strategy like any edit
 * on both sides, except that no merge base can be trusted. local-first still pushes (the file wins),
 * remote-first pulls the page over the file (a sync; a push leaves it), manual and merge leave it to a
 * person, with the two ways out.
 */
interface Decided {
  strategy: ConflictStrategy;
  mode: SyncMode;
}

function markChanged(change: Change, { strategy, mode }: Decided, reason: string, detail: string): void {
  change.remote = 'changed';
  change.reason = reason;
  if (strategy === 'local-first') {
    change.conflict = {
      strategy,
      detail: `${detail} Strategy local-first: the local file wins; the page in Confluence is overwritten.`,
    };
    return;
  }
  if (strategy === 'remote-first') {
    change.kind = 'update-local';
    change.outcome = mode === 'push' ? 'skipped' : 'planned';
    change.conflict = {
      strategy,
      detail: `${detail} Strategy remote-first: the page in Confluence wins; the local edit is overwritten.`,
    };
    return;
  }
  change.kind = 'conflict';
  change.outcome = 'conflict';
  change.conflict = {
    strategy,
    detail: `${detail} Nothing was written. Look at the page's history in Confluence: to keep the file, push with --strategy local-first; to keep the page, run sync with --strategy remote-first (a merge needs a base this record cannot vouch for).`,
  };
}
