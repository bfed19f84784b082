/**
 * pull_request_target runs with the base repository's secrets, so nothing from the pull request may
 * decide where the Confluence token goes: the config is read from the base commit (the event's
 * pull_request.base.sha), never from the workspace, which may hold the PR's files.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SyncError } from '../errors.js';
import type { Git } from './git.js';

/**
 * Writes the base commit's config to a temp file and returns its path. A base without a config file
 * gives an empty one, so inputs and environment alone decide (the workspace's file is never read).
 */
export async function baseCommitConfig(
  git: Git,
  baseSha: string | undefined,
  configPath: string,
  tempDir: string,
): Promise<string> {
  if (!baseSha || !/^[0-9a-f]{40}$/.test(baseSha)) {
    throw new SyncError(
      'CS-051',
      'The pull_request_target event names no base commit (pull_request.base.sha).',
      {
        hint: 'Run the check on pull_request, or pass url and space as inputs.',
      },
    );
  }
  const spec = `${baseSha}:${configPath.replace(/^\.\//, '')}`;
  if ((await git.exec(['cat-file', '-e', `${baseSha}^{commit}`])).code !== 0) {
    const fetched = await git.exec(['fetch', '--no-tags', '--depth=1', 'origin', baseSha]);
    if (fetched.code !== 0) {
      throw new SyncError(
        'CS-050',
        `The base commit ${baseSha.slice(0, 12)} cannot be fetched to read its config.`,
        {
          hint: 'Check out the base (the default for pull_request_target), never the pull request head.',
        },
      );
    }
  }
  const shown = await git.exec(['show', spec]);
  const dir = mkdtempSync(join(tempDir, 'cs-base-config-'));
  const file = join(dir, 'base.confluence-sync.yml');
  writeFileSync(file, shown.code === 0 ? shown.stdout : '{}\n');
  return file;
}
