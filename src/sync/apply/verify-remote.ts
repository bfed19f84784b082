/**
 * The manifest's version of a page can be edited in a pull request: bumped to the current version, it
 * would hide a Confluence edit and let a push overwrite it. So the manifest also records a hash of the
 * body at that version (as this tool last wrote or read it). Before a push acts on "remote unchanged",
 * the body is fetched (a push needs it anyway) and hashed: a different body at the same version is a
 * remote change, and the page becomes a conflict. status and check run the same check, so they predict it.
 */
import type { ConfluenceClient, Page } from '../../confluence/types.js';
import type { ConflictStrategy } from '../../config/types.js';
import type { Change, Manifest } from '../types.js';
import { remoteHashOf } from './env.js';

const PUSHING = new Set<Change['kind']>(['update-remote', 'move-remote']);

/** Returns the bodies fetched, for apply to reuse. */
export async function verifyRemoteHashes(
  client: ConfluenceClient,
  changes: Change[],
  manifest: Manifest,
  strategy: ConflictStrategy,
): Promise<Map<string, Page>> {
  const fetched = new Map<string, Page>();
  const candidates = changes.filter(
    (c) =>
      c.pageId !== undefined &&
      c.outcome === 'planned' &&
      PUSHING.has(c.kind) &&
      c.remote === 'unchanged' &&
      manifest.pages[c.pageId]?.remoteHash !== undefined,
  );
  if (candidates.length === 0) return fetched;
  for (const page of await client.getPages(candidates.map((c) => c.pageId!))) fetched.set(page.id, page);
  for (const change of candidates) {
    const recorded = manifest.pages[change.pageId!]!;
    const page = fetched.get(change.pageId!);
    if (!page || page.version !== recorded.version) continue;
    if (remoteHashOf(page.body) === recorded.remoteHash) continue;
    change.kind = 'conflict';
    change.remote = 'changed';
    change.outcome = 'conflict';
    change.reason = 'The page body in Confluence is not the one recorded for its version: it was changed.';
    change.conflict = {
      strategy,
      detail: `The body of page ${page.id} at version ${page.version} differs from the one the manifest recorded (was the manifest's version edited?); nothing was written. Pull first, then push.`,
    };
  }
  return fetched;
}
