import type { Octokit, RepoRef } from './octokit.js';

/**
 * Every path the pull request touches (added, modified, removed, and both sides of a rename), from
 * the API's paged file list. GitHub lists at most 3 000 files per pull request.
 */
export async function listPullRequestFiles(
  octokit: Octokit,
  repo: RepoRef,
  pullNumber: number,
): Promise<string[]> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
    ...repo,
    pull_number: pullNumber,
    per_page: 100,
  });
  const paths = new Set<string>();
  for (const f of files) {
    paths.add(f.filename);
    if (f.previous_filename) paths.add(f.previous_filename);
  }
  return [...paths].sort();
}
