/**
 * After a run that wrote to Confluence, the manifest must survive the job: committed back to the
 * branch (`manifest-storage: commit`) or saved in the Actions cache (`cache`). Says plainly when it
 * was not saved.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import type { SyncConfig } from '../config/types.js';
import { SyncError } from '../errors.js';
import { Git, type GitAuth } from './git.js';
import { isForkPullRequest, type GitHubEnv } from './github-env.js';
import type { ActionInputs } from './inputs.js';
import { saveManifest, type CacheApi, type CacheKeyParts } from './manifest-cache.js';
import { commitAndPush } from './manifest-commit.js';
import type { RunMode } from './mode.js';

export interface PersistContext {
  inputs: ActionInputs;
  gh: GitHubEnv;
  config: SyncConfig;
  mode: RunMode;
  cacheParts: CacheKeyParts;
  cache?: CacheApi | undefined;
  auth?: GitAuth | undefined;
  warn: (message: string) => void;
}

export async function persistManifest(ctx: PersistContext): Promise<void> {
  const { inputs, gh, config, mode } = ctx;
  if (inputs.manifestStorage === 'cache') {
    if (!existsSync(join(config.cwd, config.manifestPath))) return;
    const { key, saved } = await saveManifest(config.manifestPath, ctx.cacheParts, ctx.cache);
    if (saved) core.info(`Manifest saved to the cache (${key}).`);
    else
      ctx.warn(
        `The manifest was NOT saved to the Actions cache (key ${key} refused). The next run starts from an older ` +
          'manifest and may report the pages this run wrote as conflicts. Use manifest-storage: commit to keep it in the repository.',
      );
    return;
  }
  if (gh.event.pull_request && isForkPullRequest(gh)) {
    throw new SyncError(
      'CS-050',
      `Refusing to push to ${gh.event.pull_request.head.repo?.full_name ?? 'a fork'}: the pull request comes from another repository.`,
      {
        hint: 'Run push and sync on branches of this repository; pull requests from forks get mode: check only.',
      },
    );
  }
  const git = new Git(config.cwd, (line) => core.debug(line), ctx.auth);
  const branch = gh.event.pull_request?.head.ref ?? (await git.currentBranch()) ?? gh.refName;
  // sync also writes pulled files: they go in the same commit so files and manifest never disagree.
  const paths = mode === 'sync' ? [config.manifestPath, config.localRoot] : [config.manifestPath];
  const commit = await commitAndPush(git, {
    paths,
    branch,
    message: skipCi(inputs.commitMessage),
    what: mode === 'sync' ? 'the synced files and the manifest' : 'the manifest commit',
  });
  core.info(
    commit.committed
      ? `Committed ${paths.join(', ')} to ${branch} (${commit.sha}).`
      : 'Manifest unchanged: no commit.',
  );
}

export function skipCi(message: string): string {
  return /\[(skip ci|ci skip|no ci|skip actions|actions skip)\]/i.test(message)
    ? message
    : `${message} [skip ci]`;
}
