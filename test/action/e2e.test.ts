/**
 * The three flows people use, end to end: the bundled action as a child process, a temp git
 * repository with a bare "origin", the Confluence emulator and the fake GitHub API.
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { startFakeGitHub, type FakeGitHub } from '../fakes/github-api.js';
import { commentMarker } from '../../src/action/sticky-comment.js';
import { createRepoFixture, git, type RepoFixture } from './git-fixture.js';
import { ensureBundle, runAction, type ActionRun } from './run-action.js';

let emulator: Emulator;
let github: FakeGitHub;
let fx: RepoFixture;

beforeAll(async () => {
  ensureBundle();
  emulator = await startEmulator({ port: 0 });
  github = await startFakeGitHub();
}, 240_000);
afterAll(async () => {
  await emulator?.stop();
  await github?.stop();
});

beforeEach(() => {
  emulator.reset();
  fx = createRepoFixture({
    '.confluence-sync.yml': [
      'activeProfile: default',
      'profiles:',
      '  default:',
      `    confluenceUrl: ${emulator.url}`,
      '    flavor: cloud',
      '    spaceKey: DOCS',
      '    localRoot: docs',
      '',
    ].join('\n'),
    'docs/guide.md': '# Guide\n\nHow to use the product.\n',
    'docs/setup/index.md': '# Setup\n\nGetting ready.\n',
    'docs/setup/install.md': '# Install\n\nRun the installer.\n',
  });
});
afterEach(() => {
  expect(github.unhandled).toEqual([]);
  fx.cleanup();
});

const SECRETS = { username: 'ci@example.com', token: 'emulator-token' };
const page = (title: string) => emulator.pages('DOCS').find((p) => p.title === title);

function action(
  workspace: string,
  eventName: string,
  inputs: Record<string, string> = {},
  event: unknown = {},
) {
  return runAction({
    workspace,
    eventName,
    event,
    inputs: { ...SECRETS, ...inputs },
    githubApiUrl: github.url,
    githubToken: github.token,
  });
}

function expectClean(run: ActionRun): void {
  expect(run.log).not.toContain('::error::');
  expect(run.code, run.log).toBe(0);
}

/** The state after docs were merged and pushed once: pages exist, the manifest is on main. */
async function pushedOnce(): Promise<void> {
  expectClean(await action(fx.clone(`push-${Date.now()}`), 'push'));
}

describe('push on merge', () => {
  it('creates the pages, commits the manifest, writes the summary and sets the outputs', async () => {
    const ws = fx.clone('ws');
    const run = await action(ws, 'push');
    expectClean(run);

    const home = emulator.pages('DOCS').find((p) => p.title === 'Docs Home');
    expect(page('Guide')?.parentId).toBe(home?.id);
    expect(page('Install')?.parentId).toBe(page('Setup')?.id);
    expect(page('Guide')?.body).toContain('How to use the product.');

    // The manifest went back to main as github-actions[bot], with [skip ci].
    expect(git(fx.bare, 'log', '-1', '--format=%an|%s', 'main')).toBe(
      'github-actions[bot]|docs: sync with Confluence [skip ci]',
    );
    const manifest = JSON.parse(git(fx.bare, 'show', 'main:.confluence-sync.json')) as {
      pages: Record<string, { title: string; localPath: string }>;
    };
    expect(
      Object.values(manifest.pages)
        .map((p) => p.localPath)
        .sort(),
    ).toEqual(['guide.md', 'setup/index.md', 'setup/install.md']);

    expect(run.outputs).toMatchObject({
      created: '3',
      updated: '0',
      deleted: '0',
      moved: '0',
      conflicts: '0',
    });
    const changeSet = JSON.parse(readFileSync(run.outputs['change-set'] ?? '', 'utf8')) as {
      schemaVersion: number;
    };
    expect(changeSet.schemaVersion).toBe(1);

    expect(run.summary.split('\n')[0]).toBe('## ✅ 3 pages sent to Confluence');
    expect(run.summary).toContain('confluence-sync **push** · space `DOCS`');
    expect(run.summary).toContain('Guide');
    expect(run.summary).toContain(`${emulator.url}/spaces/DOCS/pages/${page('Guide')?.id}`);

    // `::add-mask::` is how the runner learns to hide a value; no other line may show the token.
    const shown = run.log.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect(shown.join('\n')).not.toContain(SECRETS.token);
    expect(run.log).toContain(`::add-mask::${SECRETS.token}`);
    expect(run.summary).not.toContain(SECRETS.token);
  });

  it('a second run with nothing new writes nothing and commits nothing', async () => {
    await pushedOnce();
    const head = git(fx.bare, 'rev-parse', 'main');
    emulator.resetStats();
    const run = await action(fx.clone('again'), 'push');
    expectClean(run);
    expect(emulator.stats().writes).toBe(0);
    expect(git(fx.bare, 'rev-parse', 'main')).toBe(head);
    expect(run.outputs).toMatchObject({ created: '0', updated: '0' });
  });

  it('fails with one clear line on a bad input, before touching anything', async () => {
    const run = await action(fx.clone('bad'), 'push', { 'manifest-storage': 'artifact' });
    expect(run.code).toBe(1);
    expect(run.log).toContain(
      '::error::CS-051 Input `manifest-storage` "artifact" is invalid: expected commit or cache.',
    );
    expect(emulator.stats().total).toBe(0);
  });
});

