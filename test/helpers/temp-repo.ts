/**
 * A throw-away git repository with a docs folder and a .confluence-sync.yml, for end-to-end tests.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { dump } from 'js-yaml';

export interface RepoConfig {
  confluenceUrl: string;
  spaceKey: string;
  parentPageId?: string;
  flavor?: 'cloud' | 'datacenter';
  localRoot?: string;
  conflictStrategy?: string;
  onLocalDelete?: string;
  concurrentOperations?: number;
}

export interface TempRepo {
  dir: string;
  /** Writes a file relative to the repository root (creating folders). */
  write(path: string, content: string | Uint8Array): void;
  read(path: string): string;
  readBytes(path: string): Buffer;
  exists(path: string): boolean;
  remove(path: string): void;
  /** Every file under a folder (posix, relative to the repository), hidden files and .git excluded. */
  files(under?: string): string[];
  writeConfig(config: RepoConfig): void;
  manifest(): {
    pages: Record<string, { id: string; title: string; version: number; localPath: string; status: string }>;
    detached?: Record<string, { title: string; localPath: string; at: string }>;
  };
  git(...args: string[]): string;
  cleanup(): void;
}

/** `parent`: the folder to create the repository in (default: the system's temp folder). */
export function createTempRepo(files: Record<string, string | Uint8Array> = {}, parent = tmpdir()): TempRepo {
  const dir = mkdtempSync(join(parent, 'cs-e2e-'));
  const repo: TempRepo = {
    dir,
    write(path, content) {
      const abs = join(dir, path);
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, content);
    },
    read: (path) => readFileSync(join(dir, path), 'utf8'),
    readBytes: (path) => readFileSync(join(dir, path)),
    exists: (path) => existsSync(join(dir, path)),
    remove: (path) => rmSync(join(dir, path), { recursive: true, force: true }),
    files(under = '') {
      const root = join(dir, under);
      if (!existsSync(root)) return [];
      const out: string[] = [];
      const walk = (abs: string): void => {
        for (const name of readdirSync(abs)) {
          if (name.startsWith('.')) continue;
          const child = join(abs, name);
          if (statSync(child).isDirectory()) walk(child);
          else out.push(relative(dir, child).split(sep).join('/'));
        }
      };
      walk(root);
      return out.sort();
    },
    writeConfig(config) {
      const profile: Record<string, unknown> = { localRoot: 'docs', ...config };
      repo.write('.confluence-sync.yml', dump({ activeProfile: 'default', profiles: { default: profile } }));
    },
    manifest: () => JSON.parse(repo.read('.confluence-sync.json')),
    git: (...args) =>
      execFileSync('git', args, {
        cwd: dir,
        encoding: 'utf8',
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 'test',
          GIT_AUTHOR_EMAIL: 't@example.com',
          GIT_COMMITTER_NAME: 'test',
          GIT_COMMITTER_EMAIL: 't@example.com',
        },
      }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  repo.git('init', '-q', '-b', 'main');
  for (const [path, content] of Object.entries(files)) repo.write(path, content);
  return repo;
}
