/**
 * The action: inputs → SyncConfig → the engine → reports where people look (job summary, PR comment,
 * annotations, outputs) → the manifest persisted (commit or cache) → a pull request for pulled pages.
 * No sync logic here: the engine decides, this file only wires GitHub around it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import { loadConfig, type LoadConfigOptions } from '../config/index.js';
import { doctorMarkdown, isSetupFailure, runDoctor } from '../doctor/index.js';
import { SyncError, toSyncError } from '../errors.js';
import { logLine, mdCell } from '../report/index.js';
import { runSync as engineRunSync } from '../sync/engine.js';
import type { ChangeSet, ProgressEvent, RunOptions, SyncResult } from '../sync/types.js';
import type { SyncConfig } from '../config/types.js';
import { baseCommitConfig } from './base-config.js';
import { Git, type GitAuth } from './git.js';
import { isForkPullRequest, readGitHubEnv, type GitHubEnv } from './github-env.js';
import { readInputs, secretInputValues, type ActionInputs } from './inputs.js';
import { restoreManifest, type CacheApi, type CacheKeyParts } from './manifest-cache.js';
import { manifestTitles } from './manifest-titles.js';
import { assertEventFits, assertStorageFits, resolveMode, type RunMode } from './mode.js';
import { createOctokit, githubError, missingGithubToken, type RepoRef } from './octokit.js';
import { WarningBudget, countChanges, setCountOutputs, writeChangeSetFile } from './outputs.js';
import { persistManifest } from './persist.js';
import { listPullRequestFiles } from './pr-files.js';
import { checkoutPullBranch, inspectPullBranch, type PullBranchState } from './pull-branch.js';
import { publishPullRequest, type PullFlowResult } from './pull-flow.js';
import { readRemoteEdits } from './remote-edits.js';
import {
  MAX_COMMENT_CHARS,
  commentIdentity,
  updateStickyCommentIfAny,
  upsertStickyComment,
  type StickyTarget,
} from './sticky-comment.js';
import { MAX_SUMMARY_BYTES, blobBase, renderReport } from './summary.js';
import { verdict } from './verdict.js';

export type RunSync = (config: SyncConfig, options: RunOptions) => Promise<SyncResult>;

export interface RunDeps {
  /** The engine (tests may pass a stand-in). */
  runSync?: RunSync;
  /** The Actions cache (tests may pass a stand-in). */
  cache?: CacheApi;
}

const DEFAULT_CONFIG_FILE = '.confluence-sync.yml';

