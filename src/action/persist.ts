/**
 * After a run that wrote to Confluence, the manifest must survive the job: committed back to the
 * branch (`manifest-storage: commit`) or saved in the Actions cache (`cache`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import type { SyncConfig } from '../config/types.js';
import { Git } from './git.js';
import type { GitHubEnv } from './github-env.js';
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
}

export async function persistManifest(ctx: PersistContext): Promise<void> {
  const { inputs, gh, config, mode } = ctx;
  if (inputs.manifestStorage === 'cache') {
    if (existsSync(join(config.cwd, config.manifestPath))) {
      const key = await saveManifest(config.manifestPath, ctx.cacheParts, ctx.cache);
      core.info(`Manifest saved to the cache (${key}).`);
    }
    return;
  }
  const git = new Git(config.cwd, (line) => core.debug(line));
  const branch = gh.event.pull_request?.head.ref ?? (await git.currentBranch()) ?? gh.refName;
  // sync also writes pulled files: they go in the same commit so files and manifest never disagree.
  const paths = mode === 'sync' ? [config.manifestPath, config.localRoot] : [config.manifestPath];
  const commit = await commitAndPush(git, { paths, branch, message: skipCi(inputs.commitMessage) });
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
