/**
 * One comment per pull request (and per profile), found again by a hidden marker and edited in
 * place, so a busy pull request does not collect one comment per push.
 */
import type { Octokit, RepoRef } from './octokit.js';

/** GitHub refuses comment bodies over 65 536 characters. */
export const MAX_COMMENT_CHARS = 65_000;

export function commentMarker(id: string): string {
  return `<!-- confluence-sync:comment:${id} -->`;
}

export interface UpsertCommentResult {
  id: number;
  url: string;
  action: 'created' | 'updated' | 'unchanged';
}

export async function upsertStickyComment(
  octokit: Octokit,
  repo: RepoRef,
  issueNumber: number,
  markerId: string,
  body: string,
): Promise<UpsertCommentResult> {
  const marker = commentMarker(markerId);
  const fullBody = `${marker}\n${body}`;
  const existing = await findComment(octokit, repo, issueNumber, marker);
  if (existing) {
    if (existing.body === fullBody) return { id: existing.id, url: existing.html_url, action: 'unchanged' };
    const { data } = await octokit.rest.issues.updateComment({
      ...repo,
      comment_id: existing.id,
      body: fullBody,
    });
    return { id: data.id, url: data.html_url, action: 'updated' };
  }
  const { data } = await octokit.rest.issues.createComment({
    ...repo,
    issue_number: issueNumber,
    body: fullBody,
  });
  return { id: data.id, url: data.html_url, action: 'created' };
}

async function findComment(
  octokit: Octokit,
  repo: RepoRef,
  issueNumber: number,
  marker: string,
): Promise<{ id: number; body?: string; html_url: string } | undefined> {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    ...repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  for await (const { data } of pages) {
    const found = data.find((c) => c.body?.includes(marker));
    if (found) return found;
  }
  return undefined;
}