export async function run(deps: RunDeps = {}): Promise<void> {
  const startedAt = Date.now();
  // Masked before anything else can print them.
  for (const secret of secretInputValues((name) => core.getInput(name))) core.setSecret(secret);
  if (process.env.CONFLUENCE_API_TOKEN) core.setSecret(process.env.CONFLUENCE_API_TOKEN);
  const warnings = new WarningBudget();
  let changeSet: ChangeSet | undefined;
  let localRoot = '';
  // Set once the config's sources are known, so an early failure can be explained by the doctor's checks.
  let setup: { cwd: string; options: LoadConfigOptions } | undefined;

  try {
    const inputs = readInputs((name) => core.getInput(name));
    const gh = readGitHubEnv(process.env);
    const mode = resolveMode(inputs.mode, gh.eventName);
    assertEventFits(mode, gh.eventName);
    assertStorageFits(mode, inputs.manifestStorage);
    const pr = gh.event.pull_request;
    if (pr && isForkPullRequest(gh) && mode !== 'check' && !inputs.dryRun) {
      // The branch would be the fork's head ref under this repository's name, with unreviewed commits.
      throw new SyncError(
        'CS-050',
        `Refusing mode ${mode} on a pull request from ${pr.head.repo?.full_name ?? 'a deleted fork'}: it would write its unreviewed files and push to its branch.`,
        { hint: 'Use mode: check for pull requests; push and sync run on branches of this repository.' },
      );
    }

    if (pr && isForkPullRequest(gh) && !inputs.token && !process.env.CONFLUENCE_API_TOKEN) {
      core.notice(
        'confluence-sync skipped: this pull request comes from a fork, and GitHub does not give workflows ' +
          'triggered from forks the repository secrets (the Confluence token). A maintainer can run the check ' +
          'after merging, or from a branch of this repository.',
        { title: 'Confluence check skipped' },
      );
      return;
    }

    const auth: GitAuth | undefined = inputs.githubToken
      ? { serverUrl: gh.serverUrl, token: inputs.githubToken }
      : undefined;
    const git = new Git(gh.workspace, (line) => core.debug(line), auth);
    setup = { cwd: gh.workspace, options: await configOptions(inputs, gh, git) };
    const config = loadConfig(setup.options);
    localRoot = config.localRoot;
    core.info(
      logLine(
        `confluence-sync ${mode}${inputs.dryRun ? ' (dry run)' : ''}: ${config.localRoot}/ ⇄ space ${config.spaceKey} on ${config.confluenceUrl}`,
      ),
    );

    const octokit = inputs.githubToken ? createOctokit(inputs.githubToken, gh.apiUrl) : undefined;
    const repo: RepoRef = gh.repository;
    const cacheParts: CacheKeyParts = {
      profile: config.profileName,
      spaceKey: config.spaceKey,
      runId: gh.runId,
      runAttempt: gh.runAttempt,
    };
    const writes = !inputs.dryRun && mode !== 'check';

    if (inputs.manifestStorage === 'cache') {
      const hit = await restoreManifest(config.manifestPath, cacheParts, deps.cache);
      if (hit) core.info(`Manifest restored from the cache (${hit}).`);
      else if (Number(process.env.GITHUB_RUN_NUMBER ?? '1') > 1) {
        warnings.warn(
          `No cached manifest, although this workflow has run before (run #${process.env.GITHUB_RUN_NUMBER}): ` +
            'GitHub evicts cache entries not used for 7 days. This run matches every page again by title, and ' +
            'pages whose file and page both differ from each other are reported as conflicts instead of updated. ' +
            'Use manifest-storage: commit unless the workflow only pushes.',
        );
      } else core.info('No cached manifest yet: first run.');
    }

    const sticky = async (): Promise<StickyTarget | undefined> =>
      inputs.comment && pr && octokit
        ? {
            repo,
            issueNumber: pr.number,
            markerId: `${config.profileName}:${config.spaceKey}`,
            login: await commentIdentity(octokit),
          }
        : undefined;

    let paths: string[] | undefined;
    if (mode === 'check' && pr) {
      if (!octokit) throw missingGithubToken('list the files of the pull request');
      const root = config.localRoot.replace(/\/+$/, '');
      const prefix = root === '' || root === '.' ? '' : `${root}/`;
      const files = await listPullRequestFiles(octokit, repo, pr.number).catch((e: unknown) => {
        throw githubError(e, 'list the files of the pull request', 'Give the job `pull-requests: read`.');
      });
      paths = files.filter((f) => f.startsWith(prefix));
      core.info(`The pull request touches ${paths.length} file(s) under ${prefix || 'the repository root'}.`);
      if (paths.length === 0) {
        const where = prefix || 'the repository root';
        core.notice(
          logLine(`This pull request changes nothing under ${where}: nothing to check against Confluence.`),
        );
        setCountOutputs(core, {
          created: 0,
          updated: 0,
          deleted: 0,
          moved: 0,
          conflicts: 0,
          failed: 0,
          unchanged: 0,
        });
        // An earlier push may have left a conflict report on the pull request: it must not stand.
        const target = await sticky();
        if (target && octokit) {
          await updateStickyCommentIfAny(
            octokit,
            target,
            `## ✅ This pull request no longer changes anything under \`${where}\`\n\nNothing to check against Confluence (space \`${config.spaceKey}\`); an earlier report here no longer applies.\n`,
          ).catch((e: unknown) =>
            warnings.warn(
              githubError(
                e,
                'update the pull request comment',
                'Give the job `pull-requests: write`.',
              ).toLine(),
            ),
          );
        }
        warnings.flush(core, emptyChangeSet(mode, config), localRoot);
        return;
      }
    }

    // Pull: when people pushed to the pull request branch, the run works on top of their commits.
    let branch: PullBranchState | undefined;
    let base = '';
    if (mode === 'pull' && writes) {
      base = (await git.currentBranch()) ?? gh.event.repository?.default_branch ?? gh.refName;
      branch = await inspectPullBranch(git, inputs.pullRequestBranch);
      if (branch.onTop) {
        core.info(
          `${inputs.pullRequestBranch} has ${branch.foreign.length} commit(s) not made by confluence-sync: pulling on top of them.`,
        );
        await checkoutPullBranch(git, branch);
      }
    }

    const runSync = deps.runSync ?? engineRunSync;
    // Whatever was applied before a failure is in the manifest on disk: keep it, or the next run redoes it.
    const persist = () =>
      writes && mode !== 'pull'
        ? persistManifest({
            inputs,
            gh,
            config,
            mode,
            cacheParts,
            cache: deps.cache,
            auth,
            warn: (m) => warnings.warn(m),
          })
        : undefined;
    let result: SyncResult;
    try {
      result = await runSync(config, {
        mode,
        dryRun: inputs.dryRun,
        ...(inputs.allowMassDelete ? { allowMassDelete: true } : {}),
        ...(paths ? { paths } : {}),
        ...(inputs.conflictStrategy ? { strategy: inputs.conflictStrategy } : {}),
        onProgress: (e: ProgressEvent) => {
          if (e.done === e.total)
            core.info(logLine(`${e.phase}: ${e.total} done${e.message ? ` (${e.message})` : ''}`));
        },
        log: (line: string) => core.debug(logLine(line)),
      });
    } catch (e) {
      await Promise.resolve(persist()).catch((pe: unknown) =>
        warnings.warn(`The manifest could not be saved after the failure: ${toSyncError(pe).toLine()}`),
      );
      throw e;
    }
    await persist();

    const cs = result.changeSet;
    changeSet = cs;
    const counts = countChanges(cs);
    setCountOutputs(core, counts);
    core.setOutput('change-set', writeChangeSetFile(cs, gh.runnerTemp, `${gh.runId}-${config.profileName}`));

    const remoteEdits = await readRemoteEdits(config, cs, (line) => core.debug(logLine(line)));
    const titles = manifestTitles(config.cwd, config.manifestPath);
    const reportExtras = { remoteEdits, titles, failOnConflict: inputs.failOnConflict };

    const notes: string[] = [];
    if (mode === 'pull' && writes && branch) {
      const opened = await publishPullRequest({
        inputs,
        gh,
        config,
        cs,
        octokit,
        git,
        base,
        branch,
        report: reportExtras,
      });
      setPullOutputs(opened);
      notes.push(pullNote(opened));
      core.info(logLine(pullNote(opened)));
    }

    const runUrl = `${gh.serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${gh.runId}`;
    const blobRef = pr?.head.sha ?? (gh.sha || gh.refName);
    const report = (maxBytes: number) =>
      renderReport(
        cs,
        {
          profile: config.profileName,
          totalMs: Date.now() - startedAt,
          runUrl,
          notes,
          ...reportExtras,
          ...(mode === 'check'
            ? { intro: 'What merging this pull request would do in Confluence. Nothing was written.' }
            : {}),
          files: { blobBase: blobBase(gh, blobRef), localRoot: config.localRoot },
        },
        maxBytes,
      );
    if (process.env.GITHUB_STEP_SUMMARY) {
      await core.summary.addRaw(report(MAX_SUMMARY_BYTES), true).write();
    } else {
      core.info(report(MAX_SUMMARY_BYTES));
    }

    const target = await sticky();
    if (target && octokit) {
      // The comment is a courtesy: failing to write it must not hide the check's own verdict.
      try {
        const c = await upsertStickyComment(octokit, target, report(MAX_COMMENT_CHARS));
        core.info(`Pull request comment ${c.action}: ${c.url}`);
      } catch (e) {
        warnings.warn(
          githubError(e, 'write the pull request comment', 'Give the job `pull-requests: write`.').toLine(),
        );
      }
    }

    warnings.flush(core, cs, localRoot);
    const failure = verdict(result, mode, inputs.failOnConflict);
    if (failure) core.setFailed(logLine(failure));
  } catch (e) {
    if (changeSet === undefined) warnings.flush(core, emptyChangeSet('push'), localRoot);
    const err = toSyncError(e);
    core.setFailed(logLine(err.toLine()));
    if (setup && isSetupFailure(e) && process.env.GITHUB_STEP_SUMMARY) await explainSetup(setup);
  }
}

