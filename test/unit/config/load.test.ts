import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { SyncError } from '../../../src/errors.js';

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'cs-config-'));
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

const secrets = { CONFLUENCE_API_TOKEN: 'tok-SECRET-123', CONFLUENCE_USERNAME: 'me@example.com' };

function writeConfig(text: string, name = '.confluence-sync.yml'): void {
  writeFileSync(join(cwd, name), text);
}

function error(fn: () => unknown): SyncError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SyncError);
    return e as SyncError;
  }
  throw new Error('expected a SyncError');
}

describe('loadConfig', () => {
  it('reads the active profile and fills defaults', () => {
    writeConfig(`activeProfile: prod
profiles:
  prod:
    confluenceUrl: https://example.atlassian.net/wiki/
    spaceKey: DOCS
    parentPageId: 123456
`);
    const config = loadConfig({ cwd, env: secrets });
    expect(config).toEqual({
      cwd,
      profileName: 'prod',
      confluenceUrl: 'https://example.atlassian.net/wiki',
      credentials: { username: 'me@example.com', token: 'tok-SECRET-123' },
      spaceKey: 'DOCS',
      parentPageId: '123456',
      localRoot: 'docs',
      includePatterns: ['**/*.md'],
      excludePatterns: ['**/node_modules/**', '**/.git/**'],
      concurrentOperations: 5,
      conflictStrategy: 'manual',
      onLocalDelete: 'keep',
      manifestPath: '.confluence-sync.json',
      configFile: join(cwd, '.confluence-sync.yml'),
    });
  });

  it('applies flags over env over the file (profile over top-level keys)', () => {
    writeConfig(`spaceKey: TOP
localRoot: site
conflictStrategy: merge
profiles:
  default:
    confluenceUrl: https://file.example.com
    spaceKey: FILE
    concurrentOperations: 3
`);
    const config = loadConfig({
      cwd,
      env: { ...secrets, CONFLUENCE_URL: 'https://env.example.com', CONFLUENCE_SPACE_KEY: 'ENV' },
      flags: { spaceKey: 'FLAG', concurrentOperations: '8', localRoot: '' },
    });
    expect(config.confluenceUrl).toBe('https://env.example.com');
    expect(config.spaceKey).toBe('FLAG');
    expect(config.concurrentOperations).toBe(8);
    expect(config.localRoot).toBe('site');
    expect(config.conflictStrategy).toBe('merge');
  });

  it('selects the profile from CONFLUENCE_PROFILE and the option over activeProfile', () => {
    writeConfig(`activeProfile: a
profiles:
  a: { confluenceUrl: 'https://a.example.com', spaceKey: A }
  b: { confluenceUrl: 'https://b.example.com', spaceKey: B }
`);
    expect(loadConfig({ cwd, env: { ...secrets, CONFLUENCE_PROFILE: 'b' } }).spaceKey).toBe('B');
    expect(loadConfig({ cwd, env: { ...secrets, CONFLUENCE_PROFILE: 'b' }, profile: 'a' }).spaceKey).toBe(
      'A',
    );
  });

  it('needs no file when env gives everything (Data Center token alone)', () => {
    const config = loadConfig({
      cwd,
      env: {
        CONFLUENCE_URL: 'http://127.0.0.1:8090',
        CONFLUENCE_SPACE_KEY: 'DS',
        CONFLUENCE_API_TOKEN: 'pat',
        CONFLUENCE_PARENT_PAGE_ID: '42',
      },
    });
    expect(config.credentials).toEqual({ token: 'pat' });
    expect(config.parentPageId).toBe('42');
    expect(config.confluenceUrl).toBe('http://127.0.0.1:8090');
  });

  it('names file, line and column of a YAML error', () => {
    writeConfig('profiles:\n  default:\n    spaceKey: [DOCS\n    localRoot: docs\n');
    const e = error(() => loadConfig({ cwd, env: secrets }));
    expect(e.code).toBe('CS-021');
    expect(e.message).toMatch(/^\.confluence-sync\.yml is not valid YAML at line \d+, column \d+/);
  });

  it('reports an unknown key by path with a suggestion', () => {
    writeConfig('profiles:\n  default:\n    confluenceURL: https://x.example.com\n    spaceKey: D\n');
    const e = error(() => loadConfig({ cwd, env: secrets }));
    expect(e.code).toBe('CS-020');
    expect(e.message).toContain('unknown key "profiles.default.confluenceURL" in .confluence-sync.yml');
    expect(e.message).toContain('did you mean "confluenceUrl"?');
  });

  it('reports a wrong type with the path and what is expected', () => {
    writeConfig(
      'confluenceUrl: https://x.example.com\nspaceKey: D\nconcurrentOperations: five\nconflictStrategy: ours\n',
    );
    const e = error(() => loadConfig({ cwd, env: secrets }));
    expect(e.code).toBe('CS-020');
    expect(e.message).toContain(
      'concurrentOperations in .confluence-sync.yml must be a whole number from 1 to 64, got "five"',
    );
    expect(e.message).toContain(
      'conflictStrategy in .confluence-sync.yml must be one of manual, local-first, remote-first, merge',
    );
  });

  it('refuses a token in the file without echoing it', () => {
    writeConfig('confluenceUrl: https://x.example.com\nspaceKey: D\ntoken: hunter2-secret\n');
    const e = error(() => loadConfig({ cwd, env: secrets }));
    expect(e.code).toBe('CS-020');
    expect(e.toLine()).toContain('CONFLUENCE_API_TOKEN');
    expect(e.toLine()).not.toContain('hunter2');
  });

  it('says what to set when url, space or token is missing', () => {
    expect(error(() => loadConfig({ cwd, env: secrets })).toLine()).toMatch(
      /CS-020 No Confluence URL.*CONFLUENCE_URL/,
    );
    expect(
      error(() => loadConfig({ cwd, env: { ...secrets, CONFLUENCE_URL: 'https://x.example.com' } })).toLine(),
    ).toMatch(/CS-020 No space key.*CONFLUENCE_SPACE_KEY/);
    const e = error(() =>
      loadConfig({
        cwd,
        env: {
          CONFLUENCE_URL: 'https://x.example.com',
          CONFLUENCE_SPACE_KEY: 'D',
          CONFLUENCE_API_TOKEN: ' ',
        },
      }),
    );
    expect(e.code).toBe('CS-022');
    expect(e.hint).toContain('CONFLUENCE_API_TOKEN');
  });

  it('never puts the token into an error message', () => {
    const e = error(() =>
      loadConfig({
        cwd,
        env: { ...secrets, CONFLUENCE_SPACE_KEY: 'D' },
        flags: { confluenceUrl: 'not a url' },
      }),
    );
    expect(e.toLine()).not.toContain('tok-SECRET-123');
  });

  it('refuses plain http except on loopback', () => {
    const e = error(() =>
      loadConfig({
        cwd,
        env: { ...secrets, CONFLUENCE_URL: 'http://wiki.example.com', CONFLUENCE_SPACE_KEY: 'D' },
      }),
    );
    expect(e.code).toBe('CS-009');
  });

  it('names a missing profile and suggests the closest one', () => {
    writeConfig('profiles:\n  production: { confluenceUrl: "https://x.example.com", spaceKey: D }\n');
    const e = error(() => loadConfig({ cwd, env: secrets, profile: 'prodution' }));
    expect(e.toLine()).toContain(
      'Profile "prodution" is not defined in .confluence-sync.yml (profiles: production)',
    );
    expect(e.toLine()).toContain('Did you mean "production"?');
  });

  it('fails with CS-023 for an explicit config path that does not exist', () => {
    expect(error(() => loadConfig({ cwd, configPath: 'nope.yml', env: secrets })).code).toBe('CS-023');
  });

  it('reads an explicit config path and refuses a localRoot outside the repository', () => {
    mkdirSync(join(cwd, 'cfg'));
    writeConfig(
      'confluenceUrl: https://x.example.com\nspaceKey: D\nlocalRoot: ../elsewhere\n',
      'cfg/site.yml',
    );
    const e = error(() => loadConfig({ cwd, configPath: 'cfg/site.yml', env: secrets }));
    expect(e.code).toBe('CS-041');
    expect(e.message).toContain('localRoot "../elsewhere" is outside the repository');
  });
});

