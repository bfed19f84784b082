/**
 * Secrets: every failure path of the catalogue, driven with recognisable tokens (the Confluence API
 * token, a wrong one, and the GitHub token), and then every place a token could leak is searched for
 * them in every form a leak would take (plain, in a Basic header, URL-encoded): the CLI's stdout and
 * stderr (with --verbose and --json), every file in the repository (manifest included), and for the
 * bundled action its log, job summary, outputs, change-set JSON, PR comments, pull requests and the
 * commits it pushed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../fakes/github-api.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { createRepoFixture, git, type RepoFixture } from '../action/git-fixture.js';
import { ensureBundle, runAction, type ActionRun } from '../action/run-action.js';
import { runCli } from '../helpers/run-cli.js';
import { catalogueWorld, intercept, stopWorlds, type CatalogueWorld } from './catalogue.js';

const USER = 'ci@example.com';
const TOKEN = 'cst-SECRET-0c9f2e71b4d8';
const WRONG = 'cst-WRONG-SECRET-55aa11ee';
const GH_TOKEN = 'ghs_SECRETgh93d1f0a7c2';

/** Every form in which a token would show up if it leaked. */
const LEAK_FORMS = [TOKEN, WRONG, GH_TOKEN].flatMap((t) => [
  t,
  Buffer.from(`${USER}:${t}`).toString('base64'),
  encodeURIComponent(`${USER}:${t}`),
  // the distinctive middle of each token, should it be cut or quoted
  t.slice(4, -4),
]);

function expectNoSecret(where: string, text: string): void {
  for (const form of LEAK_FORMS) {
    if (text.includes(form)) {
      const at = text.indexOf(form);
      expect.fail(`${where} contains a token: …${text.slice(Math.max(0, at - 80), at + form.length + 20)}…`);
    }
  }
}

/** Every file under dir (the .git folder too when asked: commits, packed objects are compressed). */
function filesUnder(dir: string, withGit = false): [string, string][] {
  const out: [string, string][] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if (!withGit && path.includes(`${join(dir, '.git')}`)) continue;
    // The config is input (some cases paste a token into it on purpose), not output.
    if (entry.name === '.confluence-sync.yml') continue;
    out.push([path, readFileSync(path, 'latin1')]);
  }
  return out;
}

