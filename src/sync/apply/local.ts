/**
 * Confluence → local files: create, update, move/rename, delete. Files are written atomically and
 * the manifest entry is saved right after; a file whose page changed only in ways the Markdown
 * already says (same body, same title) keeps its own formatting.
 */
import { dirname, join } from 'node:path';
import type { Page } from '../../confluence/types.js';
import { toStorage } from '../../convert/index.js';
import {
  absLocal,
  changedSinceScan,
  cwdRelative,
  editedDuringRun,
  fileForPath,
  localFileExists,
  manifestEntry,
  markApplied,
  remoteHashOf,
  sha256,
  writeLocal,
  type ApplyEnv,
} from './env.js';
import { sameStorage } from './compare.js';
import { FOLDER_PAGE_BODY, normaliseLabels, renderForPull } from './render.js';
import { requirePageId } from './remote.js';
import { assertReadableBody } from './remote-bodies.js';
import { pullAttachments } from './attachments.js';
import { docContext } from './link-context.js';
import type { Change, ManifestPage } from '../types.js';
import {
  existsSync,
  pruneEmptyDirs,
  readInside,
  readdir,
  removeInside,
  renameInside,
} from '../state/docs-fs.js';

export async function remotePage(env: ApplyEnv, pageId: string): Promise<Page> {
  const unreadable = env.unreadable?.get(pageId);
  if (unreadable) throw unreadable;
  const fetched = env.bodies.get(pageId);
  if (fetched) return fetched;
  const page = assertReadableBody(await env.client.getPage(pageId));
  env.bodies.set(pageId, page);
  return page;
}

