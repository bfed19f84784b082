/**
 * Where `.confluence-sync.yml` is: the current folder, then each parent up to the repository's top
 * (the folder holding `.git`). Outside a git repository only the current folder is searched.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export const DEFAULT_CONFIG_FILES = ['.confluence-sync.yml', '.confluence-sync.yaml'];

export interface Discovery {
  /** Absolute path of the file found, if any. */
  path?: string;
  /** Folders searched, nearest first (absolute). */
  searched: string[];
  /** The git top level, when the start folder is inside a repository. */
  gitRoot?: string;
}

/** The folder holding `.git` (a directory, or a file in worktrees and submodules), searching upwards. */
export function gitTopLevel(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function discoverConfig(start: string): Discovery {
  const from = resolve(start);
  const gitRoot = gitTopLevel(from);
  const searched: string[] = [];
  let dir = from;
  for (;;) {
    searched.push(dir);
    const found = DEFAULT_CONFIG_FILES.map((name) => join(dir, name)).find((p) => existsSync(p));
    if (found) return { path: found, searched, ...(gitRoot ? { gitRoot } : {}) };
    if (!gitRoot || dir === gitRoot) break;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return { searched, ...(gitRoot ? { gitRoot } : {}) };
}

/** How a path reads from where the user stands: relative when below or near, else absolute. */
export function shownPath(from: string, path: string): string {
  const rel = relative(from, path).split(sep).join('/');
  if (rel === '') return '.';
  return rel.startsWith('../../../') ? path : rel;
}

/** "in /repo/docs/how-to and its parents up to /repo (the git top level)" */
export function whereSearched(discovery: Discovery): string {
  const first = discovery.searched[0] ?? '.';
  const last = discovery.searched[discovery.searched.length - 1] ?? first;
  if (!discovery.gitRoot)
    return `in ${first} (not inside a git repository, so no parent folder was searched)`;
  return first === last
    ? `in ${first} (the git top level)`
    : `in ${first} and its parents up to ${last} (the git top level)`;
}
