/**
 * The pull request branch of the pull mode, treated as something people work on:
 * - when it holds commits not made by the action (a reviewer resolved conflict markers), the run
 *   works on top of it and adds a commit; nothing is force-pushed;
 * - otherwise it is rebuilt from the base, and pushed (with --force-with-lease) only when its
 *   content differs from what the remote branch holds: a run with nothing new leaves it alone;
 * - when the base already has everything, the branch is stale (see pull-flow.ts).
 * Each rebuild's first commit carries a trailer naming its base, which is how a later run knows
 * where the action's branch starts.
 */
import { SyncError } from '../errors.js';
import { BOT_EMAIL, type Git } from './git.js';
import { isProtectedRefusal, protectedBranchError } from './push-refusal.js';

export const BASE_TRAILER = 'Confluence-Sync-Base';
/** Commits a branch may hold above its rebuild before the action stops looking (and plays safe). */
const WALK_LIMIT = 50;

export interface PullBranchState {
  branch: string;
  remote: string;
  /** The branch's sha on the remote; undefined when it does not exist. */
  remoteSha?: string;
  /** Commits on the remote branch not made by the action (newest first). */
  foreign: string[];
  /** The run works on the branch itself (foreign commits): commit on top, never force. */
  onTop: boolean;
}

export async function inspectPullBranch(
  git: Git,
  branch: string,
  remote = 'origin',
): Promise<PullBranchState> {
  const ls = await git.run(['ls-remote', '--heads', remote, `refs/heads/${branch}`]);
  const remoteSha = ls.split(/\s+/)[0] || undefined;
  const state: PullBranchState = {
    branch,
    remote,
    foreign: [],
    onTop: false,
    ...(remoteSha ? { remoteSha } : {}),
  };
  if (!remoteSha) return state;
  await git.run([
    'fetch',
    '--no-tags',
    `--depth=${WALK_LIMIT}`,
    remote,
    `+refs/heads/${branch}:refs/remotes/${remote}/${branch}`,
  ]);
  const log = await git.run([
    'log',
    '--format=%H%x00%ae%x00%B%x1e',
    `-n`,
    String(WALK_LIMIT),
    `refs/remotes/${remote}/${branch}`,
  ]);
  let sawStart = false;
  for (const entry of log.split('\x1e')) {
    const [sha = '', email = '', body = ''] = entry.replace(/^\n/, '').split('\x00');
    if (!sha) continue;
    if (email !== BOT_EMAIL) state.foreign.push(sha);
    else if (new RegExp(`^${BASE_TRAILER}: `, 'm').test(body)) {
      sawStart = true;
      break;
    }
  }
  // No rebuild commit in reach (an older release made the branch, or it is very long): keep it as it is.
  if (!sawStart && state.foreign.length === 0) state.foreign.push(remoteSha);
  state.onTop = state.foreign.length > 0;
  return state;
}

/** Switches the workspace to the remote branch so the engine pulls on top of what people pushed. */
export async function checkoutPullBranch(git: Git, state: PullBranchState): Promise<void> {
  await git.run(['checkout', '-q', '-B', state.branch, `refs/remotes/${state.remote}/${state.branch}`]);
}

export interface BranchCommitResult {
  /** 'pushed': the remote branch changed; 'same': its content already was this; 'nothing': no change at all. */
  result: 'pushed' | 'same' | 'nothing';
  /** The remote branch's sha after this run (undefined when it does not exist). */
  sha?: string;
}

/**
 * Commits the changed `paths` for the pull request. On top: an ordinary commit and push (a branch
 * that moved meanwhile is fetched and the commit replayed). Rebuild: a new commit on the base,
 * compared with the remote branch, pushed with --force-with-lease only when the content differs.
 */
