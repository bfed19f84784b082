import { describe, expect, it } from 'vitest';
import { countChanges, toJson, toMarkdown, toText } from '../../../src/report/index.js';
import type { Change, ChangeSet } from '../../../src/sync/types.js';

function change(partial: Partial<Change> & Pick<Change, 'kind'>): Change {
  return {
    title: 'Page',
    local: 'unchanged',
    remote: 'unchanged',
    reason: 'Because.',
    outcome: 'applied',
    ...partial,
  };
}

function changeSet(changes: Change[], extra: Partial<ChangeSet> = {}): ChangeSet {
  return {
    mode: 'sync',
    dryRun: false,
    spaceKey: 'DOCS',
    confluenceUrl: 'https://example.atlassian.net/wiki',
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1234,
    changes,
    unchanged: 7,
    ...extra,
  };
}

const conflict = change({
  kind: 'conflict',
  title: 'Setup',
  pageId: '42',
  url: 'https://example.atlassian.net/wiki/spaces/DOCS/pages/42',
  localPath: 'guide/setup.md',
  local: 'changed',
  remote: 'changed',
  outcome: 'conflict',
  reason: 'Edited locally and edited in Confluence (v3 → v5).',
  conflict: { strategy: 'manual', detail: 'Nothing was written for this page.' },
});

const sample = changeSet([
  change({
    kind: 'create-remote',
    title: 'New | page',
    localPath: 'new.md',
    pageId: '50',
    local: 'new',
    remote: 'absent',
  }),
  change({ kind: 'update-local', title: 'API', localPath: 'api.md', pageId: '51', remote: 'changed' }),
  change({
    kind: 'move-remote',
    title: 'Moved',
    previousPath: 'a.md',
    localPath: 'b/a.md',
    pageId: '52',
    local: 'changed',
  }),
  change({
    kind: 'keep-remote',
    title: 'Gone',
    localPath: 'gone.md',
    pageId: '53',
    local: 'deleted',
    outcome: 'skipped',
  }),
  change({
    kind: 'update-remote',
    title: 'Broken',
    localPath: 'broken.md',
    pageId: '54',
    local: 'changed',
    outcome: 'failed',
    error: { code: 'CS-006', message: 'Confluence refused the page body.' },
  }),
  conflict,
]);

describe('countChanges', () => {
  it('counts by outcome first, then by kind; skipped changes are not counted', () => {
    expect(countChanges(sample)).toEqual({
      created: 1,
      updated: 1,
      deleted: 0,
      moved: 1,
      conflicts: 1,
      failed: 1,
      unchanged: 7,
    });
  });
});

describe('toText', () => {
  it('prints a table, explains conflicts, lists failures and ends with totals', () => {
    const text = toText(sample);
    expect(text.split('\n')).toEqual([
      'confluence-sync sync · space DOCS · https://example.atlassian.net/wiki',
      '',
      'KIND           TITLE       PATH            PAGE  OUTCOME          URL',
      'create-remote  New | page  new.md          50    applied',
      'update-local   API         api.md          51    applied',
      'move-remote    Moved       a.md → b/a.md   52    applied',
      'keep-remote    Gone        gone.md         53    skipped',
      'update-remote  Broken      broken.md       54    failed (CS-006)',
      'conflict       Setup       guide/setup.md  42    conflict         https://example.atlassian.net/wiki/spaces/DOCS/pages/42',
      '',
      'Conflicts (1): nothing was overwritten for these pages.',
      '  ! Setup (guide/setup.md, page 42)',
      '    What changed: Edited locally and edited in Confluence (v3 → v5).',
      '    Strategy manual: Nothing was written for this page.',
      '    What to do: Keep one side with --strategy local-first (the file wins) or --strategy remote-first (Confluence wins), or try --strategy merge (edits that do not overlap merge automatically).',
      '    https://example.atlassian.net/wiki/spaces/DOCS/pages/42',
      '',
      'Failed (1):',
      '  broken.md: CS-006 Confluence refused the page body.',
      '',
      'Totals: 1 created, 1 updated, 0 deleted, 1 moved, 1 conflict, 1 failed, 7 unchanged; 1 skipped (other direction) in 1.2 s',
      '',
    ]);
  });

  it('says when there is nothing to do, and marks a dry run', () => {
    const text = toText(changeSet([], { dryRun: true, mode: 'push', durationMs: 0 }));
    expect(text).toBe(
      'confluence-sync push (dry run) · space DOCS · https://example.atlassian.net/wiki\n' +
        'Nothing to do: the folder and Confluence are in step.\n\n' +
        'Totals: 0 created, 0 updated, 0 deleted, 0 moved, 0 conflicts, 0 failed, 7 unchanged\n',
    );
  });

  it('colours outcomes only when asked', () => {
    expect(toText(sample)).not.toContain('\u001b[');
    expect(toText(sample, { color: true })).toContain('\u001b[33mconflict\u001b[0m');
  });

  it('explains a conflict against a deleted page with what to do', () => {
    const text = toText(changeSet([{ ...conflict, remote: 'deleted' }]));
    expect(text).toContain(
      'What to do: The page was deleted in Confluence. To keep the file, push with --strategy local-first',
    );
  });
});

