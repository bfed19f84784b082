/**
 * script/release in a scratch repository with a bare remote: tags vX.Y.Z, moves the major tag the
 * examples use (`@v1`), bumps package.json and dates the changelog; refuses an older version.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRepoFixture, git, type RepoFixture } from './git-fixture.js';
import { ROOT } from './run-action.js';

let fx: RepoFixture;
afterEach(() => fx?.cleanup());

function release(cwd: string, version: string) {
  return spawnSync(join(cwd, 'script', 'release'), [version], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      RELEASE_SKIP_BUNDLE: '1',
      GIT_AUTHOR_NAME: 'Maintainer',
      GIT_AUTHOR_EMAIL: 'm@example.com',
      GIT_COMMITTER_NAME: 'Maintainer',
      GIT_COMMITTER_EMAIL: 'm@example.com',
    },
  });
}

describe('script/release', () => {
  it(
    'tags v1.0.0 and v1, then moves v1 to v1.1.0; refuses a version that is not newer',
    { timeout: 120_000 },
    () => {
      fx = createRepoFixture({
        'package.json': '{\n  "name": "x",\n  "version": "0.1.0",\n  "private": true\n}\n',
        'CHANGELOG.md': '# Changelog\n\n## Unreleased\n\n- First.\n',
      });
      const ws = fx.clone('maintainer');
      mkdirSync(join(ws, 'script'));
      copyFileSync(join(ROOT, 'script', 'release'), join(ws, 'script', 'release'));
      execFileSync('chmod', ['+x', join(ws, 'script', 'release')]);
      fx.commitFiles(ws, {}, 'add the release script');

      const first = release(ws, '1.0.0');
      expect(first.status, first.stderr).toBe(0);
      expect(git(fx.bare, 'rev-parse', 'v1.0.0^{commit}')).toBe(git(fx.bare, 'rev-parse', 'v1^{commit}'));
      expect(git(fx.bare, 'rev-parse', 'v1.0.0^{commit}')).toBe(git(fx.bare, 'rev-parse', 'main'));
      expect(JSON.parse(readFileSync(join(ws, 'package.json'), 'utf8')).version).toBe('1.0.0');
      expect(readFileSync(join(ws, 'CHANGELOG.md'), 'utf8')).toMatch(
        /## Unreleased\n\n## 1\.0\.0 — \d{4}-\d\d-\d\d\n\n- First\./,
      );

      writeFileSync(
        join(ws, 'CHANGELOG.md'),
        readFileSync(join(ws, 'CHANGELOG.md'), 'utf8').replace(
          '## Unreleased\n',
          '## Unreleased\n\n- Second.\n',
        ),
      );
      fx.commitFiles(ws, {}, 'second change');
      const second = release(ws, 'v1.1.0');
      expect(second.status, second.stderr).toBe(0);
      expect(git(fx.bare, 'rev-parse', 'v1^{commit}')).toBe(git(fx.bare, 'rev-parse', 'v1.1.0^{commit}'));
      expect(git(fx.bare, 'rev-parse', 'v1.0.0^{commit}')).not.toBe(git(fx.bare, 'rev-parse', 'v1^{commit}'));

      const older = release(ws, '1.0.5');
      expect(older.status).toBe(1);
      expect(older.stderr).toContain('v1.0.5 is not newer than v1.1.0.');
    },
  );
});
