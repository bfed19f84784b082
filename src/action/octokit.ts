import { getOctokit } from '@actions/github';
import { SyncError } from '../errors.js';

export type Octokit = ReturnType<typeof getOctokit>;

export interface RepoRef {
  owner: string;
  repo: string;
}

/** An Octokit for `apiUrl` (GITHUB_API_URL: github.com or a GitHub Enterprise Server). */
export function createOctokit(token: string, apiUrl: string): Octokit {
  return getOctokit(token, { baseUrl: apiUrl });
}

/** The GitHub half of the action needs `github-token`; said in one line when it is empty. */
export function missingGithubToken(what: string): SyncError {
  return new SyncError('CS-051', `Input \`github-token\` is empty, so the action cannot ${what}.`, {
    hint: 'Leave `github-token` at its default (${{ github.token }}) or pass a token with the needed permissions.',
  });
}

/** An Octokit failure as one line: what the action tried, GitHub's status and message, what to do. */
export function githubError(e: unknown, what: string, hint: string): SyncError {
  const status = typeof e === 'object' && e !== null && 'status' in e ? Number(e.status) : undefined;
  const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
  return new SyncError(
    'CS-050',
    `GitHub refused to ${what}${status ? ` (HTTP ${status})` : ''}: ${message}`,
    {
      hint,
      ...(status ? { status } : {}),
      cause: e,
    },
  );
}
