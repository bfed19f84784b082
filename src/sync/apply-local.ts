/**
 * Confluence → local files: create, update, move/rename, delete. Files are written atomically and
 * the manifest entry is saved right after; a file whose page changed only in ways the Markdown
 * already says (same body, same title) keeps its own formatting.
 */
import { readFile, rename, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Page } from '../confluence/types.js';
import { toStorage } from '../convert/index.js';
import {
  absLocal,
  cwdRelative,
  fileForPath,
  localFileExists,
  manifestEntry,
  markApplied,
  sha256,
  type ApplyEnv,
} from './apply-env.js';
import { sameStorage } from './apply-compare.js';
import { normaliseLabels, renderForPull } from './apply-render.js';
import { requirePageId } from './apply-remote.js';
import { pullAttachments } from './attachments.js';
import { docContext } from './link-context.js';
import type { Change, ManifestPage } from './types.js';
import { pruneEmptyDirs, removeFileAndEmptyDirs, writeFileAtomic } from './write-file.js';

export async function remotePage(env: ApplyEnv, pageId: string): Promise<Page> {
  const fetched = env.bodies.get(pageId);
  if (fetched) return fetched;
  const page = await env.client.getPage(pageId);
  env.bodies.set(pageId, page);
  return page;
}

/** create-local, update-local and move-local. */
export async function pullPage(env: ApplyEnv, change: Change): Promise<void> {
  const pageId = requirePageId(change);
  if (!change.localPath) throw new Error(`no local path planned for page ${pageId}`);
  const page = await remotePage(env, pageId);
  const previous = env.store.page(pageId);
  const target = fileForPath(change.localPath);
  const source = change.previousPath ?? previous?.localPath;
  const sourceFile = source === undefined || source.endsWith('/') ? undefined : source;
  const existing = sourceFile === undefined ? undefined : await readText(absLocal(env, sourceFile));
  const labels = normaliseLabels(await env.client.getLabels(pageId));

  if (
    existing !== undefined &&
    sourceFile !== undefined &&
    previous &&
    unchangedMeaning(env, page, labels, previous, sourceFile, existing)
  ) {
    if (sourceFile !== target) await moveFile(env, sourceFile, target);
    await env.store.put(
      manifestEntry(env, page, {
        localPath: target,
        contentHash: sha256(existing),
        labels,
        attachments: previous.attachments,
      }),
    );
    markApplied(env, change, page);
    return;
  }

  const { text, downloads } = renderForPull(env, page, target, labels, {
    ...(existing !== undefined ? { existing } : {}),
    ...(previous ? { knownAttachments: previous.attachments } : {}),
  });
  await writeFileAtomic(absLocal(env, target), text);
  env.filesChanged.add(cwdRelative(env, target));
  if (sourceFile !== undefined && sourceFile !== target) {
    await removeFileAndEmptyDirs(absLocal(env, sourceFile), env.rootAbs);
    env.filesChanged.add(cwdRelative(env, sourceFile));
  }
  const attachments = await pullAttachments(env, pageId, downloads, previous?.attachments ?? {});
  await env.store.put(
    manifestEntry(env, page, { localPath: target, contentHash: sha256(text), labels, attachments }),
  );
  markApplied(env, change, page);
}

/** The page says what the local file already says: same title, same labels, same body once converted. */
function unchangedMeaning(
  env: ApplyEnv,
  page: Page,
  labels: readonly string[],
  previous: ManifestPage,
  sourceFile: string,
  existing: string,
): boolean {
  if (sha256(existing) !== previous.contentHash) return false;
  const local = env.locals.get(sourceFile);
  if (!local || local.title !== page.title) return false;
  if (normaliseLabels(local.labels).join(',') !== labels.join(',')) return false;
  const { ctx } = docContext(sourceFile, env.links, { fileExists: localFileExists(env) });
  return sameStorage(toStorage(existing, ctx).storage, page.body);
}

export async function deleteLocal(env: ApplyEnv, change: Change): Promise<void> {
  const pageId = requirePageId(change);
  const path = change.localPath ?? env.store.page(pageId)?.localPath;
  if (path !== undefined) {
    if (path.endsWith('/')) {
      await pruneEmptyDirs(absLocal(env, path.slice(0, -1)), env.rootAbs);
    } else {
      await removeFileAndEmptyDirs(absLocal(env, path), env.rootAbs);
      env.filesChanged.add(cwdRelative(env, path));
    }
  }
  await env.store.remove(pageId);
  change.outcome = 'applied';
}

async function moveFile(env: ApplyEnv, from: string, to: string): Promise<void> {
  await mkdir(dirname(absLocal(env, to)), { recursive: true });
  await rename(absLocal(env, from), absLocal(env, to));
  await pruneEmptyDirs(dirname(absLocal(env, from)), env.rootAbs);
  env.filesChanged.add(cwdRelative(env, from));
  env.filesChanged.add(cwdRelative(env, to));
}

async function readText(absPath: string): Promise<string | undefined> {
  try {
    return await readFile(absPath, 'utf8');
  } catch {
    return undefined;
  }
}
