/**
 * Pull mode's hand-off to people: the pulled files (and the manifest) on one branch, one pull request
 * from it whose body is the change set. Nothing changed → no branch, no pull request.
 */
import * as core from '@actions/core';
import type { SyncConfig } from '../config/types.js';
import type { ChangeSet } from '../sync/types.js';
import { Git } from './git.js';
import type { GitHubEnv } from './github-env.js';
import type { ActionInputs } from './inputs.js';
import { commitToBranch } from './manifest-commit.js';
import { githubError, missingGithubToken, type Octokit } from './octokit.js';
import { MAX_PR_BODY_CHARS, upsertPullRequest, type PullRequestResult } from './pull-request.js';
import { blobBase, renderReport } from './summary.js';

export interface PullFlowContext {
  inputs: ActionInputs;
  gh: GitHubEnv;
  config: SyncConfig;
  cs: ChangeSet;
  octokit: Octokit | undefined;
}

export async function publishPullRequest(ctx: PullFlowContext): Promise<PullRequestResult | undefined> {
  const { inputs, gh, config, cs } = ctx;
  const git = new Git(config.cwd, (line) => core.debug(line));
  const base = (await git.currentBranch()) ?? gh.event.repository?.default_branch ?? gh.refName;
  // The manifest travels with the pulled files (mode.ts refuses a cached manifest for pull).
  const paths = [config.localRoot, config.manifestPath];
  const commit = await commitToBranch(git, {
    paths,
    branch: inputs.pullRequestBranch,
    message: inputs.commitMessage,
  });
  if (!commit.committed) return undefined;
  if (!ctx.octokit) throw missingGithubToken('open the pull request');

  const report = renderReport(
    cs,
    {
      profile: config.profileName,
      files: { blobBase: blobBase(gh, inputs.pullRequestBranch), localRoot: config.localRoot },
    },
    MAX_PR_BODY_CHARS - 600,
  );
  const footer =
    `Opened by confluence-sync from edits made in Confluence. Each scheduled run updates this pull request ` +
    `(branch \`${inputs.pullRequestBranch}\`); merging it records the pulled pages and the manifest, ` +
    `so the next push sends nothing back.`;
  return upsertPullRequest(ctx.octokit, gh.repository, {
    head: inputs.pullRequestBranch,
    base,
    title: inputs.pullRequestTitle,
    body: [report, '', '---', footer].join('\n'),
    labels: inputs.pullRequestLabels,
  }).catch((e: unknown) => {
    throw githubError(
      e,
      `open or update the pull request from ${inputs.pullRequestBranch}`,
      'Give the job `pull-requests: write` and turn on "Allow GitHub Actions to create and approve pull requests" (Settings → Actions → General).',
    );
  });
}
