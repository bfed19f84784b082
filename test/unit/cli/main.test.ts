import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../../src/cli/main.js';
import { startEmulator, type Emulator } from '../../emulator/index.js';

let dir: string;
let emulator: Emulator;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cs-cli-'));
  emulator = await startEmulator({ flavor: 'cloud' });
});
afterEach(async () => {
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
});

function io(env: Record<string, string> = {}): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t), isTTY: false },
    env,
    cwd: dir,
    out: () => out,
    err: () => err,
  };
}

const secrets = { CONFLUENCE_USERNAME: 'ci@example.com', CONFLUENCE_API_TOKEN: 'emulator-token' };

describe('main', () => {
  it('prints help (exit 0), the version (exit 0), and usage on a missing command (exit 1)', async () => {
    const help = io();
    expect(await main(['--help'], help)).toBe(0);
    expect(help.out()).toContain('Usage: confluence-sync <command>');
    expect(help.out()).toMatch(/Exit codes: 0 done, 1 error, 2 conflicts/);
    const version = io();
    expect(await main(['--version'], version)).toBe(0);
    expect(version.out()).toMatch(/^\d+\.\d+\.\d+\n$/);
    const none = io();
    expect(await main([], none)).toBe(1);
    expect(none.err()).toContain('Usage:');
  });

  it('turns a configuration problem into one error line and exit 1', async () => {
    writeFileSync(join(dir, '.confluence-sync.yml'), 'profiles:\n  default:\n    spaceKey: [unclosed\n');
    const run = io(secrets);
    expect(await main(['status'], run)).toBe(1);
    expect(run.err()).toMatch(/^error CS-021 .*\.confluence-sync\.yml/);
    expect(run.err().trim().split('\n')).toHaveLength(1);
    expect(run.out()).toBe('');
  });

  it('runs a command with flags from the environment and prints JSON', async () => {
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'docs', 'hello.md'), '# Hello\n\nWorld.\n');
    const env = { ...secrets, CONFLUENCE_URL: emulator.url, CONFLUENCE_SPACE_KEY: 'DOCS' };
    const push = io({ ...env });
    expect(await main(['push', '--json'], { ...push, env: { ...env } })).toBe(0);
    const report = JSON.parse(push.out()) as {
      mode: string;
      changes: { kind: string; title: string; outcome: string }[];
    };
    expect(report.mode).toBe('push');
    expect(report.changes).toMatchObject([{ kind: 'create-remote', title: 'Hello', outcome: 'applied' }]);
    expect(push.err()).toContain('apply 1/1 Hello');
    expect(emulator.pages('DOCS').map((p) => p.title)).toContain('Hello');

    const status = io(env);
    expect(await main(['status'], status)).toBe(0);
    expect(status.out()).toContain('Nothing to do');
  });
});
