/**
 * What a real repository does differently from the happy path (issue 14), end to end: the bundled
 * action as a process, a bare git remote (served over smart HTTP where credentials matter), the
 * Confluence emulator and the fake GitHub API.
 */
import { execFile } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { marked } from 'marked';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// Each test runs the bundled action two to four times on a shared 2-core machine.
vi.setConfig({ testTimeout: 180_000 });
import { commentMarker } from '../../src/action/sticky-comment.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { startFakeGitHub, type FakeGitHub } from '../fakes/github-api.js';
import { basicHeader, startGitHttp } from '../fakes/git-http.js';
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

const CONFIG = (url: string) =>
  [
    'activeProfile: default',
    'profiles:',
    '  default:',
    `    confluenceUrl: ${url}`,
    '    flavor: cloud',
    '    spaceKey: DOCS',
    '    localRoot: docs',
    '',
  ].join('\n');

function docs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    '.confluence-sync.yml': CONFIG(emulator.url),
    'docs/guide.md': '# Guide\n\nHow to use the product.\n',
    'docs/setup/index.md': '# Setup\n\nGetting ready.\n',
    'docs/setup/install.md': '# Install\n\nRun the installer.\n',
    ...extra,
  };
}

beforeEach(() => {
  emulator.reset();
});
afterEach(() => {
  expect(github.unhandled).toEqual([]);
  fx?.cleanup();
});

const SECRETS = { username: 'ci@example.com', token: 'emulator-token' };
const page = (title: string) => emulator.pages('DOCS').find((p) => p.title === title);
const BRANCH = 'confluence-sync/pull';

function action(
  workspace: string,
  eventName: string,
  inputs: Record<string, string> = {},
  event: unknown = {},
  env: Record<string, string> = {},
) {
  return runAction({
    workspace,
    eventName,
    event,
    inputs: { ...SECRETS, ...inputs },
    githubApiUrl: github.url,
    githubToken: github.token,
    env,
  });
}

function expectClean(run: ActionRun): void {
  expect(run.log).not.toContain('::error::');
  expect(run.code, run.log).toBe(0);
}

async function pushedOnce(): Promise<void> {
  expectClean(await action(fx.clone(`push-${Date.now()}`), 'push'));
}

/** git without blocking the event loop (the HTTP git server runs in this process). */
function gitAsync(cwd: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('git', args, { cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } }, (e, out, err) =>
      e ? reject(new Error(`${e.message}\n${err}`)) : resolve(out.trim()),
    ),
  );
}

describe('1. credentials: pushes use github-token, whatever the checkout persisted', () => {
  it('pushes the manifest with the token over HTTP, with a stale header in .git/config and a checkout-v6 include file', async () => {
    fx = createRepoFixture(docs());
    const server = await startGitHttp(fx.root, [github.token]);
    try {
      const remote = `${server.url}/origin.git`;
      const ws = join(fx.root, 'ws-http');
      await gitAsync(
        fx.root,
        '-c',
        `http.${server.url}/.extraheader=${basicHeader(github.token)}`,
        'clone',
        '-q',
        remote,
        ws,
      );
      // What actions/checkout leaves: v4/v5 in .git/config, v6 in an included file under RUNNER_TEMP.
      await gitAsync(
        ws,
        'config',
        '--local',
        `http.${server.url}/.extraheader`,
        basicHeader('ghs_expired_job_token'),
      );
      const include = join(fx.root, 'git-credentials-1234.config');
      writeFileSync(include, `[http "${server.url}/"]\n\textraheader = ${basicHeader('ghs_other_token')}\n`);
      await gitAsync(ws, 'config', '--local', `includeIf.gitdir:${ws}/.git.path`, include);
      const configBefore = readFileSync(join(ws, '.git', 'config'), 'utf8');
      server.seen.length = 0;

      const run = await action(ws, 'push', {}, {}, { GITHUB_SERVER_URL: server.url });
      expectClean(run);
      expect(git(fx.bare, 'log', '-1', '--format=%an|%s', 'main')).toBe(
        'github-actions[bot]|docs: sync with Confluence [skip ci]',
      );
      const pushes = server.seen.filter((s) => s.path.endsWith('git-receive-pack'));
      expect(pushes.length).toBeGreaterThan(0);
      expect(new Set(pushes.map((s) => s.token))).toEqual(new Set([github.token]));
      // Nothing written to the repository's config: nothing to remove, nothing left for later steps.
      expect(readFileSync(join(ws, '.git', 'config'), 'utf8')).toBe(configBefore);
      expect(run.log).not.toContain(Buffer.from(`x-access-token:${github.token}`).toString('base64'));
    } finally {
      await server.stop();
    }
  });
});

