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
import type { Change, Manifest } from '../types.js';
import { remoteHashOf, WRITE_MESSAGE } from './env.js';

const PUSHING = new Set<Change['kind']>(['update-remote', 'move-remote']);

/** Returns the bodies fetched, for apply to reuse. */
export async function verifyRemoteHashes(
  client: ConfluenceClient,
  changes: Change[],
  manifest: Manifest,
  strategy: ConflictStrategy,
): Promise<Map<string, Page>> {
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
    pushing.filter((c) => manifest.pages[c.pageId!]!.remoteHash === undefined),
    manifest,
    strategy,
  );
  const candidates = pushing.filter(
    (c) => c.outcome === 'planned' && manifest.pages[c.pageId!]!.remoteHash !== undefined,
  );
  if (candidates.length === 0) return fetched;
  for (const page of await client.getPages(candidates.map((c) => c.pageId!))) fetched.set(page.id, page);
  for (const change of candidates) {
    const recorded = manifest.pages[change.pageId!]!;
    const page = fetched.get(change.pageId!);
    if (!page || page.version !== recorded.version) continue;
    if (remoteHashOf(page.body) === recorded.remoteHash) continue;
    markChanged(
      change,
      strategy,
      'The page body in Confluence is not the one recorded for its version: it was changed.',
      `The body of page ${page.id} at version ${page.version} differs from the one the manifest recorded (was the manifest's version edited?); nothing was written. Pull first, then push.`,
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
  strategy: ConflictStrategy,
): Promise<void> {
  const limit = pLimit(5);
  const newest = await Promise.all(changes.map((c) => limit(() => client.latestVersion(c.pageId!))));
  changes.forEach((change, i) => {
    const recorded = manifest.pages[change.pageId!]!;
    const latest = newest[i];
    // Version 1 was never edited (REST v2 creates take no change message).
    if (
      latest &&
      latest.number === recorded.version &&
      (latest.message === WRITE_MESSAGE || latest.number === 1)
    )
      return;
    markChanged(
      change,
      strategy,
      'The manifest records no body hash for this page, and its current version was not written by confluence-sync.',
      `Page ${change.pageId} cannot be checked against the manifest (no body hash recorded; was the manifest edited?), and its version ${latest?.number ?? '?'} was written in Confluence; nothing was written. Pull first (it records the page's state), then push.`,
    );
  });
}

function markChanged(change: Change, strategy: ConflictStrategy, reason: string, detail: string): void {
  change.kind = 'conflict';
  change.remote = 'changed';
  change.outcome = 'conflict';
  change.reason = reason;
  change.conflict = { strategy, detail };
}
