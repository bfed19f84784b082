/**
 * The CLI in process (main with captured stdout/stderr) against the emulator: what a user sees for
 * help, typos, config discovery, path arguments, waiting, JSON errors and the status hint.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../../src/cli/main.js';
import { startEmulator, type Emulator } from '../../emulator/index.js';

let dir: string;
let emulator: Emulator;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cs-cli-'));
  mkdirSync(join(dir, '.git'));
  emulator = await startEmulator({ flavor: 'cloud' });
});
afterEach(async () => {
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
});

type TestIo = CliIo & { out: () => string; err: () => string };

function io(env: Record<string, string> = {}, cwd = dir): TestIo {
  let out = '';
  let err = '';
  return {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t), isTTY: false },
    env,
    cwd,
    out: () => out,
    err: () => err,
  };
}

const secrets = { CONFLUENCE_USERNAME: 'ci@example.com', CONFLUENCE_API_TOKEN: 'emulator-token' };

function writeRepo(config: string): void {
  writeFileSync(join(dir, '.confluence-sync.yml'), config);
  mkdirSync(join(dir, 'docs', 'how-to'), { recursive: true });
  writeFileSync(join(dir, 'docs', 'hello.md'), '# Hello\n\nWorld.\n');
  writeFileSync(join(dir, 'docs', 'how-to', 'setup.md'), '# Setup\n\n![logo](logo.png)\n');
  writeFileSync(join(dir, 'docs', 'how-to', 'logo.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
}

const cloudConfig = () => `confluenceUrl: ${emulator.url}\nflavor: cloud\nspaceKey: DOCS\nlocalRoot: docs\n`;

describe('help and typos', () => {
  it('--help lists the commands; each command has its own help with examples; a bare call exits 1', async () => {
    const help = io();
    expect(await main(['--help'], help)).toBe(0);
    for (const command of ['status', 'pull', 'push', 'sync', 'check', 'doctor', 'init'])
      expect(help.out()).toContain(`  ${command} `);
    expect(help.out()).toMatch(/Exit codes: 0 done, 1 error, 2 conflicts/);

    const push = io();
    expect(await main(['push', '--help'], push)).toBe(0);
    expect(push.out()).toContain('Usage: confluence-sync push [options] [paths...]');
    expect(push.out()).toContain('$ confluence-sync push docs/guide/setup.md');
    expect(push.out()).not.toContain('doctor');

    const helpPush = io();
    expect(await main(['help', 'push'], helpPush)).toBe(0);
    expect(helpPush.out()).toBe(push.out());

    const none = io();
    expect(await main([], none)).toBe(1);
    expect(none.err()).toContain('Usage: confluence-sync <command>');
  });

  it('suggests the command or flag meant, in one line with balanced quotes', async () => {
    const command = io();
    expect(await main(['pus'], command)).toBe(1);
    expect(command.err()).toBe(
      `error CS-020 Unknown command 'pus'. — Did you mean push? See "confluence-sync --help".\n`,
    );
    const flag = io();
    expect(await main(['push', '--dry-rn'], flag)).toBe(1);
    expect(flag.err()).toBe(
      `error CS-020 Unknown option '--dry-rn'. — Did you mean --dry-run? See "confluence-sync push --help".\n`,
    );
    const choice = io();
    expect(await main(['pull', '--strategy', 'mrege'], choice)).toBe(1);
    expect(choice.err()).toMatch(
      /^error CS-020 .*'mrege' is invalid\. Allowed choices are manual, local-first/,
    );
  });

  it('prints the version of package.json', async () => {
    const version = io();
    expect(await main(['--version'], version)).toBe(0);
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(version.out()).toBe(`${pkg.version}\n`);
  });
});

describe('errors', () => {
  it('with --json an error is a JSON object on stdout (and one line on stderr)', async () => {
    const run = io(secrets);
    expect(await main(['status', '--json'], run)).toBe(1);
    const parsed = JSON.parse(run.out()) as { error: { code: string; message: string; hint: string } };
    expect(parsed.error.code).toBe('CS-020');
    expect(parsed.error.message).toContain(`no .confluence-sync.yml was found in ${dir} (the git top level)`);
    expect(parsed.error.hint).toContain('confluence-sync init');
    expect(run.err().trim().split('\n')).toHaveLength(1);

    const typo = io();
    expect(await main(['push', '--jsn', '--json'], typo)).toBe(1);
    expect((JSON.parse(typo.out()) as { error: { code: string } }).error.code).toBe('CS-020');
  });

  it('a YAML error names the file as seen from the current folder', async () => {
    writeRepo('spaceKey: [unclosed\n');
    const run = io(secrets, join(dir, 'docs', 'how-to'));
    expect(await main(['status'], run)).toBe(1);
    expect(run.err()).toMatch(/^error CS-021 \.\.\/\.\.\/\.confluence-sync\.yml is not valid YAML/);
  });
});

describe('running commands', () => {
  it('finds the config from a subfolder, names site, flavour and file, and ends status with the next command', async () => {
    writeRepo(cloudConfig());
    const status = io(secrets, join(dir, 'docs', 'how-to'));
    expect(await main(['status'], status)).toBe(0);
    expect(status.err()).toContain(
      `Confluence Cloud at ${emulator.url}, REST v2 · space DOCS, config ../../.confluence-sync.yml`,
    );
    expect(status.out()).toContain('create-remote');
    expect(status.out().trim().split('\n').at(-1)).toBe(
      'Next: run "confluence-sync push" to publish these changes.',
    );
  });

  it('push counts the attachments it uploaded and shows each page URL (text and JSON)', async () => {
    writeRepo(cloudConfig());
    const push = io(secrets);
    expect(await main(['push'], push)).toBe(0);
    expect(push.out()).toMatch(/Totals: 3 created, .*; 1 attachment uploaded/);
    const setup = emulator.pages('DOCS').find((p) => p.title === 'Setup');
    expect(push.out()).toContain(`${emulator.url}/spaces/DOCS/pages/${setup?.id}`);

    writeFileSync(join(dir, 'docs', 'hello.md'), '# Hello\n\nWorld, again.\n');
    const json = io(secrets);
    expect(await main(['push', '--json'], json)).toBe(0);
    const report = JSON.parse(json.out()) as {
      changes: { url: string }[];
      attachments: { uploaded: number };
    };
    expect(report.changes[0]?.url).toMatch(/\/spaces\/DOCS\/pages\/\d+$/);
    expect(report.attachments.uploaded).toBe(0);
  });

  it('a path argument that matches nothing is an error naming it; a path from a subfolder works', async () => {
    writeRepo(cloudConfig());
    const typo = io(secrets);
    expect(await main(['push', 'docs/helo.md'], typo)).toBe(1);
    expect(typo.err()).toMatch(/^error CS-062 The path "docs\/helo\.md" matches no document in docs\./m);
    expect(emulator.pages('DOCS').map((p) => p.title)).not.toContain('Hello');

    expect(await main(['push'], io(secrets))).toBe(0);
    writeFileSync(join(dir, 'docs', 'hello.md'), '# Hello\n\nEdited hello.\n');
    writeFileSync(join(dir, 'docs', 'how-to', 'setup.md'), '# Setup\n\nEdited setup.\n');
    const here = io(secrets, join(dir, 'docs', 'how-to'));
    expect(await main(['push', 'setup.md'], here)).toBe(0);
    const body = (title: string) => emulator.pages('DOCS').find((p) => p.title === title)?.body ?? '';
    expect(body('Setup')).toContain('Edited setup.');
    expect(body('Hello')).not.toContain('Edited hello.');
  });

  it('prints one line per retry while Confluence rate limits or drops the connection', async () => {
    writeRepo(cloudConfig());
    emulator.setFaults({
      failNext: [
        { status: 429, times: 1, retryAfter: '1' },
        { status: 'reset', times: 1 },
      ],
    });
    const run = io(secrets);
    expect(await main(['status'], run)).toBe(0);
    expect(run.err()).toContain('Confluence asks to slow down (429); retrying in 1 s (attempt 2 of 6)');
    expect(run.err()).toMatch(/Confluence did not answer \(\w+\); retrying in [12] s \(attempt 3 of 6\)/);
  });

  it('auth errors name the user at the host', async () => {
    writeRepo(cloudConfig());
    const run = io({ ...secrets, CONFLUENCE_API_TOKEN: 'wrong-token' });
    expect(await main(['status'], run)).toBe(1);
    const host = new URL(emulator.url).host;
    expect(run.err()).toContain(
      `error CS-001 Confluence rejected the credentials for ci@example.com at ${host} (401).`,
    );
    const noUser = io({ CONFLUENCE_API_TOKEN: 'emulator-token' });
    expect(await main(['status'], noUser)).toBe(1);
    expect(noUser.err()).toContain('the API token without a user name');
    expect(noUser.err()).toContain('Confluence Cloud needs CONFLUENCE_USERNAME');
  });
});