describe('sync both ways', () => {
  it('pushes local edits, pulls remote ones, and commits files and manifest together to the branch', async () => {
    await pushedOnce();
    emulator.editPage(page('Install')?.id ?? '', { body: '<h1>Install</h1><p>Edited in Confluence.</p>' });
    const ws = fx.clone('dev-sync');
    fx.commitFiles(ws, { 'docs/guide.md': '# Guide\n\nEdited in the repository.\n' });

    const run = await action(fx.clone('sync'), 'push', { mode: 'sync' });
    expectClean(run);
    expect(page('Guide')?.body).toContain('Edited in the repository.');
    expect(git(fx.bare, 'log', '-1', '--format=%an|%s', 'main')).toBe(
      'github-actions[bot]|docs: sync with Confluence [skip ci]',
    );
    expect(git(fx.bare, 'show', '--name-only', '--format=', 'main').split('\n').sort()).toEqual([
      '.confluence-sync.json',
      'docs/setup/install.md',
    ]);
    expect(git(fx.bare, 'show', 'main:docs/setup/install.md')).toContain('Edited in Confluence.');
  });
});

describe('scheduled pull', () => {
  it('opens no pull request when nothing changed in Confluence', async () => {
    await pushedOnce();
    const run = await action(fx.clone('quiet'), 'schedule');
    expectClean(run);
    expect(run.outputs['pull-request-number']).toBe('');
    expect(github.pulls().filter((p) => p.head.ref === 'confluence-sync/pull')).toEqual([]);
    expect(git(fx.bare, 'branch', '--list', 'confluence-sync/pull')).toBe('');
  });

  it('opens one pull request with the edits, and the next run updates that same pull request', async () => {
    await pushedOnce();
    const before = github.pulls().length;
    const guide = page('Guide');
    emulator.editPage(guide?.id ?? '', { body: '<h1>Guide</h1><p>Edited in Confluence by Ana.</p>' });

    const first = await action(fx.clone('pull1'), 'schedule');
    expectClean(first);
    const opened = github.pulls().slice(before);
    expect(opened).toHaveLength(1);
    const pr = opened[0];
    expect(pr).toMatchObject({ state: 'open', head: { ref: 'confluence-sync/pull' }, base: { ref: 'main' } });
    expect(pr?.labels.map((l) => l.name)).toEqual(['confluence-sync']);
    expect(pr?.body).toContain('Guide');
    expect(first.outputs).toMatchObject({
      'pull-request-number': String(pr?.number),
      'pull-request-url': pr?.html_url,
      updated: '1',
    });
    expect(git(fx.bare, 'show', 'confluence-sync/pull:docs/guide.md')).toContain(
      'Edited in Confluence by Ana.',
    );
    expect(git(fx.bare, 'log', '-1', '--format=%an', 'confluence-sync/pull')).toBe('github-actions[bot]');

    // Next day: another edit; main still has not merged the pull request.
    emulator.editPage(page('Install')?.id ?? '', { body: '<h1>Install</h1><p>Use the new installer.</p>' });
    const second = await action(fx.clone('pull2'), 'schedule');
    expectClean(second);
    expect(github.pulls().slice(before)).toHaveLength(1);
    expect(second.outputs['pull-request-number']).toBe(String(pr?.number));
    expect(github.pulls().find((p) => p.number === pr?.number)?.body).toContain('Install');
    expect(git(fx.bare, 'rev-list', '--count', 'main..confluence-sync/pull')).toBe('1');
    expect(git(fx.bare, 'show', 'confluence-sync/pull:docs/setup/install.md')).toContain(
      'Use the new installer.',
    );
    expect(git(fx.bare, 'show', 'confluence-sync/pull:docs/guide.md')).toContain(
      'Edited in Confluence by Ana.',
    );
    expect(second.summary).toContain(`Pull request [#${pr?.number}]`);
  });
});

