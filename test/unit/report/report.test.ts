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

  it('shows control characters in titles, paths, messages and warnings as pictures: no line a title starts', () => {
    const hostile = 'wf\n::error title=Injected::forged\u001b]0;owned\u0007\u202eRTL';
    const text = toText(
      changeSet(
        [
          change({ kind: 'create-local', title: hostile, localPath: `${hostile}.md`, pageId: '7' }),
          { ...conflict, title: hostile, localPath: `${hostile}.md` },
          change({
            kind: 'update-remote',
            title: hostile,
            localPath: 'x.md',
            outcome: 'failed',
            error: { code: 'CS-010', message: `A page titled "${hostile}" exists.` },
          }),
        ],
        { warnings: [`1 inline comment lost its anchor on page "${hostile}"`] },
      ),
      { color: true },
    );
    for (const line of text.split('\n'))
      expect(line.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(/^::|\u001b\]|\u0007|\u202e/);
    expect(text).toContain('wf\u240a::error');
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

describe('a conflict whose record cannot vouch for the page version', () => {
  const unvouched = {
    ...conflict,
    conflict: {
      strategy: 'merge' as const,
      detail:
        'Page 42 cannot be checked against the manifest. Nothing was written. (a merge needs a base this record cannot vouch for).',
    },
  };
  it('says the two ways out, not "merge" or "pull first"', () => {
    const text = toText(changeSet([unvouched], { mode: 'push' }));
    expect(text).toContain(
      "What to do: The manifest cannot vouch for the page's version (edited by hand, or from an older release), so there is no merge base to trust and a pull brings nothing. Look at the page's history in Confluence, then keep the file (push with --strategy local-first) or keep the page (run sync with --strategy remote-first).",
    );
    expect(text).not.toContain('try --strategy merge');
  });
  it('in the job summary: the Action input, and the CLI for the page', () => {
    const md = toMarkdown(changeSet([unvouched], { mode: 'push' }));
    expect(md).toContain('push with conflict-strategy: local-first');
    expect(md).toContain('run confluence-sync sync --strategy remote-first in a clone');
  });
});

describe('toMarkdown', () => {
  const fileUrl = (p: string) => `https://github.com/o/r/blob/main/docs/${p}`;

  it('says pass or fail and why on its first line', () => {
    expect(toMarkdown(sample).split('\n')[0]).toBe('## ❌ 1 change failed, 1 page is in conflict');
    const check = changeSet([conflict], { mode: 'check' });
    expect(toMarkdown(check).split('\n')[0]).toBe(
      '## ❌ 1 page was edited in Confluence since the repository last saw it',
    );
    expect(toMarkdown(check, { failOnConflict: false }).split('\n')[0]).toMatch(/^## ⚠️ 1 page was edited/);
    expect(toMarkdown(changeSet([], { mode: 'check' })).split('\n')[0]).toBe(
      '## ✅ Nothing in Confluence would be overwritten',
    );
  });

  it('shows a conflict by title and link, who edited it in Confluence and when, and the diff folded', () => {
    const remoteEdits = new Map([
      [
        '42',
        {
          baseVersion: 3,
          currentVersion: 5,
          edits: [
            { version: 4, by: 'Ana Lima', when: '2026-11-20T09:15:00.000Z' },
            { version: 5, by: 'Ana Lima', when: '2026-11-21T10:00:00.000Z' },
          ],
          diff: '@@ -1,1 +1,1 @@\n-Old step.\n+New step.',
        },
      ],
    ]);
    const md = toMarkdown(changeSet([conflict], { mode: 'check' }), { fileUrl, remoteEdits });
    expect(md).toContain(
      '#### [Setup](https://example.atlassian.net/wiki/spaces/DOCS/pages/42) · [`guide/setup.md`](https://github.com/o/r/blob/main/docs/guide/setup.md)',
    );
    expect(md).toContain(
      'Edited in Confluence by **Ana Lima** (2026-11-21 10:00 UTC) · version 3 → 5, 2 edits.',
    );
    expect(md).toContain(
      '<details>\n<summary>What changed in Confluence (version 3 → 5), as Markdown</summary>\n\n```diff\n@@ -1,1 +1,1 @@\n-Old step.\n+New step.\n```\n\n</details>',
    );
    expect(md).toContain('**How to resolve:** Let the scheduled pull bring the edit in first');
    expect(md).not.toMatch(/local-first/);
  });

  it('uses plain words, says where a new page lands, and folds the other direction and skipped rows', () => {
    const cs = changeSet(
      [
        change({
          kind: 'create-remote',
          title: 'Parent',
          localPath: 'p/index.md',
          outcome: 'failed',
          error: { code: 'CS-006', message: 'Refused.' },
        }),
        change({
          kind: 'create-remote',
          title: 'Child',
          localPath: 'p/child.md',
          parentPath: 'p/index.md',
          outcome: 'skipped',
          error: { code: 'CS-006', message: 'Not attempted.' },
        }),
        change({
          kind: 'create-remote',
          title: 'Howto',
          localPath: 'guide/howto.md',
          parentPath: 'guide/index.md',
          outcome: 'applied',
        }),
        change({
          kind: 'update-local',
          title: 'API',
          localPath: 'api.md',
          pageId: '51',
          remote: 'changed',
          outcome: 'skipped',
        }),
      ],
      { mode: 'push' },
    );
    const md = toMarkdown(cs, {
      titles: { byPath: new Map([['guide/index.md', 'The Guide']]), byId: new Map() },
    });
    expect(md).not.toMatch(/create-remote|update-local/);
    expect(md).toContain('| New page | Howto | `guide/howto.md` | under The Guide | done |');
    expect(md).toContain('<summary>Not part of this run (2): 1 skipped because the parent failed</summary>');
    expect(md).toContain('| New page | Child | `p/child.md` | skipped: parent failed |');
    expect(md).toContain('| File updated | API | `api.md` |');
    expect(md).toContain('other direction: the scheduled pull brings it in |');
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
    const shown = md.split('\n').filter((l) => l.startsWith('| Page updated')).length;
    expect(shown).toBeGreaterThan(10);
    expect(md).toContain(`… and ${500 - shown} more (not shown: the report is too long`);
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
