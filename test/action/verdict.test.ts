import { describe, expect, it } from 'vitest';
import { verdict } from '../../src/action/verdict.js';
import { skipCi } from '../../src/action/persist.js';
import type { Change, SyncResult } from '../../src/sync/types.js';

function result(exitCode: 0 | 1 | 2, changes: Partial<Change>[]): SyncResult {
  return {
    exitCode,
    filesChanged: [],
    manifestPath: '.confluence-sync.json',
    changeSet: {
      mode: 'push',
      dryRun: false,
      spaceKey: 'DOCS',
      confluenceUrl: 'https://example.atlassian.net/wiki',
      startedAt: '2026-11-25T12:00:00.000Z',
      durationMs: 1,
      unchanged: 0,
      changes: changes.map((c) => ({
        kind: 'update-remote',
        title: 'Guide',
        local: 'changed',
        remote: 'unchanged',
        reason: 'r',
        outcome: 'applied',
        ...c,
      })),
    },
  };
}

describe('verdict', () => {
  it('passes a clean run', () => {
    expect(verdict(result(0, [{}]), 'push', true)).toBeUndefined();
  });

  it('fails on failed changes whatever fail-on-conflict says, naming the first error', () => {
    const r = result(1, [
      { outcome: 'failed', error: { code: 'CS-004', message: 'no permission to edit "Guide"' } },
      { outcome: 'failed', error: { code: 'CS-006', message: 'body refused' } },
    ]);
    expect(verdict(r, 'push', false)).toBe(
      'CS-004 2 change(s) failed; first: no permission to edit "Guide" — see the job summary; rerun to retry them.',
    );
  });

  it('check: counts the pages edited in Confluence that merging would overwrite', () => {
    const r = result(2, [
      { kind: 'conflict', outcome: 'conflict', pageId: '1', remote: 'changed' },
      { kind: 'update-remote', outcome: 'planned', pageId: '2', remote: 'unchanged' },
    ]);
    expect(verdict(r, 'check', true)).toMatch(
      /^CS-043 1 page\(s\) were edited in Confluence since the repository last saw them; merging would overwrite those edits\. — Let the scheduled pull/,
    );
    expect(verdict(r, 'check', false)).toBeUndefined();
  });

  it('push/pull: names the conflicts and the input that resolves them', () => {
    const r = result(2, [{ kind: 'conflict', outcome: 'conflict', pageId: '1', remote: 'changed' }]);
    expect(verdict(r, 'pull', true)).toBe(
      'CS-043 1 page(s) are in conflict and were left untouched. — Resolve them as the job summary says, or set `conflict-strategy` to local-first, remote-first or merge.',
    );
  });
});

describe('skipCi', () => {
  it('appends [skip ci] once', () => {
    expect(skipCi('docs: sync')).toBe('docs: sync [skip ci]');
    expect(skipCi('docs: sync [ci skip]')).toBe('docs: sync [ci skip]');
  });
});
