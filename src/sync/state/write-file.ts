/**
 * Local file writes that never leave a half-written file behind: a temp file beside the target,
 * fsync, then rename (atomic on the same file system). A run killed mid-write leaves either the
 * old file or the new one, plus at most a hidden `.*.tmp` file that the scan ignores.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, rmdir, readdir } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

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
