import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOctokit, type Octokit } from '../../src/action/octokit.js';
import { listPullRequestFiles } from '../../src/action/pr-files.js';
import { findOpenPullRequest, upsertPullRequest } from '../../src/action/pull-request.js';
import { commentIdentity, commentMarker, upsertStickyComment } from '../../src/action/sticky-comment.js';
import { startFakeGitHub, type FakeGitHub } from '../fakes/github-api.js';

let gh: FakeGitHub;
let octokit: Octokit;
const repo = () => ({ owner: gh.owner, repo: gh.repo });
const at = (issueNumber: number, markerId: string) => ({
  repo: repo(),
  issueNumber,
  markerId,
  login: 'github-actions[bot]',
});

beforeAll(async () => {
  gh = await startFakeGitHub();
  octokit = createOctokit(gh.token, gh.url);
});
afterAll(() => gh.stop());
afterEach(() => {
  expect(gh.unhandled).toEqual([]);
});

describe('sticky comment', () => {
  it('creates one comment, then edits that same comment on the next run', async () => {
    const pr = gh.addPullRequest({ head: 'feature/a' });
    const first = await upsertStickyComment(octokit, at(pr.number, 'default:DOCS'), 'Two pages would change');
    expect(first.action).toBe('created');
    const second = await upsertStickyComment(octokit, at(pr.number, 'default:DOCS'), 'One page would change');
    expect(second).toMatchObject({ action: 'updated', id: first.id });

    const comments = gh.comments(pr.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toBe(`${commentMarker('default:DOCS')}\nOne page would change`);
  });

  it('stops paging as soon as it finds its comment on a busy pull request', async () => {
    const pr = gh.addPullRequest({ head: 'feature/busy' });
    gh.addComment(pr.number, 'first review', 'alice');
    const mine = await upsertStickyComment(octokit, at(pr.number, 'default:DOCS'), 'v1');
    for (let i = 0; i < 230; i++) gh.addComment(pr.number, `review ${i}`, 'bob');

    const before = gh.requests.length;
    const again = await upsertStickyComment(octokit, at(pr.number, 'default:DOCS'), 'v2');
    expect(again).toMatchObject({ id: mine.id, action: 'updated' });
    // Found on page 1 of 100: the comment is second, so no further pages were read.
    expect(gh.requests.slice(before).filter((r) => r.method === 'GET')).toHaveLength(1);
    expect(gh.comments(pr.number).filter((c) => c.body.includes('confluence-sync'))).toHaveLength(1);
  });

  it('pages through all comments when its comment is on a later page', async () => {
    const pr = gh.addPullRequest({ head: 'feature/late' });
    for (let i = 0; i < 205; i++) gh.addComment(pr.number, `chatter ${i}`, 'bob');
    const created = await upsertStickyComment(octokit, at(pr.number, 'default:DOCS'), 'v1');
    expect(created.action).toBe('created');
    const updated = await upsertStickyComment(octokit, at(pr.number, 'default:DOCS'), 'v2');
    expect(updated).toMatchObject({ id: created.id, action: 'updated' });
    expect(gh.comments(pr.number)).toHaveLength(206);
  });

  it('keeps one comment per profile: a different marker is a different comment', async () => {
    const pr = gh.addPullRequest({ head: 'feature/matrix' });
    await upsertStickyComment(octokit, at(pr.number, 'team-a:A'), 'a');
    await upsertStickyComment(octokit, at(pr.number, 'team-b:B'), 'b');
    await upsertStickyComment(octokit, at(pr.number, 'team-a:A'), 'a2');
    const bodies = gh.comments(pr.number).map((c) => c.body);
    expect(bodies).toEqual([`${commentMarker('team-a:A')}\na2`, `${commentMarker('team-b:B')}\nb`]);
  });

  it('does not write when the body is already current', async () => {
    const pr = gh.addPullRequest({ head: 'feature/same' });
    await upsertStickyComment(octokit, at(pr.number, 'p'), 'same');
    const before = gh.requests.length;
    const r = await upsertStickyComment(octokit, at(pr.number, 'p'), 'same');
    expect(r.action).toBe('unchanged');
    expect(gh.requests.slice(before).map((x) => x.method)).toEqual(['GET']);
  });
});

describe('sticky comment: only our own', () => {
  it('leaves a comment by someone else that carries our marker alone, and writes its own', async () => {
    const pr = gh.addPullRequest({ head: 'feature/foreign' });
    const foreign = gh.addComment(
      pr.number,
      `${commentMarker('default:DOCS')}\nI copied your marker`,
      'mallory',
    );
    const quoted = gh.addComment(
      pr.number,
      `> ${commentMarker('default:DOCS')}\nquoted`,
      'github-actions[bot]',
    );
    const mine = await upsertStickyComment(octokit, at(pr.number, 'default:DOCS'), 'report');
    expect(mine.action).toBe('created');
    expect(gh.comments(pr.number).find((c) => c.id === foreign.id)?.body).toContain('I copied your marker');
    expect(gh.comments(pr.number).find((c) => c.id === quoted.id)?.body).toContain('quoted');
    const again = await upsertStickyComment(octokit, at(pr.number, 'default:DOCS'), 'report 2');
    expect(again).toMatchObject({ id: mine.id, action: 'updated' });
  });

  it('knows who it is: the job token comments as github-actions[bot], a user token as its user', async () => {
    expect(await commentIdentity(octokit)).toBe('github-actions[bot]');
    expect(await commentIdentity(createOctokit(gh.userToken, gh.url))).toBe(gh.userLogin);
  });
});

describe('pull request upsert', () => {
  it('creates the pull request with labels, then updates the same one', async () => {
    const spec = {
      head: 'confluence-sync/pull',
      base: 'main',
      title: 'docs: changes',
      body: 'v1',
      labels: ['docs'],
    };
    const first = await upsertPullRequest(octokit, repo(), spec, undefined);
    expect(first.action).toBe('created');
    const second = await upsertPullRequest(
      octokit,
      repo(),
      { ...spec, body: 'v2', labels: ['docs', 'bot'] },
      await findOpenPullRequest(octokit, repo(), spec.head),
    );
    expect(second).toMatchObject({ action: 'updated', number: first.number });

    const open = gh.pulls().filter((p) => p.head.ref === 'confluence-sync/pull');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ body: 'v2', title: 'docs: changes', base: { ref: 'main' } });
    expect(open[0]?.labels.map((l) => l.name)).toEqual(['docs', 'bot']);
  });

  it('opens a new pull request once the previous one was closed', async () => {
    const spec = { head: 'confluence-sync/closed', base: 'main', title: 't', body: 'b', labels: [] };
    const first = await upsertPullRequest(octokit, repo(), spec, undefined);
    const closed = gh.pulls().find((p) => p.number === first.number);
    if (closed) closed.state = 'closed';
    expect(await findOpenPullRequest(octokit, repo(), spec.head)).toBeUndefined();
    const second = await upsertPullRequest(octokit, repo(), spec, undefined);
    expect(second.action).toBe('created');
    expect(second.number).not.toBe(first.number);
  });
});