describe('toMarkdown', () => {
  it('shows counts, conflicts with how to resolve, and changes with links to pages and files', () => {
    const md = toMarkdown(sample, { fileUrl: (p) => `https://github.com/o/r/blob/main/docs/${p}` });
    expect(md).toContain('| 1 | 1 | 0 | 1 | 1 | 1 | 7 |');
    expect(md).toContain('#### ⚠️ Conflicts (1)');
    expect(md).toContain(
      '| [`guide/setup.md`](https://github.com/o/r/blob/main/docs/guide/setup.md) | [42](https://example.atlassian.net/wiki/spaces/DOCS/pages/42) | Edited locally and edited in Confluence (v3 → v5). | Keep one side with conflict-strategy: local-first (the file wins)',
    );
    expect(md).toContain(
      '| create-remote | New \\| page | [`new.md`](https://github.com/o/r/blob/main/docs/new.md) | 50 | applied |',
    );
    expect(md).toContain('#### ❌ Failed (1)');
    expect(md.indexOf('Conflicts')).toBeLessThan(md.indexOf('#### Changes'));
  });

  it('stays under maxBytes, keeping conflicts and saying how many rows were left out', () => {
    const many = changeSet([
      conflict,
      ...Array.from({ length: 500 }, (_, i) =>
        change({
          kind: 'update-remote',
          title: `Page ${i}`,
          localPath: `p/${i}.md`,
          pageId: String(1000 + i),
        }),
      ),
    ]);
    const full = toMarkdown(many);
    const md = toMarkdown(many, { maxBytes: 4000 });
    expect(Buffer.byteLength(full)).toBeGreaterThan(4000);
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(4000);
    expect(md).toContain('guide/setup.md');
    const shown = md.split('\n').filter((l) => l.startsWith('| update-remote')).length;
    expect(shown).toBeGreaterThan(10);
    expect(md).toContain(`… and ${500 - shown} more (not shown: the report is too long).`);
  });

  it('cuts even the headings when maxBytes is tiny', () => {
    expect(Buffer.byteLength(toMarkdown(sample, { maxBytes: 100 }))).toBeLessThanOrEqual(100);
  });
});

describe('toJson', () => {
  it('has schemaVersion 1, counts and every change with nulls for absent fields', () => {
    const json = JSON.parse(toJson(sample));
    expect(json.schemaVersion).toBe(1);
    expect(json.counts).toEqual(countChanges(sample));
    expect(json.changes).toHaveLength(6);
    expect(json.changes[0]).toEqual({
      kind: 'create-remote',
      outcome: 'applied',
      title: 'New | page',
      previousTitle: null,
      pageId: '50',
      url: null,
      localPath: 'new.md',
      previousPath: null,
      local: 'new',
      remote: 'absent',
      fromVersion: null,
      toVersion: null,
      reason: 'Because.',
      conflict: null,
      error: null,
    });
    expect(json.changes[5].conflict).toEqual({
      strategy: 'manual',
      detail: 'Nothing was written for this page.',
    });
    expect(json.warnings).toEqual([]);
  });
});