/** create-local, update-local and move-local. */
export async function pullPage(env: ApplyEnv, change: Change): Promise<void> {
  const pageId = requirePageId(change);
  if (!change.localPath) throw new Error(`no local path planned for page ${pageId}`);
  const page = await remotePage(env, pageId);
  const previous = env.store.page(pageId);
  const source = change.previousPath ?? previous?.localPath;
  if (source !== undefined && folderDir(source) !== null && folderDir(change.localPath) !== null) {
    await moveFolder(env, folderDir(source)!, folderDir(change.localPath)!);
    if (change.localPath.endsWith('/') && sameStorage(page.body, FOLDER_PAGE_BODY)) {
      // Still a folder without an index file: the folder moved, nothing to write.
      const labels = previous?.labels ?? [];
      await env.store.put(
        manifestEntry(env, page, {
          localPath: change.localPath,
          contentHash: previous?.contentHash ?? '',
          labels,
          attachments: previous?.attachments ?? {},
          remoteBody: page.body,
        }),
      );
      markApplied(env, change, page);
      return;
    }
  }
  const movedSource = source === undefined ? undefined : movedPath(env, source);
  const target = fileForPath(change.localPath);
  const sourceFile = movedSource === undefined || movedSource.endsWith('/') ? undefined : movedSource;
  const existing = sourceFile === undefined ? undefined : await readText(env, sourceFile);
  const labels = normaliseLabels(await env.client.getLabels(pageId));

  if (
    existing !== undefined &&
    sourceFile !== undefined &&
    previous &&
    unchangedMeaning(env, page, labels, previous, sourceFile, existing, source ?? sourceFile)
  ) {
    if (sourceFile !== target) await moveFile(env, sourceFile, target);
    // The file stays as written; an attachment file deleted on disk is written again all the same.
    const exists = localFileExists(env);
    const gone = new Map(
      Object.entries(previous.attachments)
        .filter(([, a]) => !exists(a.localPath))
        .map(([name, a]) => [name, a.localPath]),
    );
    const attachments =
      gone.size === 0
        ? previous.attachments
        : { ...previous.attachments, ...(await pullAttachments(env, pageId, gone, previous.attachments)) };
    await env.store.put(
      manifestEntry(env, page, {
        localPath: target,
        contentHash: sha256(existing),
        labels,
        attachments,
        remoteBody: page.body,
      }),
    );
    markApplied(env, change, page);
    return;
  }

  const { text, downloads } = renderForPull(env, page, target, labels, {
    ...(existing !== undefined ? { existing } : {}),
    ...(previous ? { knownAttachments: previous.attachments } : {}),
  });
  // Re-hashed right before the write: an edit saved since the scan (or a file that appeared) wins.
  const scannedSource = source === undefined ? undefined : env.locals.get(source);
  if (
    (await changedSinceScan(
      env,
      target,
      env.locals.get(target)?.hash ?? (sourceFile === target ? scannedSource?.hash : undefined),
    )) ||
    (sourceFile !== undefined &&
      sourceFile !== target &&
      (await changedSinceScan(env, sourceFile, scannedSource?.hash)))
  ) {
    editedDuringRun(env, change, target);
    return;
  }
  await writeLocal(env, target, text);
  env.filesChanged.add(cwdRelative(env, target));
  if (sourceFile !== undefined && sourceFile !== target) {
    await removeInside(env.rootAbs, absLocal(env, sourceFile), sourceFile);
    env.filesChanged.add(cwdRelative(env, sourceFile));
  }
  const attachments = await pullAttachments(env, pageId, downloads, previous?.attachments ?? {});
  await env.store.put(
    manifestEntry(env, page, {
      localPath: target,
      contentHash: sha256(text),
      labels,
      attachments,
      remoteBody: page.body,
    }),
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
  scannedPath: string,
): boolean {
  if (sha256(existing) !== previous.contentHash) return false;
  const local = env.locals.get(scannedPath);
  if (!local || local.title !== page.title) return false;
  if (normaliseLabels(local.labels).join(',') !== labels.join(',')) return false;
  // At the last sync the file said what the body recorded then said. A body that changed since (in
  // canonical form) says something else, and the file cannot say both: no need to convert the file
  // (most of a pull's CPU) to know it. The same body (a rename, a move, new labels) is still checked.
  if (previous.remoteHash !== undefined && remoteHashOf(page.body) !== previous.remoteHash) return false;
  const { ctx } = docContext(sourceFile, env.links, {
    fileExists: localFileExists(env),
    knownAttachments: previous.attachments,
  });
  return sameStorage(toStorage(existing, ctx, { omitTitleHeading: true }).storage, page.body);
}

export async function deleteLocal(env: ApplyEnv, change: Change): Promise<void> {
  const pageId = requirePageId(change);
  const path = change.localPath ?? env.store.page(pageId)?.localPath;
  if (path !== undefined) {
    if (path.endsWith('/')) {
      await pruneEmptyDirs(absLocal(env, path.slice(0, -1)), env.rootAbs);
    } else {
      if (await changedSinceScan(env, path, env.locals.get(path)?.hash)) {
        editedDuringRun(env, change, path);
        return;
      }
      await removeInside(env.rootAbs, absLocal(env, path), path);
      env.filesChanged.add(cwdRelative(env, path));
    }
  }
  await env.store.remove(pageId);
  change.outcome = 'applied';
}

/** The folder a folder node owns (`a/G/` for `a/G/index.md` and `a/G/`), or null for a leaf. */
function folderDir(path: string): string | null {
  if (path.endsWith('/')) return path;
  const match = path.match(/^(.+\/)(index|readme)\.md$/i);
  return match ? match[1]! : null;
}

/** Where a path is after folders moved earlier in this run (the manifest is kept up to date). */
function movedPath(env: ApplyEnv, path: string): string {
  for (const [from, to] of env.movedFolders) {
    if (path.startsWith(from)) return `${to}${path.slice(from.length)}`;
  }
  return path;
}

/**
 * A folder page moved or renamed in Confluence: the whole folder moves (its children's pages did not
 * change, only where their files live), and the manifest follows. When the destination already
 * exists, only the page's own file moves.
 */
export async function moveFolder(env: ApplyEnv, from: string, to: string): Promise<void> {
  if (from === to || !existsSync(absLocal(env, from)) || existsSync(absLocal(env, to))) return;
  await renameInside(env.rootAbs, absLocal(env, from.slice(0, -1)), absLocal(env, to.slice(0, -1)), from);
  await pruneEmptyDirs(dirname(absLocal(env, from.slice(0, -1))), env.rootAbs);
  env.movedFolders.set(from, to);
  for (const file of await listFiles(absLocal(env, to.slice(0, -1)))) {
    env.filesChanged.add(cwdRelative(env, `${from}${file}`));
    env.filesChanged.add(cwdRelative(env, `${to}${file}`));
  }
  const retarget = (p: string): string => (p.startsWith(from) ? `${to}${p.slice(from.length)}` : p);
  for (const entry of Object.values(env.store.manifest.pages)) {
    const attachments = Object.fromEntries(
      Object.entries(entry.attachments).map(([name, a]) => [
        name,
        { ...a, localPath: retarget(a.localPath) },
      ]),
    );
    env.store.manifest.pages[entry.id] = { ...entry, localPath: retarget(entry.localPath), attachments };
  }
  await env.store.save();
}

async function moveFile(env: ApplyEnv, from: string, to: string): Promise<void> {
  await renameInside(env.rootAbs, absLocal(env, from), absLocal(env, to), from);
  await pruneEmptyDirs(dirname(absLocal(env, from)), env.rootAbs);
  env.filesChanged.add(cwdRelative(env, from));
  env.filesChanged.add(cwdRelative(env, to));
}

/** Every file under a folder, as posix paths relative to it. */
async function listFiles(absDir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(absDir, { withFileTypes: true })) {
    if (entry.isDirectory())
      out.push(...(await listFiles(join(absDir, entry.name), `${prefix}${entry.name}/`)));
    else if (entry.isFile()) out.push(`${prefix}${entry.name}`);
  }
  return out;
}

async function readText(env: ApplyEnv, path: string): Promise<string | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readInside(env.rootAbs, absLocal(env, path), path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    throw e;
  }
  return bytes.toString('utf8');
}
