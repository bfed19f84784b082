/**
 * Pull mode's hand-off to people: the pulled files (and the manifest) on one branch, one pull
 * request from it whose body is the report. A run with nothing new leaves branch and pull request
 * alone; a branch the base has caught up with is closed and deleted.
 */
import * as core from '@actions/core';
import type { SyncConfig } from '../config/types.js';
import type { ChangeSet } from '../sync/types.js';
import type { Git } from './git.js';
import type { GitHubEnv } from './github-env.js';
import type { ActionInputs } from './inputs.js';
import { githubError, missingGithubToken, type Octokit } from './octokit.js';
import { commitPullBranch, deletePullBranch, type PullBranchState } from './pull-branch.js';
import {
  MAX_PR_BODY_CHARS,
  closePullRequest,
  findOpenPullRequest,
  upsertPullRequest,
} from './pull-request.js';
import { blobBase, renderReport, type SummaryContext } from './summary.js';

export type PullRequestOperation = 'created' | 'updated' | 'closed' | 'none';

export interface PullFlowContext {
  inputs: ActionInputs;
  gh: GitHubEnv;
  config: SyncConfig;
  cs: ChangeSet;
  octokit: Octokit | undefined;
  git: Git;
  /** The branch the pull request goes into (the branch the workflow checked out). */
  base: string;
  branch: PullBranchState;
  /** What the report shows beyond the change set (who edited, parent titles). */
  report: Pick<SummaryContext, 'remoteEdits' | 'titles' | 'failOnConflict'>;
}

export interface PullFlowResult {
  operation: PullRequestOperation;
  number?: number;
  url?: string;
  /** The pull request branch's sha on the remote after the run ('' when there is none). */
  headSha: string;
}

export async function publishPullRequest(ctx: PullFlowContext): Promise<PullFlowResult> {
  const { inputs, gh, config, cs, git, branch } = ctx;
  const paths = [config.localRoot, config.manifestPath];
  const commit = await commitPullBranch(git, branch, {
    paths,
    message: inputs.commitMessage,
    localRoot: config.localRoot,
    manifestPath: config.manifestPath,
  });
  const octokit = ctx.octokit;
  const api = <T>(what: string, p: Promise<T>): Promise<T> =>
    p.catch((e: unknown) => {
      throw githubError(
        e,
        what,
        'Give the job `pull-requests: write` and turn on "Allow GitHub Actions to create and approve pull requests" (Settings → Actions → General).',
      );
    });

  if (commit.result === 'nothing') {
    if (branch.onTop || !branch.remoteSha) return { operation: 'none', headSha: branch.remoteSha ?? '' };
    // The base has everything the branch brought: the pull request has nothing left to review.
    const open = octokit
      ? await api('find the pull request', findOpenPullRequest(octokit, gh.repository, branch.branch))
      : undefined;
    if (open && octokit) {
      await api(
        `close pull request #${open.number}`,
        closePullRequest(
          octokit,
          gh.repository,
          open,
          `Closed by confluence-sync: \`${ctx.base}\` already matches Confluence (the edits were reverted in Confluence or reached \`${ctx.base}\` another way), so this pull request has nothing left to bring in. The branch \`${branch.branch}\` is deleted; the next edit in Confluence opens a new pull request.`,
        ),
      );
    }
    await deletePullBranch(git, branch);
    return open
      ? { operation: 'closed', number: open.number, url: open.url, headSha: '' }
      : { operation: 'none', headSha: '' };
  }

  if (!octokit) throw missingGithubToken('open the pull request');
  const open = await api('find the pull request', findOpenPullRequest(octokit, gh.repository, branch.branch));
  const headSha = commit.sha ?? '';
  if (commit.result === 'same' && open) {
    return { operation: 'none', number: open.number, url: open.url, headSha };
  }
  const report = renderReport(
    cs,
    {
      profile: config.profileName,
      files: { blobBase: blobBase(gh, branch.branch), localRoot: config.localRoot },
      ...ctx.report,
    },
    MAX_PR_BODY_CHARS - 800,
  );
  const footer =
    `Opened by confluence-sync from edits made in Confluence. A scheduled run adds new Confluence edits to ` +
    `this pull request (branch \`${branch.branch}\`) and leaves it alone when nothing changed; commits you push ` +
    `here are kept. Merging it records the pulled pages and the manifest, so the next push sends nothing back.`;
  const pr = await api(
    `open or update the pull request from ${branch.branch}`,
    upsertPullRequest(
      octokit,
      gh.repository,
      {
        head: branch.branch,
        base: ctx.base,
        title: inputs.pullRequestTitle,
        body: [report, '', '---', footer].join('\n'),
        labels: inputs.pullRequestLabels,
      },
      open,
    ),
  );
  core.debug(`pull request #${pr.number} ${pr.action}`);
  return { operation: pr.action, number: pr.number, url: pr.url, headSha };
}