/** The doctor's checks in the job summary: which of config, site, credentials, space, parent, manifest failed. */
async function explainSetup(setup: { cwd: string; options: LoadConfigOptions }): Promise<void> {
  try {
    const report = await runDoctor({ cwd: setup.cwd, load: () => loadConfig(setup.options) });
    await core.summary.addHeading('Setup checks', 3).addRaw(doctorMarkdown(report, mdCell), true).write();
  } catch (e) {
    core.warning(logLine(`The setup checks could not run: ${toSyncError(e).toLine()}`));
  }
}

async function configOptions(inputs: ActionInputs, gh: GitHubEnv, git: Git): Promise<LoadConfigOptions> {
  const configFile = inputs.config ?? DEFAULT_CONFIG_FILE;
  let configPath: string | undefined;
  if (gh.eventName === 'pull_request_target') {
    // The workspace may hold the pull request's files: the base commit's config decides where the token goes.
    configPath = await baseCommitConfig(git, gh.event.pull_request?.base.sha, configFile, gh.runnerTemp);
    core.info('pull_request_target: the config comes from the base commit, not from the pull request.');
  } else if (
    inputs.config &&
    (inputs.config !== DEFAULT_CONFIG_FILE || existsSync(join(gh.workspace, inputs.config)))
  ) {
    configPath = inputs.config;
  }
  return {
    cwd: gh.workspace,
    ...(configPath ? { configPath } : {}),
    ...(inputs.profile ? { profile: inputs.profile } : {}),
    env: process.env,
    flags: {
      confluenceUrl: inputs.url,
      spaceKey: inputs.space,
      parentPageId: inputs.parentPageId,
      localRoot: inputs.localRoot,
      conflictStrategy: inputs.conflictStrategy,
      concurrentOperations: inputs.concurrency,
      manifestPath: inputs.manifestPath,
      username: inputs.username,
      token: inputs.token,
    },
  };
}

