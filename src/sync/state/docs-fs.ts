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
import { mkdir, open, rename, rm, rmdir, readdir } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
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
  let existing = dirname(abs);
  while (!existsSync(existing)) existing = dirname(existing);
  if (!isInside(realpathSync(rootAbs), realpathSync(existing))) {
    throw new SyncError(
      'CS-041',
      `${localPath} would be written through a symlink that leaves the docs folder.`,
      {
        hint: 'Replace the symlinked folder with a real one; nothing was written there.',
      },
    );
  }
  await writeFileAtomic(abs, data);
}
