/**
 * One comment per pull request (and per profile), found again by a hidden marker and edited in
 * place, so a busy pull request does not collect one comment per push. Only a comment that this
 * token's identity wrote and that starts with the marker is ever edited: anyone can paste the marker
 * into a comment of their own, and that comment is left alone.
 */
import type { Octokit, RepoRef } from './octokit.js';

/** GitHub refuses comment bodies over 65 536 characters. */
export const MAX_COMMENT_CHARS = 65_000;

/** Who the job token (GITHUB_TOKEN) comments as. */
export const JOB_TOKEN_LOGIN = 'github-actions[bot]';

export function commentMarker(id: string): string {
  return `<!-- confluence-sync:comment:${id} -->`;
}

export interface UpsertCommentResult {
  id: number;
  url: string;
  action: 'created' | 'updated' | 'unchanged';
}

/**
 * The login comments are written as: `GET /user` for a personal or user token; installation tokens
 * (the job token, app tokens) cannot read /user (403) and comment as the job's bot.
 */
export async function commentIdentity(octokit: Octokit): Promise<string> {
  try {
    const { data } = await octokit.rest.users.getAuthenticated();
    return data.login;
  } catch {
    return JOB_TOKEN_LOGIN;
  }
}

export interface StickyTarget {
  repo: RepoRef;
  issueNumber: number;
  markerId: string;
  /** From commentIdentity(). */
  login: string;
}

export async function upsertStickyComment(
  octokit: Octokit,
  target: StickyTarget,
  body: string,
): Promise<UpsertCommentResult> {
  const marker = commentMarker(target.markerId);
  const fullBody = `${marker}\n${body}`;
  const existing = await findOwnComment(octokit, target);
  if (existing) {
    if (existing.body === fullBody) return { id: existing.id, url: existing.html_url, action: 'unchanged' };
    const { data } = await octokit.rest.issues.updateComment({
      ...target.repo,
      comment_id: existing.id,
      body: fullBody,
    });
    return { id: data.id, url: data.html_url, action: 'updated' };
  }
  const { data } = await octokit.rest.issues.createComment({
    ...target.repo,
    issue_number: target.issueNumber,
    body: fullBody,
  });
  return { id: data.id, url: data.html_url, action: 'created' };
}

/** Edits our comment if there is one (never creates one): for "this PR no longer touches the docs". */
export async function updateStickyCommentIfAny(
  octokit: Octokit,
  target: StickyTarget,
  body: string,
): Promise<UpsertCommentResult | undefined> {
  const existing = await findOwnComment(octokit, target);
  if (!existing) return undefined;
  return upsertStickyComment(octokit, target, body);
}

async function findOwnComment(
  octokit: Octokit,
  target: StickyTarget,
): Promise<{ id: number; body?: string; html_url: string } | undefined> {
  const marker = commentMarker(target.markerId);
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    ...target.repo,
    issue_number: target.issueNumber,
    per_page: 100,
  });
  for await (const { data } of pages) {
    const found = data.find(
      (c) => c.user?.login === target.login && (c.body ?? '').startsWith(`${marker}\n`),
    );
    if (found) return found;
  }
  return undefined;
}
