/**
 * A push to a page that exists: the new body is the page's current storage with only the changed blocks
 * rewritten (src/convert/patch), so what only Confluence knows — editor ids, table widths, macro ids,
 * inline-comment anchors — stays. The current storage comes from the run's batched body reads; a page
 * without a body read or without a recorded base is written whole.
 */
import { patchStorage, type LostAnchor, type PatchResult } from '../../convert/patch/index.js';
import type { Page } from '../../confluence/types.js';
import { localFileExists, type ApplyEnv, type RenderEnv } from './env.js';
import { docContext } from './link-context.js';
import type { Change, LocalDoc, ManifestPage } from '../types.js';

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
  const patch = patchInto(env, doc, current.body, storage, base.attachments);
  env.log(
    `patch ${pageId}: ${patch.blocks.kept} blocks kept, ${patch.blocks.changed} changed, ${patch.blocks.added} added, ${patch.blocks.removed} removed; ${patch.reanchored.length} comments re-anchored, ${patch.lostAnchors.length} lost`,
  );
  return { storage: patch.storage, current, lostAnchors: patch.lostAnchors };
}

/** `storage` patched into the page's current body, blocks compared by the Markdown a pull would write. */
export function patchInto(
  env: RenderEnv,
  doc: LocalDoc,
  currentBody: string,
  storage: string,
  knownAttachments: ManifestPage['attachments'],
): PatchResult {
  const { ctx } = docContext(doc.path, env.links, { fileExists: localFileExists(env), knownAttachments });
  return patchStorage(currentBody, storage, ctx);
}

/**
 * The line the run prints for a page whose push dropped inline-comment anchors, or (status, check,
 * --dry-run) would drop them.
 */
export function lostAnchorsWarning(change: Change): string | null {
  const lost = change.lostAnchors ?? [];
  if (lost.length === 0 || (change.outcome !== 'applied' && change.outcome !== 'planned')) return null;
  const n = lost.length;
  const one = n === 1;
  const where = change.localPath ? ` (${change.localPath})` : '';
  const refs = `comment ref${one ? '' : 's'} ${lost.map((l) => l.ref).join(', ')}`;
  if (change.outcome === 'planned')
    return `${n} inline comment${one ? '' : 's'} would lose ${one ? 'its' : 'their'} anchor on page "${change.title}"${where} if pushed: the text ${one ? 'it is' : 'they are'} on was deleted in the file (${refs}).`;
  return `${n} inline comment${one ? '' : 's'} lost ${one ? 'its' : 'their'} anchor on page "${change.title}"${where}: the text ${one ? 'it was' : 'they were'} on was deleted (${refs}).`;
}