describe('2. protected branches', () => {
  it('a GH006 refusal is one CS-050 line saying what to do, not three retries and an unrelated hint', async () => {
    fx = createRepoFixture(docs());
    const hook = join(fx.bare, 'hooks', 'pre-receive');
    const counter = join(fx.root, 'refusals');
    writeFileSync(
      hook,
      `#!/bin/sh\necho refused >> "${counter}"\necho "error: GH006: Protected branch update failed for refs/heads/main." >&2\necho "error: Changes must be made through a pull request." >&2\nexit 1\n`,
    );
    chmodSync(hook, 0o755);
    const run = await action(fx.clone('protected'), 'push');
    expect(run.code).toBe(1);
    expect(run.log).toContain(
      '::error::CS-050 GitHub refused to push the manifest commit to main: the branch is protected (GH006: Protected branch update failed for refs/heads/main.). The pages were written to Confluence;',
    );
    expect(run.log).toContain('manifest-storage: cache');
    expect(run.log).not.toContain('concurrency group');
    expect(readFileSync(counter, 'utf8').trim().split('\n')).toHaveLength(1);
  });
});

describe('3–4. the pull request branch people review', () => {
  it('a second run with nothing new leaves the branch and the pull request alone', async () => {
    fx = createRepoFixture(docs());
    await pushedOnce();
    emulator.editPage(page('Guide')?.id ?? '', { body: '<h1>Guide</h1><p>Edited in Confluence by Ana.</p>' });
    const first = await action(fx.clone('pull1'), 'schedule');
    expectClean(first);
    const sha = git(fx.bare, 'rev-parse', BRANCH);
    expect(first.outputs).toMatchObject({
      'pull-request-operation': 'created',
      'pull-request-head-sha': sha,
    });

    const patches = () =>
      github.requests.filter((r) => r.method === 'PATCH' && r.path.includes('/pulls/')).length;
    const before = patches();
    const second = await action(fx.clone('pull2'), 'schedule');
    expectClean(second);
    expect(git(fx.bare, 'rev-parse', BRANCH)).toBe(sha);
    expect(second.outputs).toMatchObject({ 'pull-request-operation': 'none', 'pull-request-head-sha': sha });
    expect(patches()).toBe(before);
    expect(second.summary).toContain('left as it is: nothing new in Confluence');
  });

  it("keeps a reviewer's commit: the next runs leave it, then add a commit on top of it", async () => {
    fx = createRepoFixture(docs());
    await pushedOnce();
    emulator.editPage(page('Guide')?.id ?? '', { body: '<h1>Guide</h1><p>Edited in Confluence by Ana.</p>' });
    expectClean(await action(fx.clone('pull1'), 'schedule'));
    const reviewer = fx.clone('reviewer', BRANCH);
    fx.commitFiles(
      reviewer,
      { 'docs/guide.md': '# Guide\n\nEdited in Confluence by Ana, wording fixed in review.\n' },
      'review: fix wording',
    );
    const reviewed = git(fx.bare, 'rev-parse', BRANCH);

    const quiet = await action(fx.clone('pull2'), 'schedule');
    expectClean(quiet);
    expect(git(fx.bare, 'rev-parse', BRANCH)).toBe(reviewed);

    emulator.editPage(page('Install')?.id ?? '', { body: '<h1>Install</h1><p>Use the new installer.</p>' });
    const next = await action(fx.clone('pull3'), 'schedule');
    expectClean(next);
    expect(next.outputs['pull-request-operation']).toBe('updated');
    expect(git(fx.bare, 'rev-parse', `${BRANCH}^`)).toBe(reviewed);
    expect(git(fx.bare, 'show', `${BRANCH}:docs/guide.md`)).toContain('wording fixed in review');
    expect(git(fx.bare, 'show', `${BRANCH}:docs/setup/install.md`)).toContain('Use the new installer.');
    expect(github.pulls().filter((p) => p.head.ref === BRANCH && p.state === 'open')).toHaveLength(1);
  });

  it('closes the pull request and deletes the branch once the base already has the edit', async () => {
    fx = createRepoFixture(docs());
    await pushedOnce();
    emulator.editPage(page('Guide')?.id ?? '', { body: '<h1>Guide</h1><p>Edited in Confluence by Ana.</p>' });
    const first = await action(fx.clone('pull1'), 'schedule');
    expectClean(first);
    const number = Number(first.outputs['pull-request-number']);
    // Someone brings the same files to main another way (a cherry-pick), without merging the PR.
    const person = fx.clone('person');
    git(person, 'checkout', `origin/${BRANCH}`, '--', 'docs', '.confluence-sync.json');
    git(person, 'commit', '-q', '-m', 'bring the Confluence edit in by hand');
    git(person, 'push', '-q', 'origin', 'HEAD:main');

    const run = await action(fx.clone('pull2'), 'schedule');
    expectClean(run);
    expect(run.outputs).toMatchObject({ 'pull-request-operation': 'closed', 'pull-request-head-sha': '' });
    const pr = github.pulls().find((p) => p.number === number);
    expect(pr?.state).toBe('closed');
    expect(github.comments(number).at(-1)?.body).toContain(
      'Closed by confluence-sync: `main` already matches Confluence',
    );
    expect(git(fx.bare, 'branch', '--list', BRANCH)).toBe('');
  });
});