describe('manifestPath: never into .git, never a file the docs folder syncs', () => {
  it.each([
    ['.git/hooks/post-checkout', /inside \.git/],
    ['docs/state.md', /would sync as a page/],
  ])('%s → CS-020', (manifestPath, message) => {
    writeConfig(
      `confluenceUrl: https://example.atlassian.net/wiki\nspaceKey: DOCS\nmanifestPath: ${manifestPath}\n`,
    );
    const e = error(() => loadConfig({ cwd, env: secrets }));
    expect(e.code).toBe('CS-020');
    expect(e.message).toMatch(message);
  });

  it.each(['.github/confluence-sync.json', 'docs/state.json'])('%s is fine', (manifestPath) => {
    writeConfig(
      `confluenceUrl: https://example.atlassian.net/wiki\nspaceKey: DOCS\nmanifestPath: ${manifestPath}\n`,
    );
    expect(loadConfig({ cwd, env: secrets }).manifestPath).toBe(manifestPath);
  });
});

describe('loadConfig profiles without a profiles section', () => {
  it('refuses a named profile the file does not define', () => {
    writeConfig('confluenceUrl: https://x.example.com\nspaceKey: D\n');
    const e = error(() => loadConfig({ cwd, env: { ...secrets, CONFLUENCE_PROFILE: 'prod' } }));
    expect(e.toLine()).toContain('Profile "prod" is not defined in .confluence-sync.yml (profiles: none)');
  });

  describe('discovery (the CLI)', () => {
    it('finds the file in a parent folder up to the git top level; paths stay relative to the file', () => {
      mkdirSync(join(cwd, '.git'));
      mkdirSync(join(cwd, 'docs', 'how-to'), { recursive: true });
      writeConfig('confluenceUrl: https://example.atlassian.net/wiki\nspaceKey: DOCS\nlocalRoot: docs\n');
      const config = loadConfig({ cwd: join(cwd, 'docs', 'how-to'), env: secrets, discover: true });
      expect(config.cwd).toBe(cwd);
      expect(config.localRoot).toBe('docs');
      expect(config.configFile).toBe(join(cwd, '.confluence-sync.yml'));
    });

    it('names the file it read, as seen from the current folder', () => {
      mkdirSync(join(cwd, '.git'));
      mkdirSync(join(cwd, 'docs'));
      writeConfig('spaceKey: DOCS\n');
      const e = error(() => loadConfig({ cwd: join(cwd, 'docs'), env: secrets, discover: true }));
      expect(e.toLine()).toContain('No Confluence URL is configured in ../.confluence-sync.yml');
      const bad = error(() => {
        writeConfig('spaceKey: DOCS\nlocalroot: docs\n');
        return loadConfig({ cwd: join(cwd, 'docs'), env: secrets, discover: true });
      });
      expect(bad.message).toContain('unknown key "localroot" in ../.confluence-sync.yml');
    });

    it('says that no file was found and where it looked', () => {
      mkdirSync(join(cwd, '.git'));
      mkdirSync(join(cwd, 'a', 'b'), { recursive: true });
      const e = error(() => loadConfig({ cwd: join(cwd, 'a', 'b'), env: secrets, discover: true }));
      expect(e.toLine()).toContain(
        `no .confluence-sync.yml was found in ${join(cwd, 'a', 'b')} and its parents up to ${cwd} (the git top level)`,
      );
      expect(e.hint).toContain('confluence-sync init');
    });

    it('does not look above the git top level', () => {
      mkdirSync(join(cwd, 'repo', '.git'), { recursive: true });
      writeConfig('confluenceUrl: https://example.atlassian.net/wiki\nspaceKey: OUTSIDE\n');
      const e = error(() => loadConfig({ cwd: join(cwd, 'repo'), env: secrets, discover: true }));
      expect(e.message).toContain('no .confluence-sync.yml was found');
    });
  });
});
