/**
 * The action: inputs → SyncConfig → the engine → reports where people look (job summary, PR comment,
 * annotations, outputs) → the manifest persisted (commit or cache) → a pull request for pulled pages.
 * No sync logic here: the engine decides, this file only wires GitHub around it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import { loadConfig } from '../config/index.js';
import { toSyncError } from '../errors.js';
import { runSync as engineRunSync } from '../sync/engine.js';
import type { ProgressEvent, RunOptions, SyncResult } from '../sync/types.js';
import type { SyncConfig } from '../config/types.js';
import { isForkPullRequest, readGitHubEnv } from './github-env.js';
import { readInputs, secretInputValues } from './inputs.js';
import { restoreManifest, type CacheApi, type CacheKeyParts } from './manifest-cache.js';
import { assertStorageFits, resolveMode } from './mode.js';
import { createOctokit, githubError, missingGithubToken, type RepoRef } from './octokit.js';
import { annotateConflicts, countChanges, setCountOutputs, writeChangeSetFile } from './outputs.js';
import { persistManifest } from './persist.js';
import { listPullRequestFiles } from './pr-files.js';
import { publishPullRequest } from './pull-flow.js';
import { upsertStickyComment, MAX_COMMENT_CHARS } from './sticky-comment.js';
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

  try {
    const inputs = readInputs((name) => core.getInput(name));
    const gh = readGitHubEnv(process.env);
    const mode = resolveMode(inputs.mode, gh.eventName);
    assertStorageFits(mode, inputs.manifestStorage);
    const pr = gh.event.pull_request;

    if (pr && isForkPullRequest(gh) && !inputs.token && !process.env.CONFLUENCE_API_TOKEN) {
      core.notice(
        'confluence-sync skipped: this pull request comes from a fork, and GitHub does not give workflows ' +
          'triggered from forks the repository secrets (the Confluence token). A maintainer can run the check ' +
          'after merging, or from a branch of this repository.',
        { title: 'Confluence check skipped' },
      );
      return;
    }

    const config = loadConfig({
      cwd: gh.workspace,
      ...(inputs.config &&
      (inputs.config !== DEFAULT_CONFIG_FILE || existsSync(join(gh.workspace, inputs.config)))
        ? { configPath: inputs.config }
        : {}),
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
    });
    core.info(
      `confluence-sync ${mode}${inputs.dryRun ? ' (dry run)' : ''}: ${config.localRoot}/ ⇄ space ${config.spaceKey} on ${config.confluenceUrl}`,
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
      core.info(hit ? `Manifest restored from the cache (${hit}).` : 'No cached manifest yet: first run.');
    }

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
        core.notice(
          `This pull request changes nothing under ${prefix || 'the repository root'}: nothing to check against Confluence.`,
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
        return;
      }
    }

    const runSync = deps.runSync ?? engineRunSync;
    // Whatever was applied before a failure is in the manifest on disk: keep it, or the next run redoes it.
    const persist = () =>
      writes && mode !== 'pull'
        ? persistManifest({ inputs, gh, config, mode, cacheParts, cache: deps.cache })
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
            core.info(`${e.phase}: ${e.total} done${e.message ? ` (${e.message})` : ''}`);
        },
        log: (line: string) => core.debug(line),
      });
    } catch (e) {
      await Promise.resolve(persist()).catch((pe: unknown) =>
        core.warning(`The manifest could not be saved after the failure: ${toSyncError(pe).toLine()}`),
      );
      throw e;
    }
    await persist();

    const cs = result.changeSet;
    const counts = countChanges(cs);
    setCountOutputs(core, counts);
    core.setOutput('change-set', writeChangeSetFile(cs, gh.runnerTemp, `${gh.runId}-${config.profileName}`));
    annotateConflicts(core, cs, config.localRoot);

    const notes: string[] = [];
    if (mode === 'pull' && writes) {
      const opened = await publishPullRequest({ inputs, gh, config, cs, octokit });
      if (opened) {
        core.setOutput('pull-request-number', String(opened.number));
        core.setOutput('pull-request-url', opened.url);
        notes.push(`Pull request [#${opened.number}](${opened.url}) ${opened.action}.`);
        core.info(`Pull request #${opened.number} ${opened.action}: ${opened.url}`);
      } else {
        core.setOutput('pull-request-number', '');
        core.setOutput('pull-request-url', '');
        notes.push('Nothing changed in Confluence: no pull request.');
      }
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

    if (inputs.comment && pr && octokit) {
      // The comment is a courtesy: failing to write it must not hide the check's own verdict.
      try {
        const c = await upsertStickyComment(
          octokit,
          repo,
          pr.number,
          `${config.profileName}:${config.spaceKey}`,
          report(MAX_COMMENT_CHARS),
        );
        core.info(`Pull request comment ${c.action}: ${c.url}`);
      } catch (e) {
        const err = githubError(e, 'write the pull request comment', 'Give the job `pull-requests: write`.');
        core.warning(err.toLine());
      }
    }

    const failure = verdict(result, mode, inputs.failOnConflict);
    if (failure) core.setFailed(failure);
  } catch (e) {
    const err = toSyncError(e);
    core.setFailed(err.toLine());
  }
}