describe('5. the sticky comment', () => {
  it("follows the pull request when it stops touching the docs, and never edits someone else's comment with the marker", async () => {
    fx = createRepoFixture(docs());
    await pushedOnce();
    emulator.editPage(page('Guide')?.id ?? '', { body: '<h1>Guide</h1><p>Edited in Confluence by Ana.</p>' });
    const dev = fx.clone('dev');
    git(dev, 'checkout', '-q', '-B', 'feature/guide');
    fx.commitFiles(dev, { 'docs/guide.md': '# Guide\n\nRewritten.\n' });
    const pr = github.addPullRequest({ head: 'feature/guide', files: ['docs/guide.md'] });
    const foreignBody = `${commentMarker('default:DOCS')}\nI pasted your marker.`;
    const foreign = github.addComment(pr.number, foreignBody, 'mallory');
    const event = {
      pull_request: {
        number: pr.number,
        head: { ref: 'feature/guide', repo: { full_name: 'acme/docs' } },
        base: { ref: 'main' },
      },
      repository: { full_name: 'acme/docs' },
    };

    const first = await action(fx.clone('ws1', 'feature/guide'), 'pull_request', {}, event);
    expect(first.code).toBe(1);
    const ours = github.comments(pr.number).filter((c) => c.id !== foreign.id);
    expect(ours).toHaveLength(1);
    expect(ours[0]?.body).toContain('1 page was edited in Confluence');

    // The author reverts the docs change: the pull request no longer touches docs/.
    pr.files = ['README.md'];
    const second = await action(fx.clone('ws2', 'feature/guide'), 'pull_request', {}, event);
    expectClean(second);
    const after = github.comments(pr.number);
    expect(after).toHaveLength(2);
    expect(after.find((c) => c.id === foreign.id)?.body).toBe(foreignBody);
    const mine = after.find((c) => c.id === ours[0]?.id);
    expect(mine?.body).toContain('This pull request no longer changes anything under `docs/`');
    expect(mine?.body).not.toContain('edited in Confluence since');
  });
});

