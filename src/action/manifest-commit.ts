/**
 * Commits files back to a branch and pushes, as github-actions[bot]. When the branch moved while the
 * run was working (another push landed), the commit is rebased onto it and the push retried.
 */
import { SyncError } from '../errors.js';
import type { Git } from './git.js';
import { isProtectedRefusal, protectedBranchError } from './push-refusal.js';

export interface CommitOptions {
  /** Paths (relative to the repository root) to commit; nothing else is staged. */
  paths: string[];
  message: string;
  /** The remote branch to push to. */
  branch: string;
  remote?: string;
  /** Push attempts before giving up (default 3). */
  attempts?: number;
  /** What is pushed, for messages ("the manifest commit"). */
  what?: string;
}

export interface CommitResult {
  committed: boolean;
  sha?: string;
}

export async function commitAndPush(git: Git, options: CommitOptions): Promise<CommitResult> {
  const remote = options.remote ?? 'origin';
  const changed = await git.changedPaths(options.paths);
  if (changed.length === 0) return { committed: false };

  await git.run(['add', '--all', '--', ...options.paths]);
  await git.run(['commit', '--no-verify', '-m', options.message, '--', ...options.paths]);

  const attempts = options.attempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    const push = await git.exec(['push', remote, `HEAD:refs/heads/${options.branch}`]);
    if (push.code === 0) break;
    if (isProtectedRefusal(push.stderr)) {
      throw protectedBranchError(options.branch, push.stderr, options.what ?? 'the manifest commit');
    }
    if (attempt >= attempts) {
      throw new SyncError(
        'CS-050',
        `git push to ${options.branch} failed ${attempts} times: ${lastLine(push.stderr)}`,
        {
          hint: 'Give the job `permissions: contents: write` and a concurrency group so runs do not race.',
        },
      );
    }
    // The branch moved: replay our commit on top of it and try again.
    await git.run(['fetch', '--no-tags', remote, options.branch]);
    const rebase = await git.exec(['rebase', `${remote}/${options.branch}`]);
    if (rebase.code !== 0) {
      await git.exec(['rebase', '--abort']);
      throw new SyncError(
        'CS-050',
        `Cannot rebase the sync commit onto ${options.branch}: ${lastLine(rebase.stderr)}`,
        {
          hint: 'Another run changed the same files; run the workflow again.',
        },
      );
    }
  }
  return { committed: true, sha: await git.run(['rev-parse', 'HEAD']) };
}

function lastLine(s: string): string {
  return s.trim().split('\n').slice(-1)[0] ?? '';
}