export async function commitPullBranch(
  git: Git,
  state: PullBranchState,
  options: { paths: string[]; message: string; localRoot: string; manifestPath: string },
): Promise<BranchCommitResult> {
  const changed = await git.changedPaths(options.paths);
  if (changed.length === 0)
    return { result: 'nothing', ...(state.remoteSha ? { sha: state.remoteSha } : {}) };
  const ref = `refs/heads/${state.branch}`;

  if (state.onTop) {
    await git.run(['add', '--all', '--', ...options.paths]);
    await git.run(['commit', '--no-verify', '-q', '-m', options.message, '--', ...options.paths]);
    for (let attempt = 1; ; attempt++) {
      const push = await git.exec(['push', state.remote, `HEAD:${ref}`]);
      if (push.code === 0) break;
      if (isProtectedRefusal(push.stderr))
        throw protectedBranchError(state.branch, push.stderr, 'the pulled pages');
      if (attempt >= 3) throw pushFailed(state.branch, push.stderr);
      await git.run([
        'fetch',
        '--no-tags',
        state.remote,
        `+${ref}:refs/remotes/${state.remote}/${state.branch}`,
      ]);
      const rebase = await git.exec(['rebase', `refs/remotes/${state.remote}/${state.branch}`]);
      if (rebase.code !== 0) {
        await git.exec(['rebase', '--abort']);
        throw new SyncError(
          'CS-050',
          `Someone pushed to ${state.branch} while the run worked on the same files.`,
          {
            hint: 'Run the workflow again.',
          },
        );
      }
    }
    return { result: 'pushed', sha: await git.run(['rev-parse', 'HEAD']) };
  }

  const base = await git.run(['rev-parse', 'HEAD']);
  await git.run(['checkout', '-q', '-B', state.branch]);
  await git.run(['add', '--all', '--', ...options.paths]);
  await git.run([
    'commit',
    '--no-verify',
    '-q',
    '-m',
    options.message,
    '-m',
    `${BASE_TRAILER}: ${base}`,
    '--',
    ...options.paths,
  ]);
  if (state.remoteSha && (await sameContent(git, `refs/remotes/${state.remote}/${state.branch}`, options))) {
    return { result: 'same', sha: state.remoteSha };
  }
  const lease = `--force-with-lease=${ref}:${state.remoteSha ?? ''}`;
  const push = await git.exec(['push', lease, state.remote, `HEAD:${ref}`]);
  if (push.code !== 0) {
    if (isProtectedRefusal(push.stderr))
      throw protectedBranchError(state.branch, push.stderr, 'the pulled pages');
    throw pushFailed(state.branch, push.stderr);
  }
  return { result: 'pushed', sha: await git.run(['rev-parse', 'HEAD']) };
}

/** Deletes the remote branch, only if it still is what this run saw. */
export async function deletePullBranch(git: Git, state: PullBranchState): Promise<void> {
  if (!state.remoteSha) return;
  const ref = `refs/heads/${state.branch}`;
  const push = await git.exec([
    'push',
    `--force-with-lease=${ref}:${state.remoteSha}`,
    state.remote,
    `:${ref}`,
  ]);
  if (push.code !== 0) throw pushFailed(state.branch, push.stderr);
}

/**
 * The docs folder is the same and the manifest differs at most in lastSyncTime (every run that pulls
 * stamps it): nothing a reviewer would see changed.
 */
async function sameContent(
  git: Git,
  remoteRef: string,
  options: { localRoot: string; manifestPath: string },
): Promise<boolean> {
  const docs = await git.exec(['diff', '--quiet', remoteRef, 'HEAD', '--', options.localRoot]);
  if (docs.code !== 0) return false;
  const read = async (rev: string) => {
    const r = await git.exec(['show', `${rev}:${options.manifestPath}`]);
    if (r.code !== 0) return undefined;
    try {
      const json = JSON.parse(r.stdout) as Record<string, unknown>;
      delete json.lastSyncTime;
      return JSON.stringify(json);
    } catch {
      return r.stdout;
    }
  };
  return (await read(remoteRef)) === (await read('HEAD'));
}

function pushFailed(branch: string, stderr: string): SyncError {
  const last = stderr.trim().split('\n').slice(-1)[0] ?? '';
  return new SyncError('CS-050', `git push to ${branch} failed: ${last}`, {
    hint: 'Give the job `contents: write` (and a github-token that may push), and a concurrency group so runs do not race.',
  });
}
