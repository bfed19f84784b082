/**
 * The one file-system module of sync/: every read, write, rename, remove, mkdir, readdir and stat
 * that the engine does under the docs root (and on the manifest beside it) goes through here, so a
 * safety rule (containment in the docs root, no symlink out of it) is enforced in one place.
 * Nothing else under src/sync imports node:fs.
 *
 * Local file writes never leave a half-written file behind: a temp file beside the target,
 * fsync, then rename (atomic on the same file system). A run killed mid-write leaves either the
 * old file or the new one, plus at most a hidden `.*.tmp` file that the scan ignores.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, realpathSync, statSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, rmdir, readdir } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { SyncError } from '../../errors.js';

// The raw calls the rest of sync/ uses, re-exported so that this file is the only door to node:fs.
export type { Dirent } from 'node:fs';
export {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
export { mkdir, open, readFile, readdir, realpath, rename, rm, stat } from 'node:fs/promises';

export async function writeFileAtomic(absPath: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(absPath);
  await mkdir(dir, { recursive: true });
  // Not named after the target: a target name may already use all 255 bytes a name can have.
  const tmp = join(dir, `.confluence-sync-${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, absPath);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** Removes a file, then every directory above it that became empty, up to (not including) stopAt. */
export async function removeFileAndEmptyDirs(absPath: string, stopAt: string): Promise<void> {
  await rm(absPath, { force: true });
  await pruneEmptyDirs(dirname(absPath), stopAt);
}

export async function pruneEmptyDirs(startDir: string, stopAt: string): Promise<void> {
  let dir = startDir;
  while (isStrictlyInside(stopAt, dir)) {
    let entries: string[];
    try {
      entries = await readdir(dir);
    } catch {
      return;
    }
    if (entries.length > 0) return;
    await rmdir(dir).catch(() => undefined);
    dir = dirname(dir);
  }
}

function isStrictlyInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel);
}

/** Whether path is root or lies under it (both already resolved). */
export function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}

/**
 * Whether abs is a regular file that really lives inside rootAbs: a symlink to a file elsewhere
 * (an SSH key, /etc/passwd) is never read or uploaded.
 */
export function isRealFileInside(rootAbs: string, abs: string): boolean {
  try {
    const real = realpathSync(abs);
    return isInside(realpathSync(rootAbs), real) && statSync(real).isFile();
  } catch {
    return false;
  }
}

/**
 * The containment check every file operation under the docs root goes through: abs must lie under
 * rootAbs by its path, and the real path of its parent (the nearest part that exists) must lie under
 * the real path of rootAbs, so no symlinked folder leads the operation elsewhere. CS-041 otherwise.
 * The target itself may be a symlink only when the operation acts on the link (rename, remove).
 */
export function assertContained(
  rootAbs: string,
  abs: string,
  what: string,
  options: { followTarget?: boolean } = {},
): void {
  const refuse = (why: string) =>
    new SyncError('CS-041', `${what} ${why}.`, {
      hint: 'Only files inside localRoot are synced; replace symlinked folders with real ones. Nothing was read or written there.',
    });
  const root = resolve(rootAbs);
  const target = resolve(abs);
  if (target === root || !isInside(root, target) || abs.includes('\0'))
    throw refuse('leaves the docs folder');
  // Hidden files and folders (.git, .github, .env) are never synced: nothing reads or writes them.
  if (
    relative(root, target)
      .split(sep)
      .some((part) => part.startsWith('.'))
  )
    throw refuse('is a hidden file or folder (its name starts with a dot), which is never synced');
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return; // No docs folder yet: nothing under it can be a symlink.
  }
  let existing = dirname(target);
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  if (!isInside(realRoot, realpathSync(existing)))
    throw refuse('goes through a symlink that leaves the docs folder');
  if (options.followTarget && existsSync(target) && !isInside(realRoot, realpathSync(target)))
    throw refuse('is a symlink that leaves the docs folder');
}

/**
 * Writes abs (localPath relative to rootAbs) atomically, refusing a folder that is (or goes
 * through) a symlink out of rootAbs.
 */
export async function writeInside(
  rootAbs: string,
  abs: string,
  localPath: string,
  data: string | Uint8Array,
): Promise<void> {
  mkdirSync(rootAbs, { recursive: true });
  assertContained(rootAbs, abs, localPath);
  await writeFileAtomic(abs, data);
}

/** Reads a file under rootAbs (never through a symlink that leaves it). */
export async function readInside(rootAbs: string, abs: string, what: string): Promise<Buffer> {
  assertContained(rootAbs, abs, what, { followTarget: true });
  return readFile(abs);
}

/** Renames a file or folder under rootAbs to another place under it (both ends checked). */
export async function renameInside(
  rootAbs: string,
  fromAbs: string,
  toAbs: string,
  what: string,
): Promise<void> {
  assertContained(rootAbs, fromAbs, what);
  assertContained(rootAbs, toAbs, what);
  await mkdir(dirname(toAbs), { recursive: true });
  assertContained(rootAbs, toAbs, what);
  await rename(fromAbs, toAbs);
}

/** Removes a file under rootAbs, then the folders above it that became empty (up to rootAbs). */
export async function removeInside(rootAbs: string, abs: string, what: string): Promise<void> {
  assertContained(rootAbs, abs, what);
  await removeFileAndEmptyDirs(abs, rootAbs);
}
