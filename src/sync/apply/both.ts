/**
 * Changes that involve both sides: adopt (same title, new on both sides), merge (both edited,
 * strategy merge) and conflict (both edited, left to a person). Each first asks whether the two
 * sides already say the same thing, which is also how a run killed between a write and its
 * manifest save converges: the rerun finds equal sides and links them, writing nothing.
 */
import type { Page } from '../../confluence/types.js';
import {
  readFrontmatterOf,
  readMeta,
  toMarkdown,
  toStorage,
  type MarkdownOptions,
} from '../../convert/index.js';
import {
  changedSinceScan,
  cwdRelative,
  editedDuringRun,
  localFileExists,
  manifestEntry,
  markApplied,
  pulls,
  pushes,
  sha256,
  writeLocal,
  WRITE_MESSAGE,
  type ApplyEnv,
} from './env.js';
import { sameStorage } from './compare.js';
import { pullPage, remotePage } from './local.js';
import { localDocOf, requirePageId, syncLabels, updateRemote } from './remote.js';
import { normaliseLabels, renderForPush, titleIsLeadingHeading } from './render.js';
import { patchForPush } from './push-patch.js';
import { pushAttachments } from './attachments.js';
import { docContext } from './link-context.js';
import { mergeMarkdown } from './merge.js';
import { assertReadableBody } from './remote-bodies.js';
import type { Change, LocalDoc, ManifestPage } from '../types.js';

/** Links the local doc and the page when they already say the same; returns false when they differ. */
async function linkIfEqual(env: ApplyEnv, change: Change, doc: LocalDoc, page: Page): Promise<boolean> {
  const previous = env.store.page(page.id);
  const body = renderForPush(env, doc, previous?.attachments);
  if (!sameStorage(body.storage, page.body) || doc.title.toLowerCase() !== page.title.toLowerCase())
    return false;
  let attachments = previous?.attachments ?? {};
  let labels = previous?.labels ?? body.labels;
  if (pushes(env.mode)) {
    if (body.missing.size > 0) change.missingFiles = [...body.missing.values()];
    attachments = await pushAttachments(env, page.id, body.uploads, attachments, {
      verifyRemote: !previous,
      missing: body.missing,
    });
    const remoteLabels = previous ? previous.labels : normaliseLabels(await env.client.getLabels(page.id));
    await syncLabels(
      env,
      page.id,
      body.labels.filter((l) => !remoteLabels.includes(l)),
      [],
    );
    labels = body.labels;
  }
  await env.store.put(
    manifestEntry(env, page, {
      localPath: doc.path,
      contentHash: doc.hash,
      labels,
      attachments,
      remoteBody: page.body,
    }),
  );
  markApplied(env, change, page);
  change.reason = `${change.reason} Both sides already have the same content: linked without writing.`;
  return true;
}

export async function adopt(env: ApplyEnv, change: Change): Promise<void> {
  const doc = localDocOf(env, change);
  const page = await remotePage(env, requirePageId(change));
  if (await linkIfEqual(env, change, doc, page)) return;
  if (env.strategy === 'local-first' && pushes(env.mode)) {
    await updateRemote(env, change, page.version);
    return;
  }
  if (env.strategy === 'remote-first' && pulls(env.mode)) {
    const pulled: Change = { ...change, previousPath: doc.path };
    await pullPage(env, pulled);
    // pullPage re-hashes the file first: edited during the run, it is left as it is (a conflict).
    if (pulled.outcome === 'conflict') {
      change.outcome = 'conflict';
      change.conflict = pulled.conflict!;
      return;
    }
    markApplied(env, change, page);
    return;
  }
  change.outcome = 'conflict';
  change.conflict = {
    strategy: env.strategy,
    detail: `${doc.path} and the existing page "${page.title}" have different content and were never synced; choose a side with --strategy local-first or remote-first, or rename one of them.`,
  };
}

export async function conflict(env: ApplyEnv, change: Change): Promise<void> {
  const doc = change.localPath === undefined ? undefined : env.locals.get(change.localPath);
  const bothExist = doc !== undefined && change.pageId !== undefined && change.remote !== 'deleted';
  if (bothExist && doc.kind !== 'virtual-folder') {
    const page = await remotePage(env, change.pageId!);
    if (await linkIfEqual(env, change, doc, page)) return;
  }
  change.outcome = 'conflict';
  change.conflict ??= {
    strategy: env.strategy,
    detail: 'Both sides changed since the last sync; nothing was written for this page.',
  };
}

