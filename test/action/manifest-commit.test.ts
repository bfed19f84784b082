import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Git } from '../../src/action/git.js';
import { commitAndPush } from '../../src/action/manifest-commit.js';
import {
  BASE_TRAILER,
  checkoutPullBranch,
  commitPullBranch,
  inspectPullBranch,
} from '../../src/action/pull-branch.js';
import { createRepoFixture, git, type RepoFixture } from './git-fixture.js';

let fx: RepoFixture;
afterEach(() => fx.cleanup());

const MANIFEST = '.confluence-sync.json';
const remoteLog = (ref = 'main') => git(fx.bare, 'log', '--format=%an|%s', ref).split('\n');

describe('commitAndPush (manifest-storage: commit)', () => {
  it('makes no commit when the manifest did not change', async () => {
    fx = createRepoFixture({ [MANIFEST]: '{"pages":{}}\n' });
    const ws = fx.clone('ws');
    const r = await commitAndPush(new Git(ws), { paths: [MANIFEST], branch: 'main', message: 'm [skip ci]' });
    expect(r.committed).toBe(false);
    expect(remoteLog()).toEqual(['Dev|initial']);
  });

  it('commits only the manifest as github-actions[bot] and pushes it', async () => {
    fx = createRepoFixture({ [MANIFEST]: '{"pages":{}}\n' });
    const ws = fx.clone('ws');
    writeFileSync(join(ws, MANIFEST), '{"pages":{"1":{}}}\n');
    writeFileSync(join(ws, 'stray.txt'), 'not ours to commit');
    const r = await commitAndPush(new Git(ws), {
      paths: [MANIFEST],
      branch: 'main',
      message: 'sync [skip ci]',
    });
    expect(r.committed).toBe(true);
    expect(remoteLog()).toEqual(['github-actions[bot]|sync [skip ci]', 'Dev|initial']);
    expect(git(fx.bare, 'show', '--name-only', '--format=', 'main')).toBe(MANIFEST);
    expect(git(fx.bare, 'log', '-1', '--format=%ae', 'main')).toBe(
      '41898282+github-actions[bot]@users.noreply.github.com',
    );
  });

  it('rebases onto a branch that moved during the run and pushes on the retry', async () => {
    fx = createRepoFixture({ [MANIFEST]: '{"pages":{}}\n', 'docs/a.md': '# A\n' });
    const ws = fx.clone('ws');
    // Someone merges while the sync runs.
    const other = fx.clone('other');
    fx.commitFiles(other, { 'docs/b.md': '# B\n' }, 'add b');

    writeFileSync(join(ws, MANIFEST), '{"pages":{"1":{}}}\n');
    const r = await commitAndPush(new Git(ws), {
      paths: [MANIFEST],
      branch: 'main',
      message: 'sync [skip ci]',
    });
    expect(r.committed).toBe(true);
    expect(remoteLog()).toEqual(['github-actions[bot]|sync [skip ci]', 'Dev|add b', 'Dev|initial']);
    expect(git(fx.bare, 'show', `main:${MANIFEST}`)).toBe('{"pages":{"1":{}}}');
    expect(git(fx.bare, 'show', 'main:docs/b.md')).toBe('# B');
  });

  it('gives up with CS-050 when the rebase conflicts, leaving the remote as it was', async () => {
    fx = createRepoFixture({ [MANIFEST]: '{"pages":{}}\n' });
    const ws = fx.clone('ws');
    const other = fx.clone('other');
    fx.commitFiles(other, { [MANIFEST]: '{"pages":{"2":{}}}\n' }, 'other run');

    writeFileSync(join(ws, MANIFEST), '{"pages":{"1":{}}}\n');
    await expect(
      commitAndPush(new Git(ws), { paths: [MANIFEST], branch: 'main', message: 'sync [skip ci]' }),
    ).rejects.toMatchObject({ code: 'CS-050', message: expect.stringContaining('Cannot rebase') });
    expect(remoteLog()).toEqual(['Dev|other run', 'Dev|initial']);
  });
});

