/**
 * `confluence-sync doctor` and `init` in process against the emulator: each doctor check passing, and
 * failing on purpose with its message and what to do; init writing a valid file and refusing to
 * overwrite it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main, type CliDeps, type CliIo } from '../../../src/cli/main.js';
import { loadConfig } from '../../../src/config/index.js';
import { startEmulator, type Emulator } from '../../emulator/index.js';

let dir: string;
let emulator: Emulator;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cs-doctor-'));
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, 'docs', 'hello.md'), '# Hello\n\nWorld.\n');
  emulator = await startEmulator({ flavor: 'cloud' });
});
afterEach(async () => {
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
});

const secrets = { CONFLUENCE_USERNAME: 'ci@example.com', CONFLUENCE_API_TOKEN: 'emulator-token' };
const fast: CliDeps = { probe: { retries: 0, sleep: async () => undefined } };

function io(env: Record<string, string> = secrets): CliIo & { out: () => string; err: () => string } {
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

function config(extra = '', url = emulator.url): void {
  writeFileSync(
    join(dir, '.confluence-sync.yml'),
    `confluenceUrl: ${url}\nspaceKey: DOCS\nlocalRoot: docs\n${extra}`,
  );
}

async function doctor(
  env?: Record<string, string>,
): Promise<{ code: number; out: string; line: (id: string) => string }> {
  const run = io(env);
  const code = await main(['doctor'], run, fast);
  const out = run.out();
  const line = (id: string) => {
    const lines = out.split('\n');
    const i = lines.findIndex((l) => l.slice(6).startsWith(id.padEnd(12)));
    if (i < 0) throw new Error(`no line for ${id} in:\n${out}`);
    const next = lines[i + 1] ?? '';
    return next.trim().startsWith('→') ? `${lines[i]}\n${next}` : (lines[i] ?? '');
  };
  return { code, out, line };
}

describe('doctor', () => {
  it('passes every check on a working setup (exit 0), one line each', async () => {
    config('flavor: cloud\n');
    const d = await doctor();
    expect(d.code, d.out).toBe(0);
    expect(d.line('config')).toMatch(
      /^ok {4}config {6}\.confluence-sync\.yml, profile "default": space DOCS, docs folder docs$/,
    );
    expect(d.line('site')).toBe(`ok    site        Confluence Cloud at ${emulator.url} answers REST v2`);
    expect(d.line('credentials')).toBe('ok    credentials accepted for ci@example.com');
    expect(d.line('space')).toContain('space DOCS ("Documentation") readable and writable');
    expect(d.line('parent')).toMatch(/no parentPageId: the docs go under the home page \d+ \(".*"\) found/);
    expect(d.line('manifest')).toContain('.confluence-sync.json: none yet');
    expect(d.line('rate-limit')).toMatch(/^warn {2}rate-limit {2}no rate-limit headers seen/);
    expect(d.out).toContain('All checks passed');
  });

  it('config: none found says where it looked', async () => {
    const d = await doctor();
    expect(d.code).toBe(1);
    expect(d.line('config')).toContain(
      `FAIL  config      CS-020 No Confluence URL is configured (profile "default"): no .confluence-sync.yml was found in ${dir}`,
    );
    expect(d.line('config')).toContain('→ Run "confluence-sync init"');
    expect(d.line('site')).toContain('skip');
  });

  it('site: unreachable', async () => {
    config('', 'http://127.0.0.1:9/wiki');
    const d = await doctor();
    expect(d.code).toBe(1);
    expect(d.line('site')).toMatch(
      /FAIL {2}site {8}CS-002 Confluence at 127\.0\.0\.1:9 could not be reached/,
    );
    expect(d.line('site')).toContain('→ Check confluenceUrl');
  });

  it('site: the flavour guessed from a loopback URL is wrong for the Cloud emulator', async () => {
    config();
    const d = await doctor();
    expect(d.code).toBe(1);
    expect(d.line('site')).toContain(
      `${emulator.url} answers REST v2 (Confluence Cloud), but the guessed flavour is datacenter`,
    );
    expect(d.line('site')).toContain(
      '→ Set flavor: cloud in .confluence-sync.yml (or CONFLUENCE_FLAVOR=cloud).',
    );
  });

  it('credentials: rejected', async () => {
    config('flavor: cloud\n');
    const d = await doctor({ ...secrets, CONFLUENCE_API_TOKEN: 'wrong' });
    expect(d.code).toBe(1);
    expect(d.line('credentials')).toContain(
      'FAIL  credentials CS-001 Confluence rejected the credentials for ci@example.com at',
    );
    expect(d.line('credentials')).toContain('→ Check CONFLUENCE_USERNAME/CONFLUENCE_API_TOKEN');
  });

  it('space: missing, and read-only', async () => {
    writeFileSync(
      join(dir, '.confluence-sync.yml'),
      `confluenceUrl: ${emulator.url}\nflavor: cloud\nspaceKey: NOPE\n`,
    );
    const missing = await doctor();
    expect(missing.code).toBe(1);
    expect(missing.line('space')).toContain('FAIL  space       CS-003 Space NOPE not found');
    writeFileSync(
      join(dir, '.confluence-sync.yml'),
      `confluenceUrl: ${emulator.url}\nflavor: cloud\nspaceKey: READ\n`,
    );
    const readOnly = await doctor();
    expect(readOnly.code).toBe(1);
    expect(readOnly.line('space')).toContain(
      'space READ ("Read Only") is readable but ci@example.com may not edit page',
    );
    expect(readOnly.line('space')).toContain('→ Give this user "Add page" and "Edit"');
  });

  it('parent: not found, and in another space', async () => {
    config("flavor: cloud\nparentPageId: '999999'\n");
    const missing = await doctor();
    expect(missing.code).toBe(1);
    expect(missing.line('parent')).toMatch(/FAIL {2}parent {6}CS-003 .*999999/);
    const other = emulator.spaces().find((s) => s.key === 'READ')?.homepageId ?? '';
    config(`flavor: cloud\nparentPageId: '${other}'\n`);
    const elsewhere = await doctor();
    expect(elsewhere.line('parent')).toContain(`page ${other} ("`);
    expect(elsewhere.line('parent')).toContain('is in another space, not DOCS');
  });

  it('manifest: unreadable, and for another tree', async () => {
    config('flavor: cloud\n');
    writeFileSync(join(dir, '.confluence-sync.json'), '{ not json');
    const broken = await doctor();
    expect(broken.code).toBe(1);
    expect(broken.line('manifest')).toContain(
      'FAIL  manifest    CS-030 The manifest .confluence-sync.json is not valid JSON',
    );
    rmSync(join(dir, '.confluence-sync.json'));
    expect(await main(['push'], io(), fast)).toBe(0);
    const home = emulator.spaces().find((s) => s.key === 'DOCS')?.homepageId ?? '';
    const other = emulator.createPage({
      spaceKey: 'DOCS',
      parentId: home,
      title: 'Elsewhere',
      body: '<p>x</p>',
    });
    config(`flavor: cloud\nparentPageId: '${other.id}'\n`);
    const wrongTree = await doctor();
    expect(wrongTree.code).toBe(1);
    expect(wrongTree.line('manifest')).toContain(
      `syncs the tree under page ${home}, but the config says page ${other.id}`,
    );
  });

  it('rate-limit: headers seen when Confluence sends them', async () => {
    config('flavor: cloud\n');
    emulator.setFaults({ failNext: [{ status: 429, times: 1, retryAfter: '0' }] });
    const run = io();
    const code = await main(['doctor'], run, { probe: { retries: 1, sleep: async () => undefined } });
    expect(code).toBe(0);
    expect(run.out()).toMatch(/ok {4}rate-limit {2}headers seen: .*x-ratelimit-limit=100/);
    expect(run.err()).toContain('Confluence asks to slow down (429); retrying in <1 s (attempt 2 of 2)');
  });
});

describe('init', () => {
  it('writes a commented, valid file from flags, detects the flavour, checks and says what a first run would do', async () => {
    const run = io();
    const code = await main(
      ['init', '--url', emulator.url, '--space', 'DOCS', '--local-root', 'docs'],
      run,
      fast,
    );
    expect(run.err()).toContain(
      `Wrote .confluence-sync.yml: Confluence Cloud (detected: the site answers REST v2) at ${emulator.url}, space DOCS, folder docs.`,
    );
    expect(code, run.out()).toBe(0);
    const text = readFileSync(join(dir, '.confluence-sync.yml'), 'utf8');
    expect(text).toContain('# Secrets never go here');
    expect(text).toContain('flavor: cloud');
    const loaded = loadConfig({ cwd: dir, discover: true, env: secrets });
    expect(loaded).toMatchObject({
      confluenceUrl: emulator.url,
      flavor: 'cloud',
      spaceKey: 'DOCS',
      localRoot: 'docs',
    });
    expect(run.out()).toContain('ok    credentials accepted for ci@example.com');
    expect(run.out()).toContain(
      'From here, a first push would create 1 page, update 0; a first pull would write 0 new files, update 0.',
    );
    expect(emulator.pages('DOCS').map((p) => p.title)).not.toContain('Hello');
  });

  it('refuses to overwrite an existing file without --force', async () => {
    writeFileSync(join(dir, '.confluence-sync.yml'), 'spaceKey: MINE\n');
    const run = io();
    expect(await main(['init', '--url', emulator.url, '--space', 'DOCS'], run, fast)).toBe(1);
    expect(run.err()).toBe(
      'error CS-060 .confluence-sync.yml already exists; init leaves it as it is. — Run "confluence-sync doctor" to check it, or "confluence-sync init --force" to replace it.\n',
    );
    expect(readFileSync(join(dir, '.confluence-sync.yml'), 'utf8')).toBe('spaceKey: MINE\n');
    expect(await main(['init', '--url', emulator.url, '--space', 'DOCS', '--force'], io(), fast)).toBe(0);
    expect(readFileSync(join(dir, '.confluence-sync.yml'), 'utf8')).toContain('spaceKey: DOCS');
  });

  it('without a terminal, names the flags it needs; without a token, writes the file and says to check later', async () => {
    const missing = io({});
    expect(await main(['init', '--url', emulator.url], missing, fast)).toBe(1);
    expect(missing.err()).toMatch(/^error CS-061 init needs --space \(there is no terminal to ask on\)\./);
    const noToken = io({});
    expect(
      await main(['init', '--url', emulator.url, '--space', 'DOCS', '--parent', '123'], noToken, fast),
    ).toBe(0);
    expect(noToken.err()).toContain('guessed from the URL');
    expect(noToken.err()).toContain('Credentials not checked: set CONFLUENCE_API_TOKEN');
    expect(readFileSync(join(dir, '.confluence-sync.yml'), 'utf8')).toContain("parentPageId: '123'");
  });
});
