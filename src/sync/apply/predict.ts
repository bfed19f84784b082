/**
 * status, check and --dry-run write nothing, so they cannot learn from a write what a push would meet.
 * Two things a push finds out only by trying are looked up here instead, so the prediction holds:
 * - a new page whose title is already used elsewhere in the space (titles are unique per space): the
 *   push would fail with CS-010;
 * - a page new on both sides with the same title (adopt) whose contents differ: with the manual or merge
 *   strategy the push would report a conflict;
 * - inline comments whose text the file deleted: the push would leave them without an anchor.
 */
import type { ConflictStrategy } from '../../config/types.js';
import type { ConfluenceClient, Page, PageSummary, Space } from '../../confluence/types.js';
import type { Change, LocalDoc, Manifest } from '../types.js';
import { sameStorage } from './compare.js';
import type { RenderEnv } from './env.js';
import { patchInto } from './push-patch.js';
import { renderForPush } from './render.js';

export async function predictWrites(
  client: ConfluenceClient,
  ctx: {
    space: Space;
    changes: Change[];
    locals: readonly LocalDoc[];
    remotes: readonly PageSummary[];
    strategy: ConflictStrategy;
    /** The push's own rendering context, so links and images resolve as the push would resolve them. */
    render: RenderEnv;
  },
): Promise<void> {
  const listed = new Set(ctx.remotes.map((p) => p.id));
  const creates = ctx.changes.filter((c) => c.kind === 'create-remote' && c.outcome === 'planned');
  const taken =
    creates.length === 0
      ? new Map<string, string>()
      : await client.findPagesByTitles(
          ctx.space,
          creates.map((c) => c.title),
        );
  for (const change of creates) {
    const foundId = taken.get(change.title.toLowerCase());
    if (foundId === undefined || listed.has(foundId)) continue;
    change.outcome = 'failed';
    change.error = {
      code: 'CS-010',
      message: `A page titled "${change.title}" already exists in space ${ctx.space.key} (page ${foundId}, outside the synced tree): the push would fail.`,
    };
  }

  if (ctx.strategy !== 'manual' && ctx.strategy !== 'merge') return;
  const adopts = ctx.changes.filter((c) => c.kind === 'adopt' && c.outcome === 'planned' && c.pageId);
  if (adopts.length === 0) return;
  const byPath = new Map(ctx.locals.map((d) => [d.path, d]));
  const pages = new Map((await client.getPages(adopts.map((c) => c.pageId!))).map((p) => [p.id, p]));
  for (const change of adopts) {
    const doc = change.localPath === undefined ? undefined : byPath.get(change.localPath);
    const page = pages.get(change.pageId!);
    if (!doc || !page || doc.kind === 'virtual-folder') continue;
    let same: boolean;
    try {
      same = sameStorage(renderForPush(ctx.render, doc).storage, page.body);
    } catch {
      continue; // The push reports the conversion error itself.
    }
    if (same) continue;
    change.kind = 'conflict';
    change.outcome = 'conflict';
    change.conflict = {
      strategy: ctx.strategy,
      detail: `${doc.path} and the existing page "${page.title}" have different content and were never synced; choose a side with --strategy local-first or remote-first, or rename one of them.`,
    };
  }
}

/**
 * Comments a push would orphan, from the bodies the run already read to verify them (no extra request):
 * the edited file is patched into the current page the way the push would, and the anchors left out
 * are recorded on the change.
 */
export function predictLostAnchors(ctx: {
  changes: Change[];
  locals: readonly LocalDoc[];
  manifest: Manifest;
  bodies: ReadonlyMap<string, Page>;
  render: RenderEnv;
}): void {
  const byPath = new Map(ctx.locals.map((d) => [d.path, d]));
  for (const change of ctx.changes) {
    if (change.kind !== 'update-remote' || change.outcome !== 'planned' || !change.pageId) continue;
    const page = ctx.bodies.get(change.pageId);
    const base = ctx.manifest.pages[change.pageId];
    const doc = change.localPath === undefined ? undefined : byPath.get(change.localPath);
    if (!page || !base || page.version !== base.version || !doc || doc.kind === 'virtual-folder') continue;
    if (!page.body.includes('ac:inline-comment-marker')) continue;
    try {
      const lost = patchInto(
        ctx.render,
        doc,
        page.body,
        renderForPush(ctx.render, doc).storage,
        base.attachments,
      ).lostAnchors;
      if (lost.length > 0) change.lostAnchors = lost;
    } catch {
      // The push reports a conversion error itself.
    }
  }
}
