import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Git } from '../../src/action/git.js';
import { commitAndPush, commitToBranch } from '../../src/action/manifest-commit.js';
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

describe('commitToBranch (pull request branch)', () => {
  it('puts the pulled files on one commit above main and force-updates it on the next run', async () => {
    fx = createRepoFixture({ [MANIFEST]: '{}\n', 'docs/a.md': '# A\n' });
    const run1 = fx.clone('run1');
    writeFileSync(join(run1, 'docs/a.md'), '# A\n\nEdited in Confluence.\n');
    const first = await commitToBranch(new Git(run1), {
      paths: ['docs', MANIFEST],
      branch: 'confluence-sync/pull',
      message: 'docs: sync with Confluence',
    });
    expect(first.committed).toBe(true);

    const run2 = fx.clone('run2');
    writeFileSync(join(run2, 'docs/a.md'), '# A\n\nEdited twice.\n');
    await commitToBranch(new Git(run2), {
      paths: ['docs', MANIFEST],
      branch: 'confluence-sync/pull',
      message: 'docs: sync with Confluence',
    });
    expect(git(fx.bare, 'rev-list', '--count', 'main..confluence-sync/pull')).toBe('1');
    expect(git(fx.bare, 'show', 'confluence-sync/pull:docs/a.md')).toBe('# A\n\nEdited twice.');
    expect(readFileSync(join(run2, 'docs/a.md'), 'utf8')).toContain('Edited twice');
  });

  it('creates no branch when nothing changed', async () => {
    fx = createRepoFixture({ 'docs/a.md': '# A\n' });
    const ws = fx.clone('ws');
    const r = await commitToBranch(new Git(ws), {
      paths: ['docs'],
      branch: 'confluence-sync/pull',
      message: 'm',
    });
    expect(r.committed).toBe(false);
    expect(git(fx.bare, 'branch', '--list')).not.toContain('confluence-sync/pull');
  });
});