function setPullOutputs(r: PullFlowResult): void {
  core.setOutput('pull-request-operation', r.operation);
  core.setOutput(
    'pull-request-number',
    r.number === undefined || r.operation === 'closed' ? '' : String(r.number),
  );
  core.setOutput('pull-request-url', r.url === undefined || r.operation === 'closed' ? '' : r.url);
  core.setOutput('pull-request-head-sha', r.headSha);
}

function pullNote(r: PullFlowResult): string {
  const link = r.number !== undefined && r.url ? `[#${r.number}](${r.url})` : '';
  switch (r.operation) {
    case 'created':
      return `Pull request ${link} created.`;
    case 'updated':
      return `Pull request ${link} updated.`;
    case 'closed':
      return `Pull request ${link} closed: the base already matches Confluence.`;
    case 'none':
      return link
        ? `Pull request ${link} left as it is: nothing new in Confluence.`
        : 'Nothing changed in Confluence: no pull request.';
  }
}

function emptyChangeSet(mode: RunMode, config?: SyncConfig): ChangeSet {
  return {
    mode,
    dryRun: false,
    spaceKey: config?.spaceKey ?? '',
    confluenceUrl: config?.confluenceUrl ?? '',
    startedAt: new Date().toISOString(),
    durationMs: 0,
    changes: [],
    unchanged: 0,
  };
}