describe('the pull request branch', () => {
  const opts = {
    paths: ['docs', MANIFEST],
    message: 'docs: sync with Confluence',
    localRoot: 'docs',
    manifestPath: MANIFEST,
  };
  const BRANCH = 'confluence-sync/pull';

  it('is rebuilt on main once, then left alone when a later run brings the same content (only lastSyncTime differs)', async () => {
    fx = createRepoFixture({ [MANIFEST]: '{"lastSyncTime":null,"pages":{}}\n', 'docs/a.md': '# A\n' });
    const run1 = fx.clone('run1');
    writeFileSync(join(run1, 'docs/a.md'), '# A\n\nEdited in Confluence.\n');
    writeFileSync(join(run1, MANIFEST), '{"lastSyncTime":"2026-01-01T00:00:00Z","pages":{"1":{}}}\n');
    const s1 = await inspectPullBranch(new Git(run1), BRANCH);
    expect(s1).toMatchObject({ onTop: false, foreign: [] });
    expect(s1.remoteSha).toBeUndefined();
    const first = await commitPullBranch(new Git(run1), s1, opts);
    expect(first.result).toBe('pushed');
    const sha = git(fx.bare, 'rev-parse', BRANCH);
    expect(git(fx.bare, 'log', '-1', '--format=%B', BRANCH)).toContain(`${BASE_TRAILER}: `);

    const run2 = fx.clone('run2');
    writeFileSync(join(run2, 'docs/a.md'), '# A\n\nEdited in Confluence.\n');
    writeFileSync(join(run2, MANIFEST), '{"lastSyncTime":"2026-01-02T00:00:00Z","pages":{"1":{}}}\n');
    const s2 = await inspectPullBranch(new Git(run2), BRANCH);
    expect(s2).toMatchObject({ onTop: false, remoteSha: sha });
    expect(await commitPullBranch(new Git(run2), s2, opts)).toEqual({ result: 'same', sha });
    expect(git(fx.bare, 'rev-parse', BRANCH)).toBe(sha);
  });

  it("sees a reviewer's commit, and then adds a commit on top instead of rebuilding", async () => {
    fx = createRepoFixture({ [MANIFEST]: '{}\n', 'docs/a.md': '# A\n', 'docs/b.md': '# B\n' });
    const run1 = fx.clone('run1');
    writeFileSync(join(run1, 'docs/a.md'), '# A\n\n<<<<<<< conflict\n');
    await commitPullBranch(new Git(run1), await inspectPullBranch(new Git(run1), BRANCH), opts);
    const reviewer = fx.clone('reviewer', BRANCH);
    fx.commitFiles(reviewer, { 'docs/a.md': '# A\n\nResolved by a reviewer.\n' }, 'resolve markers');
    const reviewed = git(fx.bare, 'rev-parse', BRANCH);

    const run2 = fx.clone('run2');
    const s2 = await inspectPullBranch(new Git(run2), BRANCH);
    expect(s2).toMatchObject({ onTop: true, foreign: [reviewed] });
    await checkoutPullBranch(new Git(run2), s2);
    writeFileSync(join(run2, 'docs/b.md'), '# B\n\nA new Confluence edit.\n');
    expect((await commitPullBranch(new Git(run2), s2, opts)).result).toBe('pushed');
    expect(git(fx.bare, 'rev-list', '--format=%s', '--no-commit-header', `${reviewed}..${BRANCH}`)).toBe(
      'docs: sync with Confluence',
    );
    expect(git(fx.bare, 'merge-base', '--is-ancestor', reviewed, BRANCH)).toBe('');
    expect(git(fx.bare, 'show', `${BRANCH}:docs/a.md`)).toContain('Resolved by a reviewer.');
  });
});
