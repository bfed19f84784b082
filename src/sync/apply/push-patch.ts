/**
 * A push to a page that exists: the new body is the page's current storage with only the changed blocks
 * rewritten (src/convert/patch), so what only Confluence knows — editor ids, table widths, macro ids,
 * inline-comment anchors — stays. The current storage comes from the run's batched body reads; a page
 * without a body read or without a recorded base is written whole.
 */
import { patchStorage, type LostAnchor } from '../../convert/patch/index.js';
import type { Page } from '../../confluence/types.js';
import { localFileExists, type ApplyEnv } from './env.js';
import { docContext } from './link-context.js';
import type { Change, LocalDoc } from '../types.js';

export interface PatchedBody {
  storage: string;
  /** The page as it is now, when the body was patched into it. */
  current?: Page;
  lostAnchors: LostAnchor[];
}

export function patchForPush(
  env: ApplyEnv,
  doc: LocalDoc,
  pageId: string,
  storage: string,
  baseVersion: number,
): PatchedBody {
  const current = env.bodies.get(pageId);
  const base = env.store.page(pageId);
  // only the body of the version this write is based on (a 409 tells us of anything newer)
  if (!current || !base || current.version !== baseVersion || env.unreadable?.has(pageId))
    return { storage, lostAnchors: [] };
  // compare blocks by the Markdown a pull of this page would write (same links and attachment paths)
  const { ctx } = docContext(doc.path, env.links, {
    fileExists: localFileExists(env),
    knownAttachments: base.attachments,
  });
  const patch = patchStorage(current.body, storage, ctx);
  env.log(
    `patch ${pageId}: ${patch.blocks.kept} blocks kept, ${patch.blocks.changed} changed, ${patch.blocks.added} added, ${patch.blocks.removed} removed; ${patch.reanchored.length} comments re-anchored, ${patch.lostAnchors.length} lost`,
  );
  return { storage: patch.storage, current, lostAnchors: patch.lostAnchors };
}

/** The line the run prints for a page whose push dropped inline-comment anchors. */
export function lostAnchorsWarning(change: Change): string | null {
  const lost = change.lostAnchors ?? [];
  if (lost.length === 0 || change.outcome !== 'applied') return null;
  const n = lost.length;
  const where = change.localPath ? ` (${change.localPath})` : '';
  return `${n} inline comment${n === 1 ? '' : 's'} lost ${n === 1 ? 'its' : 'their'} anchor on page "${change.title}"${where}: the text ${n === 1 ? 'it was' : 'they were'} on was deleted (comment ref${n === 1 ? '' : 's'} ${lost.map((l) => l.ref).join(', ')}).`;
}