describe('pull request files', () => {
  it('lists every file across pages, both sides of renames included', async () => {
    const files = Array.from({ length: 150 }, (_, i) => `docs/page-${String(i).padStart(3, '0')}.md`);
    const renamed = { filename: 'docs/new-name.md', previous_filename: 'docs/old-name.md' };
    const pr = gh.addPullRequest({ head: 'feature/many', files: [...files, renamed] });
    expect(await listPullRequestFiles(octokit, repo(), pr.number)).toEqual(
      [...files, 'docs/new-name.md', 'docs/old-name.md'].sort(),
    );
  });
});

describe('the fake itself', () => {
  it('lets a read-only token read but not write', async () => {
    const ro = createOctokit(gh.readOnlyToken, gh.url);
    const pr = gh.addPullRequest({ head: 'feature/ro-fake' });
    await expect(ro.rest.issues.listComments({ ...repo(), issue_number: pr.number })).resolves.toMatchObject({
      status: 200,
    });
    await expect(
      ro.rest.issues.createComment({ ...repo(), issue_number: pr.number, body: 'x' }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('rejects a wrong token like GitHub does', async () => {
    const bad = createOctokit('wrong', gh.url);
    await expect(bad.rest.pulls.list({ ...repo() })).rejects.toMatchObject({ status: 401 });
  });
});