describe('8. pull_request_target and forks', () => {
  let trap: Server;
  let trapped: string[];
  beforeAll(async () => {
    trapped = [];
    trap = createServer((req, res) => {
      trapped.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
      res.writeHead(401);
      res.end();
    });
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => trap.close(() => resolve())));

  it("takes the config from the base commit: a fork's config never decides where the token goes", async () => {
    fx = createRepoFixture(docs());
    await pushedOnce();
    const baseSha = git(fx.bare, 'rev-parse', 'main');
    // The fork's branch points the config at a server of its choosing; the workflow (wrongly) checked it out.
    const fork = fx.clone('fork');
    git(fork, 'checkout', '-q', '-B', 'patch-1');
    const trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}/wiki`;
    fx.commitFiles(fork, {
      '.confluence-sync.yml': CONFIG(trapUrl),
      'docs/guide.md': '# Guide\n\nFrom a fork.\n',
    });
    const pr = github.addPullRequest({
      head: 'patch-1',
      files: ['docs/guide.md'],
      headRepo: 'stranger/docs',
    });
    const event = {
      pull_request: {
        number: pr.number,
        head: { ref: 'patch-1', repo: { full_name: 'stranger/docs' } },
        base: { ref: 'main', sha: baseSha },
      },
      repository: { full_name: 'acme/docs' },
    };
    emulator.resetStats();
    const run = await action(fx.clone('ws-target', 'patch-1'), 'pull_request_target', {}, event);
    expectClean(run);
    expect(trapped).toEqual([]);
    expect(emulator.stats().total).toBeGreaterThan(0);
    expect(emulator.stats().writes).toBe(0);
    expect(run.log).toContain('the config comes from the base commit');
  });

  it('refuses sync on a pull request from a fork, before anything is written, and never pushes to its branch', async () => {
    fx = createRepoFixture(docs());
    const event = {
      pull_request: {
        number: 5,
        head: { ref: 'patch-1', repo: { full_name: 'stranger/docs' } },
        base: { ref: 'main' },
      },
      repository: { full_name: 'acme/docs' },
    };
    const run = await action(fx.clone('ws-fork'), 'pull_request', { mode: 'sync' }, event);
    expect(run.code).toBe(1);
    expect(run.log).toContain('::error::CS-050 Refusing mode sync on a pull request from stranger/docs');
    expect(emulator.stats().total).toBe(0);
    expect(git(fx.bare, 'branch', '--list', 'patch-1')).toBe('');
  });
});

describe('9. nothing a title or file name holds rewrites the report', () => {
  it('hostile file names and titles stay in their rows, ping nobody and forge no workflow command', async () => {
    fx = createRepoFixture(
      docs({
        'docs/!\n<!--.md': '# Comment opener\n\nText.\n',
        'docs/ping.md': '# Ping @acme/security-team\n\nText.\n',
        'docs/row\rsplit.md': '# Row | split\n\nText.\n',
        'docs/zz-last.md': '# Last row\n\nText.\n',
      }),
    );
    const run = await action(fx.clone('hostile'), 'push', { 'dry-run': 'true' });
    expect(run.summary, run.log).not.toBe('');
    const html = marked.parse(run.summary, { gfm: true, async: false });
    expect(html).toContain('Last row');
    expect(html).not.toContain('<!--');
    expect(run.summary).not.toMatch(/@acme/);
    const rows = run.summary.split('\n').filter((l) => l.startsWith('| New page'));
    expect(rows.length).toBe(7);
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length).toBe(7);
  });

  it('a title that would forge a workflow command stays on its one log line', async () => {
    fx = createRepoFixture(
      docs({ 'docs/forged\n::error::forged.md': 'No heading: the title is the file name.\n' }),
    );
    const run = await action(fx.clone('forged'), 'push', { 'dry-run': 'true' });
    expect(run.code).toBe(1);
    expect(run.log.split('\n').filter((l) => l.startsWith('::error::forged'))).toEqual([]);
    expect(run.log).toContain(
      '::error::CS-044 The title of forged␊::error::forged.md contains a control character.',
    );
  });
});
