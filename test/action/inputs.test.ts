import { describe, expect, it } from 'vitest';
import { SyncError } from '../../src/errors.js';
import { readInputs } from '../../src/action/inputs.js';
import { assertStorageFits, resolveMode } from '../../src/action/mode.js';

const from = (values: Record<string, string>) => (name: string) => values[name] ?? '';

function errorOf(fn: () => unknown): SyncError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SyncError) return e;
    throw e;
  }
  throw new Error('expected a SyncError');
}

describe('readInputs', () => {
  it('applies the documented defaults when inputs are unset', () => {
    const inputs = readInputs(from({}));
    expect(inputs).toMatchObject({
      mode: 'auto',
      dryRun: false,
      manifestStorage: 'commit',
      comment: true,
      failOnConflict: true,
      pullRequestBranch: 'confluence-sync/pull',
      pullRequestLabels: ['confluence-sync'],
      config: '.confluence-sync.yml',
    });
    expect(inputs.url).toBeUndefined();
    expect(inputs.concurrency).toBeUndefined();
  });

  it('parses booleans, lists and numbers the way workflow YAML writes them', () => {
    const inputs = readInputs(
      from({
        mode: 'pull',
        'dry-run': 'TRUE',
        comment: 'false',
        'fail-on-conflict': 'no',
        'pull-request-labels': 'docs, confluence\nautomated',
        concurrency: '8',
        url: 'https://example.atlassian.net/wiki',
        space: 'DOCS',
        'parent-page-id': '123456',
        'conflict-strategy': 'remote-first',
        'manifest-storage': 'cache',
      }),
    );
    expect(inputs).toMatchObject({
      mode: 'pull',
      dryRun: true,
      comment: false,
      failOnConflict: false,
      pullRequestLabels: ['docs', 'confluence', 'automated'],
      concurrency: 8,
      url: 'https://example.atlassian.net/wiki',
      space: 'DOCS',
      parentPageId: '123456',
      conflictStrategy: 'remote-first',
      manifestStorage: 'cache',
    });
  });

  it.each([
    ['mode', 'publish', /Input `mode` "publish" is invalid: expected one of auto, push, pull, sync, check/],
    ['dry-run', 'maybe', /Input `dry-run` "maybe" is invalid: expected true or false/],
    ['manifest-storage', 'artifact', /expected commit or cache/],
    ['conflict-strategy', 'newest', /expected one of manual, local-first, remote-first, merge/],
    ['concurrency', '0', /expected a whole number from 1 to 50/],
    ['concurrency', 'ten', /expected a whole number from 1 to 50/],
    ['url', 'ftp://example.com', /expected an http\(s\) URL/],
    ['parent-page-id', 'Home', /expected a numeric page id/],
    ['pull-request-branch', 'bad..branch', /expected a git branch name/],
  ])('rejects %s=%s with CS-051 naming the input', (name, value, message) => {
    const err = errorOf(() => readInputs(from({ [name]: value })));
    expect(err.code).toBe('CS-051');
    expect(err.toLine()).toMatch(message);
    expect(err.toLine()).toContain(`Fix \`${name}\``);
  });
});

describe('resolveMode', () => {
  it.each([
    ['push', 'push'],
    ['schedule', 'pull'],
    ['workflow_dispatch', 'pull'],
    ['pull_request', 'check'],
    ['pull_request_target', 'check'],
  ])('auto on %s runs %s', (event, mode) => {
    expect(resolveMode('auto', event)).toBe(mode);
  });

  it('an explicit mode wins over the event', () => {
    expect(resolveMode('sync', 'pull_request')).toBe('sync');
  });

  it('auto on an event without a default asks for a mode', () => {
    const err = errorOf(() => resolveMode('auto', 'release'));
    expect(err.code).toBe('CS-051');
    expect(err.toLine()).toContain('"release"');
  });
});

describe('assertStorageFits', () => {
  it.each(['push', 'check'] as const)('a cached manifest is fine for %s', (mode) => {
    expect(() => assertStorageFits(mode, 'cache')).not.toThrow();
  });

  it.each(['pull', 'sync'] as const)('%s needs the manifest committed with the pulled files', (mode) => {
    const err = errorOf(() => assertStorageFits(mode, 'cache'));
    expect(err.toLine()).toBe(
      `CS-051 Input \`manifest-storage\` is cache, which cannot be used with mode ${mode}. — Use manifest-storage: commit for ${mode}: the manifest must travel with the pulled files.`,
    );
  });
});
