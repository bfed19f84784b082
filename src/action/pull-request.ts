/**
 * The GitHub side of the pull mode's pull request: find the open one from the branch, create or
 * update it, close it when it became stale. Git work (the branch itself) happens in pull-branch.ts.
 */
import type { Octokit, RepoRef } from './octokit.js';

/** GitHub refuses PR bodies over 65 536 characters. */
export const MAX_PR_BODY_CHARS = 65_000;

export interface PullRequestSpec {
  head: string;
  base: string;
  title: string;
  body: string;
  labels: string[];
}

export interface PullRequestRef {
  number: number;
  url: string;
}

export async function findOpenPullRequest(
  octokit: Octokit,
  repo: RepoRef,
  head: string,
): Promise<PullRequestRef | undefined> {
  const { data: open } = await octokit.rest.pulls.list({
    ...repo,
    state: 'open',
    head: `${repo.owner}:${head}`,
    per_page: 1,
  });
  const found = open[0];
  return found ? { number: found.number, url: found.html_url } : undefined;
}

/** Updates the open pull request (title, body, labels) or creates one. */
export async function upsertPullRequest(
  octokit: Octokit,
  repo: RepoRef,
  spec: PullRequestSpec,
  existing: PullRequestRef | undefined,
): Promise<PullRequestRef & { action: 'created' | 'updated' }> {
  let result: PullRequestRef & { action: 'created' | 'updated' };
  if (existing) {
    const { data } = await octokit.rest.pulls.update({
      ...repo,
      pull_number: existing.number,
      title: spec.title,
      body: spec.body,
    });
    result = { number: data.number, url: data.html_url, action: 'updated' };
  } else {
    const { data } = await octokit.rest.pulls.create({
      ...repo,
      head: spec.head,
      base: spec.base,
      title: spec.title,
      body: spec.body,
      maintainer_can_modify: true,
    });
    result = { number: data.number, url: data.html_url, action: 'created' };
  }
  if (spec.labels.length > 0) {
    await octokit.rest.issues.addLabels({ ...repo, issue_number: result.number, labels: spec.labels });
  }
  return result;
}

/** Closes a pull request with a comment saying why. */
export async function closePullRequest(
  octokit: Octokit,
  repo: RepoRef,
  pr: PullRequestRef,
  comment: string,
): Promise<void> {
  await octokit.rest.issues.createComment({ ...repo, issue_number: pr.number, body: comment });
  await octokit.rest.pulls.update({ ...repo, pull_number: pr.number, state: 'closed' });
}
