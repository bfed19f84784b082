/**
 * Pull request upsert for the pull mode: the open PR from `head` is found and updated; otherwise one
 * is created. Git work (the branch itself) happens elsewhere; this is only the GitHub side.
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

export interface PullRequestResult {
  number: number;
  url: string;
  action: 'created' | 'updated';
}

export async function upsertPullRequest(
  octokit: Octokit,
  repo: RepoRef,
  spec: PullRequestSpec,
): Promise<PullRequestResult> {
  const { data: open } = await octokit.rest.pulls.list({
    ...repo,
    state: 'open',
    head: `${repo.owner}:${spec.head}`,
    base: spec.base,
    per_page: 1,
  });
  let result: PullRequestResult;
  const found = open[0];
  if (found) {
    const { data } = await octokit.rest.pulls.update({
      ...repo,
      pull_number: found.number,
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