describe('pull request check', () => {
  async function openPullRequest(branch: string, files: Record<string, string>) {
    const dev = fx.clone(`dev-${branch.replace(/\W/g, '-')}-${Date.now()}`);
    git(dev, 'checkout', '-q', '-B', branch);
    fx.commitFiles(dev, files, 'edit docs');
    const pr = github.addPullRequest({ head: branch, files: Object.keys(files) });
    const event = {
      pull_request: {
        number: pr.number,
        head: { ref: branch, repo: { full_name: 'acme/docs' } },
        base: { ref: 'main' },
      },
      repository: { full_name: 'acme/docs', default_branch: 'main' },
    };
    return { pr, event, workspace: () => fx.clone(`ws-${pr.number}-${Date.now()}`, branch) };
  }

  it('flags a page edited in Confluence, comments once, then edits that same comment', async () => {
    await pushedOnce();
    emulator.editPage(page('Guide')?.id ?? '', { body: '<h1>Guide</h1><p>Edited in Confluence by Ana.</p>' });
    const { pr, event, workspace } = await openPullRequest('feature/guide', {
      'docs/guide.md': '# Guide\n\nRewritten in the repository.\n',
    });
    emulator.resetStats();

    const first = await action(workspace(), 'pull_request', {}, event);
    expect(first.code).toBe(1);
    expect(first.log).toMatch(
      /::error::CS-043 1 page\(s\) were edited in Confluence since the repository last saw them/,
    );
    expect(first.log).toMatch(/::warning title=Confluence conflict,file=docs\/guide\.md::"Guide"/);
    expect(first.outputs.conflicts).toBe('1');
    const comments = github.comments(pr.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain(commentMarker('default:DOCS'));
    expect(comments[0]?.body.split('\n')[1]).toBe(
      '## ❌ 1 page was edited in Confluence since the repository last saw it',
    );
    // Who edited it, and what they changed, without leaving GitHub.
    expect(comments[0]?.body).toMatch(
      /Edited in Confluence by \*\*Emulator User\*\* \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\) · version 1 → 2/,
    );
    expect(comments[0]?.body).toContain('-How to use the product.\n+Edited in Confluence by Ana.');
    expect(comments[0]?.body).toContain('**How to resolve:** Let the scheduled pull bring the edit in first');
    expect(comments[0]?.body).toContain('`guide.md`');
    expect(first.summary).toContain(
      'What merging this pull request would do in Confluence. Nothing was written.',
    );

    // The author pushes another commit: the same comment is edited, no second comment.
    const dev = fx.clone(`dev2-${Date.now()}`, 'feature/guide');
    fx.commitFiles(dev, { 'docs/setup/install.md': '# Install\n\nRun the new installer.\n' });
    const tracked = github.pulls().find((p) => p.number === pr.number);
    tracked?.files.push('docs/setup/install.md');
    const second = await action(workspace(), 'pull_request', {}, event);
    expect(second.code).toBe(1);
    const after = github.comments(pr.number);
    expect(after).toHaveLength(1);
    expect(after[0]?.id).toBe(comments[0]?.id);
    expect(after[0]?.body).toContain('`setup/install.md`');
    expect(
      github.requests.some(
        (r) => r.method === 'PATCH' && r.path.endsWith(`/issues/comments/${after[0]?.id}`),
      ),
    ).toBe(true);
    // A check never writes to Confluence.
    expect(emulator.stats().writes).toBe(0);
  });

  it('passes (and still reports) when nothing conflicts, or when fail-on-conflict is off', async () => {
    await pushedOnce();
    const { pr, event, workspace } = await openPullRequest('feature/install', {
      'docs/setup/install.md': '# Install\n\nRun the new installer.\n',
    });
    const run = await action(workspace(), 'pull_request', {}, event);
    expectClean(run);
    expect(run.outputs).toMatchObject({ updated: '1', conflicts: '0' });
    expect(github.comments(pr.number)).toHaveLength(1);

    emulator.editPage(page('Install')?.id ?? '', { body: '<h1>Install</h1><p>Changed remotely.</p>' });
    const lenient = await action(workspace(), 'pull_request', { 'fail-on-conflict': 'false' }, event);
    expectClean(lenient);
    expect(lenient.outputs.conflicts).toBe('1');
  });

  it('skips a pull request from a fork (no secrets) with a notice and a clean exit', async () => {
    const event = {
      pull_request: {
        number: 99,
        head: { ref: 'patch-1', repo: { full_name: 'stranger/docs' } },
        base: { ref: 'main' },
      },
      repository: { full_name: 'acme/docs' },
    };
    const run = await action(fx.clone('fork'), 'pull_request', { token: '', username: '' }, event);
    expectClean(run);
    expect(run.log).toContain('::notice title=Confluence check skipped::');
    expect(emulator.stats().total).toBe(0);
  });
});
