import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isForkPullRequest, readGitHubEnv } from '../../src/action/github-env.js';

const dir = mkdtempSync(join(tmpdir(), 'cs-env-'));
function envWith(event: unknown, extra: Record<string, string> = {}) {
  const path = join(dir, `event-${Math.random()}.json`);
  writeFileSync(path, typeof event === 'string' ? event : JSON.stringify(event));
  return {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: path,
    GITHUB_REPOSITORY: 'acme/docs',
    ...extra,
  };
}
const pr = (headRepo: string | null) => ({
  pull_request: {
    number: 3,
    head: { ref: 'x', repo: headRepo === null ? null : { full_name: headRepo } },
    base: { ref: 'main' },
  },
  repository: { full_name: 'acme/docs' },
});

describe('readGitHubEnv', () => {
  it('reads the repository, the event and the runner paths', () => {
    const gh = readGitHubEnv(
      envWith(pr('acme/docs'), { GITHUB_API_URL: 'https://ghe.corp/api/v3/', RUNNER_TEMP: '/rt' }),
    );
    expect(gh).toMatchObject({
      eventName: 'pull_request',
      repository: { owner: 'acme', repo: 'docs' },
      apiUrl: 'https://ghe.corp/api/v3',
      runnerTemp: '/rt',
    });
    expect(gh.event.pull_request?.number).toBe(3);
  });

  it('says which runner variable is missing', () => {
    expect(() => readGitHubEnv({ GITHUB_EVENT_NAME: 'push' })).toThrow(
      /GITHUB_REPOSITORY is missing or malformed/,
    );
  });

  it('refuses an event payload that is not JSON, naming the file', () => {
    const env = envWith('{not json');
    expect(() => readGitHubEnv(env)).toThrow(
      `The event payload ${env.GITHUB_EVENT_PATH} cannot be read as JSON.`,
    );
  });
});

describe('isForkPullRequest', () => {
  it.each([
    ['acme/docs', false],
    ['ACME/Docs', false],
    ['stranger/docs', true],
  ])('head repository %s → fork: %s', (head, fork) => {
    expect(isForkPullRequest(readGitHubEnv(envWith(pr(head))))).toBe(fork);
  });

  it('a pull request whose fork was deleted (head.repo null) counts as a fork', () => {
    expect(isForkPullRequest(readGitHubEnv(envWith(pr(null))))).toBe(true);
  });

  it('a push is no fork', () => {
    expect(isForkPullRequest(readGitHubEnv(envWith({}, { GITHUB_EVENT_NAME: 'push' })))).toBe(false);
  });
});