export async function merge(env: ApplyEnv, change: Change): Promise<void> {
  const doc = localDocOf(env, change);
  const pageId = requirePageId(change);
  const page = await remotePage(env, pageId);
  if (await linkIfEqual(env, change, doc, page)) return;
  const previous = env.store.page(pageId);
  const baseVersion = change.baseVersion ?? previous?.version;
  if (!previous || baseVersion === undefined) {
    change.outcome = 'conflict';
    change.conflict = {
      strategy: 'merge',
      detail: 'No merge base is known for this page (not in the manifest).',
    };
    return;
  }
  const base = assertReadableBody(await env.client.getPage(pageId, baseVersion));
  const texts = mergeInputs(env, doc, base, page, previous);
  const result = mergeMarkdown(texts.base, texts.local, texts.remote);
  // Re-hashed right before any write: an edit saved since the scan is not part of the merge, so it wins.
  if ((pulls(env.mode) || result.clean) && (await changedSinceScan(env, doc.path, doc.hash))) {
    editedDuringRun(env, change, doc.path);
    return;
  }

  if (!result.clean) {
    change.outcome = 'conflict';
    if (pulls(env.mode)) {
      await writeLocal(env, doc.path, result.text);
      env.filesChanged.add(cwdRelative(env, doc.path));
      // Recorded at the remote's version with the marker file's hash: once a person resolves the
      // markers, the next push sees a plain local edit.
      await env.store.put(
        manifestEntry(env, page, {
          localPath: doc.path,
          contentHash: sha256(result.text),
          labels: previous.labels,
          attachments: previous.attachments,
          status: 'conflicted',
          remoteBody: page.body,
        }),
      );
      change.conflict = {
        strategy: 'merge',
        detail: `Both sides changed the same lines (${result.conflicts} place${result.conflicts === 1 ? '' : 's'}): conflict markers written to ${doc.path}. Resolve them, then push.`,
      };
    } else {
      change.conflict = {
        strategy: 'merge',
        detail: `Both sides changed the same lines (${result.conflicts} place${result.conflicts === 1 ? '' : 's'}). Run "confluence-sync pull" to get conflict markers in ${doc.path}, resolve them, then push.`,
      };
    }
    return;
  }

  const merged = result.text;
  if (merged !== doc.content) {
    await writeLocal(env, doc.path, merged);
    env.filesChanged.add(cwdRelative(env, doc.path));
  }
  const mergedDoc: LocalDoc = { ...doc, content: merged, hash: sha256(merged) };
  const meta = readMeta(merged);
  const title = meta.title ?? meta.firstHeading ?? change.title;
  const body = renderForPush(env, mergedDoc, env.store.page(pageId)?.attachments);
  const patched = patchForPush(env, mergedDoc, pageId, body.storage, page.version);
  let summary: Page | Awaited<ReturnType<typeof env.client.updatePage>> = page;
  if (!sameStorage(patched.storage, page.body) || title !== page.title) {
    summary = await env.client.updatePage({
      id: pageId,
      spaceId: env.space.id,
      title,
      ...(page.parentId ? { parentId: page.parentId } : {}),
      body: patched.storage,
      baseVersion: page.version,
      message: `${WRITE_MESSAGE} merge`,
    });
    if (patched.lostAnchors.length > 0) change.lostAnchors = patched.lostAnchors;
  }
  if (body.missing.size > 0) change.missingFiles = [...body.missing.values()];
  const attachments = await pushAttachments(env, pageId, body.uploads, previous.attachments, {
    missing: body.missing,
  });
  const labels = await syncLabels(env, pageId, body.labels, previous.labels);
  await env.store.put(
    manifestEntry(env, summary, {
      localPath: doc.path,
      contentHash: mergedDoc.hash,
      labels,
      attachments,
      remoteBody: summary === page ? page.body : patched.storage,
    }),
  );
  change.fromVersion = page.version;
  markApplied(env, change, summary);
}

/**
 * The three texts to merge, all in the converter's canonical Markdown so that formatting the
 * converter normalises is not mistaken for an edit. Front matter is included only when the local
 * file has some, in the same key order on all three sides.
 */
function mergeInputs(
  env: ApplyEnv,
  doc: LocalDoc,
  base: Page,
  remote: Page,
  previous: ManifestPage,
): { base: string; local: string; remote: string } {
  const pushCtx = docContext(doc.path, env.links, {
    fileExists: localFileExists(env),
    knownAttachments: previous.attachments,
  }).ctx;
  const pullCtx = docContext(doc.path, env.links, {
    fileExists: localFileExists(env),
    knownAttachments: previous.attachments,
  }).ctx;
  const localFm = readFrontmatterOf(doc.content);
  const hasFm = Object.keys(localFm).length > 0;
  const fm = (title: string, labels: unknown): { frontmatter?: Record<string, unknown> } => {
    if (!hasFm) return {};
    const rest = { ...localFm };
    delete rest.title;
    delete rest.labels;
    const out: Record<string, unknown> = { title, ...rest };
    if (Array.isArray(labels) ? labels.length > 0 : labels !== undefined) out.labels = labels;
    return { frontmatter: out };
  };
  const localTitle = typeof localFm.title === 'string' ? localFm.title : doc.title;
  // A title taken from the leading heading is merged as that heading, on all three sides.
  const asHeading = titleIsLeadingHeading(doc.content);
  const options = (title: string, labels: unknown): MarkdownOptions => ({
    ...fm(title, labels),
    ...(asHeading ? { title } : {}),
  });
  // Labels are not merged: base and remote carry the ones last synced, so only a local edit shows.
  const syncedLabels = localFm.labels === undefined ? undefined : previous.labels;
  const localStorage = toStorage(doc.content, pushCtx, { omitTitleHeading: true }).storage;
  return {
    base: toMarkdown(base.body, pullCtx, options(base.title, syncedLabels)),
    remote: toMarkdown(remote.body, pullCtx, options(remote.title, syncedLabels)),
    local: toMarkdown(localStorage, pullCtx, options(localTitle, localFm.labels)),
  };
}
