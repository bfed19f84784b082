/** Temp git repositories for the action's tests: a bare "origin" and clones of it, branch main. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const PERSON = {
  GIT_AUTHOR_NAME: 'Dev',
  GIT_AUTHOR_EMAIL: 'dev@example.com',
  GIT_COMMITTER_NAME: 'Dev',
  GIT_COMMITTER_EMAIL: 'dev@example.com',
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    env: { ...process.env, ...PERSON },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

export interface RepoFixture {
  root: string;
  bare: string;
  /** A fresh shallow clone of origin (as actions/checkout makes one), on `branch` (default main). */
  clone(name: string, branch?: string): string;
  /** Writes files (path → text) in `dir`, commits them as a person and pushes to origin. */
  commitFiles(dir: string, files: Record<string, string>, message?: string): void;
  cleanup(): void;
}

export function createRepoFixture(
  initial: Record<string, string> = { 'README.md': '# Docs\n' },
): RepoFixture {
  const root = mkdtempSync(join(tmpdir(), 'cs-action-'));
  const bare = join(root, 'origin.git');
  git(root, 'init', '-q', '--bare', '-b', 'main', bare);
  const seed = join(root, 'seed');
  git(root, 'init', '-q', '-b', 'main', seed);
  git(seed, 'remote', 'add', 'origin', bare);
  const fixture: RepoFixture = {
    root,
    bare,
    clone(name, branch = 'main') {
      const dir = join(root, name);
      // Shallow, like actions/checkout (fetch-depth: 1).
      git(
        root,
        'clone',
        '-q',
        '--depth',
        '1',
        '--no-single-branch',
        '--branch',
        branch,
        `file://${bare}`,
        dir,
      );
      return dir;
    },
    commitFiles(dir, files, message = 'edit docs') {
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      git(dir, 'add', '--all');
      git(dir, 'commit', '-q', '-m', message);
      git(dir, 'push', '-q', 'origin', 'HEAD');
    },
    cleanup() {
      rmSync(root, { recursive: true, force: true });
    },
  };
  fixture.commitFiles(seed, initial, 'initial');
  return fixture;
}