describe('secrets never appear in any output (CLI)', () => {
  afterEach(stopWorlds);
  const seen: string[] = [];

  async function world(options: Parameters<typeof catalogueWorld>[0] = {}): Promise<CatalogueWorld> {
    const w = await catalogueWorld({
      ...options,
      // what leaves a real process: its stdout, its stderr, its exit
      process: true,
      emulator: { users: [{ username: USER, token: TOKEN }], maxBodyBytes: 64 * 1024 },
      env: { CONFLUENCE_USERNAME: USER, CONFLUENCE_API_TOKEN: TOKEN },
    });
    return w;
  }

  /**
   * Runs the CLI with --verbose as a process (everything that leaves it: stdout, stderr, whatever node
   * itself prints) and with --json --verbose through its main() here (its JSON); checks every output and
   * every file.
   */
  async function drive(
    w: CatalogueWorld,
    args: string[],
    env?: Record<string, string>,
  ): Promise<number | null> {
    let code: number | null = null;
    for (const extra of [['--verbose'], ['--json', '--verbose']]) {
      const run =
        extra[0] === '--json'
          ? await runCli([...args, ...extra], { cwd: w.repo.dir, env: env ?? w.site.env })
          : await w.cli([...args, ...extra], env);
      code = run.code;
      seen.push(`${args.join(' ')}: ${run.code}`);
      expectNoSecret(`stdout of ${args.join(' ')} ${extra.join(' ')}`, run.stdout);
      expectNoSecret(`stderr of ${args.join(' ')} ${extra.join(' ')}`, run.stderr);
    }
    for (const [path, text] of filesUnder(w.repo.dir)) expectNoSecret(path, text);
    return code;
  }

  async function driveInProcess(
    w: CatalogueWorld,
    args: string[],
    wrap: Parameters<CatalogueWorld['cliWith']>[1],
  ): Promise<number | null> {
    const run = await w.cliWith([...args, '--verbose'], wrap);
    expectNoSecret(`stdout of ${args.join(' ')}`, run.stdout);
    expectNoSecret(`stderr of ${args.join(' ')}`, run.stderr);
    for (const [path, text] of filesUnder(w.repo.dir)) expectNoSecret(path, text);
    return run.code;
  }

  it('configuration and manifest errors, even with a token pasted into the file', async () => {
    const w = await world({ pushed: true });
    const url = w.site.config.confluenceUrl;
    const head = `activeProfile: default\nprofiles:\n  default:\n    confluenceUrl: ${url}\n    spaceKey: DOCS\n`;
    const good = w.repo.read('.confluence-sync.yml');
    const cases: [string, string][] = [
      ['token in the file', `${head}    token: ${TOKEN}\n`],
      ['apiToken in the file', `${head}    apiToken: ${TOKEN}\n`],
      ['unknown key holding a token', `${head}    confluenceToken: ${TOKEN}\n`],
      ['broken YAML on the token line', `${head}    token: "${TOKEN}\n  - [\n`],
      ['broken YAML after the token line', `${head}    password: ${TOKEN}\n   bad: [\n`],
      [
        'token in the URL',
        `${head.replace(url, url.replace('http://', `http://${encodeURIComponent(USER)}:${TOKEN}@`))}`,
      ],
      [
        'http URL with credentials',
        `${head.replace(url, `http://${USER}:${TOKEN}@confluence.example.com/wiki`)}`,
      ],
    ];
    for (const [name, yaml] of cases) {
      w.repo.write('.confluence-sync.yml', yaml);
      expect(await drive(w, ['sync']), name).not.toBe(0);
    }
    w.repo.write('.confluence-sync.yml', good);
    const manifest = w.repo.read('.confluence-sync.json');
    w.repo.write('.confluence-sync.json', manifest.slice(0, 100));
    expect(await drive(w, ['push'])).toBe(1);
    w.repo.write('.confluence-sync.json', manifest.replace(/"version": ?\d+/, '"version": 99'));
    expect(await drive(w, ['push'])).toBe(1);
  }, 120_000);

  it('credentials, permissions, space and parent errors', async () => {
    const w = await world({ files: { 'docs/a.md': '# A\n\nA.\n' } });
    expect(await drive(w, ['push'], { CONFLUENCE_USERNAME: USER, CONFLUENCE_API_TOKEN: WRONG })).toBe(1);
    expect(await drive(w, ['push'], { CONFLUENCE_API_TOKEN: TOKEN })).toBe(1); // Cloud without a username
    w.repo.writeConfig({ ...w.site.config, spaceKey: 'READ', parentPageId: undefined });
    expect(await drive(w, ['push'])).toBe(1);
    w.repo.writeConfig({ ...w.site.config, spaceKey: 'NOSUCH', parentPageId: undefined });
    expect(await drive(w, ['push'])).toBe(1);
    w.repo.writeConfig({ ...w.site.config, parentPageId: '987654321' });
    expect(await drive(w, ['push'])).toBe(1);
  }, 120_000);

  it('network failures, 429/5xx after the retries, a page too large, broken storage, a page deleted mid-run', async () => {
    const w = await world({ pushed: true });
    w.site.emulator.setFaults({ failNext: [{ status: 503, times: 50 }] });
    expect(await driveInProcess(w, ['status'], (c) => c)).toBe(1);
    w.site.emulator.setFaults({ failNext: [{ status: 429, times: 50, retryAfter: '0' }] });
    expect(await driveInProcess(w, ['status'], (c) => c)).toBe(1);
    w.site.emulator.setFaults({ failNext: [{ status: 'reset', times: 50 }] });
    expect(await driveInProcess(w, ['status'], (c) => c)).toBe(1);
    w.site.emulator.setFaults(null);

    w.repo.write('docs/huge.md', `# Huge\n\n${'A paragraph that makes the page big.\n\n'.repeat(3000)}`);
    expect(await drive(w, ['push'])).toBe(1);
    w.repo.remove('docs/huge.md');

    const beta = w.site.byTitle('Beta');
    w.site.emulator.editPage(beta.id, { body: '<p>Edited remotely.</p>' });
    const broken = (c: Parameters<Parameters<CatalogueWorld['cliWith']>[1]>[0]) =>
      intercept(c, {
        async getPages(ids) {
          return (await c.getPages(ids)).map((p) => ({ ...p, body: '<p>broken <b>markup</p><ac:macro' }));
        },
      });
    await driveInProcess(w, ['pull'], broken);

    const alpha = w.site.byTitle('Alpha');
    w.repo.write('docs/alpha.md', '# Alpha\n\nEdited in git.\n');
    expect(
      await driveInProcess(w, ['push'], (c) =>
        intercept(c, {
          async updatePage(input) {
            if (w.site.emulator.getPage(alpha.id)?.status === 'current') w.site.emulator.deletePage(alpha.id);
            return c.updatePage(input);
          },
        }),
      ),
    ).toBe(1);
  }, 120_000);

  it('bad files, hostile titles, symlinks, conflicts and a normal push and pull', async () => {
    const w = await world({ pushed: true });
    const outside = mkdtempSync(join(tmpdir(), 'cs-outside-'));
    try {
      writeFileSync(join(outside, 'env.md'), `# Env\n\nCONFLUENCE_API_TOKEN=${TOKEN}\n`);
      symlinkSync(join(outside, 'env.md'), join(w.repo.dir, 'docs/env.md'));
      await drive(w, ['push']);
    } finally {
      w.repo.remove('docs/env.md');
      rmSync(outside, { recursive: true, force: true });
    }
    w.repo.write('docs/bin.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]));
    expect(await drive(w, ['push'])).toBe(1);
    w.repo.remove('docs/bin.md');

    for (const title of ['../../x', 'CON', 'a\u0007b', 'é'.repeat(255)]) {
      w.site.emulator.createPage({ spaceKey: 'DOCS', parentId: w.site.rootId, title, body: '<p>x</p>' });
    }
    await drive(w, ['pull']);
    const alpha = w.site.byTitle('Alpha');
    w.site.emulator.editPage(alpha.id, { body: '<p>Remote edit.</p>' });
    w.repo.write('docs/alpha.md', '# Alpha\n\nLocal edit.\n');
    expect(await drive(w, ['sync'])).toBe(2);
    expect(await drive(w, ['sync', '--strategy', 'merge'])).not.toBe(0);
    await drive(w, ['sync', '--strategy', 'local-first']);
    await drive(w, ['check']);
    expect(seen.length).toBeGreaterThan(10);
  }, 120_000);
});

describe('secrets never appear in any output (the action bundle)', () => {
  let emulator: Emulator;
  let github: FakeGitHub;
  let fx: RepoFixture;
  const runs: ActionRun[] = [];

  beforeAll(async () => {
    ensureBundle();
    emulator = await startEmulator({ users: [{ username: USER, token: TOKEN }], maxBodyBytes: 64 * 1024 });
    github = await startFakeGitHub({ token: GH_TOKEN });
    fx = createRepoFixture({
      '.confluence-sync.yml': `activeProfile: default\nprofiles:\n  default:\n    confluenceUrl: ${emulator.url}\n    flavor: cloud\n    spaceKey: DOCS\n    localRoot: docs\n`,
      'docs/guide.md': '# Guide\n\nHow to use the product.\n',
      'docs/setup/index.md': '# Setup\n\nGetting ready.\n',
    });
  }, 240_000);
  afterAll(async () => {
    await emulator?.stop();
    await github?.stop();
    fx?.cleanup();
  });

  async function action(
    name: string,
    eventName: string,
    inputs: Record<string, string>,
    event: unknown = {},
    branch?: string,
  ) {
    const workspace = fx.clone(`${name}-${Date.now()}`, branch);
    const run = await runAction({
      workspace,
      eventName,
      event,
      inputs: { username: USER, token: TOKEN, ...inputs },
      githubApiUrl: github.url,
      githubToken: GH_TOKEN,
    });
    runs.push(run);
    // `::add-mask::` lines are how the runner learns to hide a value; nothing else may show one.
    const log = run.log
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    expectNoSecret(`${name}: log`, log);
    expectNoSecret(`${name}: job summary`, run.summary);
    for (const [key, value] of Object.entries(run.outputs)) {
      expectNoSecret(`${name}: output ${key}`, value);
      if (key === 'change-set' && value)
        expectNoSecret(`${name}: change set JSON`, readFileSync(value, 'utf8'));
    }
    for (const [path, text] of filesUnder(workspace)) expectNoSecret(`${name}: ${path}`, text);
    return { run, workspace };
  }

  it('push, wrong token, no permission, bad config, conflicts in a PR check, a pull request from pull mode', async () => {
    expect(runs).toEqual([]);
    const failing: [string, Record<string, string>, RegExp][] = [
      ['wrong-token', { token: WRONG }, /CS-001/],
      ['no-permission', { space: 'READ' }, /CS-004/],
      ['no-space', { space: 'NOSUCH' }, /CS-003/],
      ['bad-input', { 'conflict-strategy': 'overwrite-everything' }, /CS-051/],
      ['http-url', { url: 'http://confluence.example.com/wiki' }, /CS-009/],
    ];
    for (const [name, inputs, code] of failing) {
      const { run } = await action(name, 'push', inputs);
      expect(run.code, name).toBe(1);
      expect(run.log, name).toMatch(code);
    }
    expect((await action('ok', 'push', {})).run.code).toBe(0);

    // A PR check that finds a page edited in Confluence: a sticky comment is posted.
    const guide = emulator.pages('DOCS').find((p) => p.title === 'Guide')!;
    emulator.editPage(guide.id, { body: '<h1>Guide</h1><p>Edited in Confluence.</p>' });
    const dev = fx.clone(`dev-${Date.now()}`);
    git(dev, 'checkout', '-q', '-B', 'feature/guide');
    fx.commitFiles(dev, { 'docs/guide.md': '# Guide\n\nRewritten in git.\n' });
    const pr = github.addPullRequest({ head: 'feature/guide', files: ['docs/guide.md'] });
    const event = {
      pull_request: {
        number: pr.number,
        head: { ref: 'feature/guide', repo: { full_name: 'acme/docs' } },
        base: { ref: 'main' },
      },
      repository: { full_name: 'acme/docs', default_branch: 'main' },
    };
    expect((await action('check', 'pull_request', {}, event, 'feature/guide')).run.code).toBe(1);
    expect(github.comments(pr.number).length).toBeGreaterThan(0);

    // Scheduled pull: the Confluence edit comes back as a pull request.
    expect((await action('pull', 'schedule', { mode: 'pull' })).run.code).toBe(0);
    const pulls = github.pulls();
    expect(pulls.length).toBeGreaterThan(1);

    for (const c of github.comments(pr.number)) expectNoSecret(`PR comment ${c.id}`, c.body);
    for (const p of pulls) expectNoSecret(`pull request #${p.number}`, `${p.title}\n${p.body}`);
    const history = execFileSync('git', ['log', '--all', '-p', '--format=%an %ae %s%n%b'], {
      cwd: fx.bare,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(history).toContain('.confluence-sync.json');
    expectNoSecret('commits pushed by the action', history);
    expectNoSecret('the fake GitHub request log', JSON.stringify(github.requests));
  }, 240_000);
});
