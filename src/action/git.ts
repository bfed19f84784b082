/**
 * The one place the action runs git. Commands are argument arrays (no shell); commits are made as
 * github-actions[bot].
 */
import { execFile } from 'node:child_process';
import { SyncError } from '../errors.js';

export const BOT_NAME = 'github-actions[bot]';
export const BOT_EMAIL = '41898282+github-actions[bot]@users.noreply.github.com';

/** Identity by environment: it wins over any git config, and the user's config is never written. */
const BOT_ENV = {
  GIT_AUTHOR_NAME: BOT_NAME,
  GIT_AUTHOR_EMAIL: BOT_EMAIL,
  GIT_COMMITTER_NAME: BOT_NAME,
  GIT_COMMITTER_EMAIL: BOT_EMAIL,
  GIT_TERMINAL_PROMPT: '0',
};

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Pushes and fetches made with this token on `serverUrl` (GITHUB_SERVER_URL). */
export interface GitAuth {
  serverUrl: string;
  token: string;
}

/**
 * The token as git config passed through the environment (GIT_CONFIG_COUNT/KEY/VALUE, git 2.31+):
 * it lives only in the action's own git processes, is never written to .git/config (nothing to
 * remove afterwards, nothing left for later steps), and does not show in the process list as `-c`
 * would. The empty value first clears whatever header actions/checkout persisted for the same server
 * (in .git/config or, since checkout v6, an includeIf file), so git never sends two Authorization
 * headers (GitHub answers 400).
 */
export function authEnv(
  auth: GitAuth | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  if (!auth) return {};
  const key = `http.${auth.serverUrl.replace(/\/+$/, '')}/.extraheader`;
  const value = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${auth.token}`).toString('base64')}`;
  const n = Number(env.GIT_CONFIG_COUNT ?? 0) || 0;
  return {
    GIT_CONFIG_COUNT: String(n + 3),
    [`GIT_CONFIG_KEY_${n}`]: 'http.extraheader',
    [`GIT_CONFIG_VALUE_${n}`]: '',
    [`GIT_CONFIG_KEY_${n + 1}`]: key,
    [`GIT_CONFIG_VALUE_${n + 1}`]: '',
    [`GIT_CONFIG_KEY_${n + 2}`]: key,
    [`GIT_CONFIG_VALUE_${n + 2}`]: value,
  };
}

export class Git {
  constructor(
    readonly cwd: string,
    private readonly log: (line: string) => void = () => {},
    private readonly auth?: GitAuth,
  ) {}

  /** Runs git; resolves with the exit code instead of throwing. */
  exec(args: string[]): Promise<GitResult> {
    this.log(`git ${args.join(' ')}`);
    return new Promise((resolve) => {
      execFile(
        'git',
        args,
        {
          cwd: this.cwd,
          maxBuffer: 64 * 1024 * 1024,
          env: { ...process.env, ...BOT_ENV, ...authEnv(this.auth) },
        },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({ code, stdout: String(stdout), stderr: String(stderr) });
        },
      );
    });
  }

  /** Runs git; a non-zero exit becomes CS-050 with git's own message. */
  async run(args: string[]): Promise<string> {
    const r = await this.exec(args);
    if (r.code !== 0) {
      const detail = (r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ');
      throw new SyncError('CS-050', `git ${args[0]} failed: ${detail}`, {
        hint: 'Check that the workflow checked the repository out (actions/checkout) with `contents: write`.',
      });
    }
    return r.stdout.trim();
  }

  /** Paths (relative to cwd) with staged, unstaged or untracked changes among `paths`. */
  async changedPaths(paths: string[]): Promise<string[]> {
    const out = await this.run(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...paths]);
    const entries = out.split('\0').filter((e) => e !== '');
    const result: string[] = [];
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i] ?? '';
      result.push(entry.slice(3));
      if (entry[0] === 'R' || entry[0] === 'C') i++; // the next entry is the rename's source
    }
    return result;
  }

  async currentBranch(): Promise<string | undefined> {
    const r = await this.exec(['symbolic-ref', '--quiet', '--short', 'HEAD']);
    return r.code === 0 ? r.stdout.trim() : undefined;
  }
}
