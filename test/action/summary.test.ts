import { describe, expect, it } from 'vitest';
import { MAX_SUMMARY_BYTES, renderReport } from '../../src/action/summary.js';
import { MAX_COMMENT_CHARS } from '../../src/action/sticky-comment.js';
import type { Change, ChangeSet } from '../../src/sync/types.js';

function changeSet(changes: Partial<Change>[], mode: ChangeSet['mode'] = 'push'): ChangeSet {
  return {
    mode,
    dryRun: false,
    spaceKey: 'DOCS',
    confluenceUrl: 'https://example.atlassian.net/wiki',
    startedAt: '2026-11-25T12:00:00.000Z',
    durationMs: 2500,
    unchanged: 10,
    changes: changes.map((c, i) => ({
      kind: 'create-remote',
      title: `Page ${i}`,
      localPath: `guide/page-${i}.md`,
      local: 'new',
      remote: 'absent',
      reason: 'new file',
      outcome: 'applied',
      pageId: String(1000 + i),
      url: `https://example.atlassian.net/wiki/spaces/DOCS/pages/${1000 + i}`,
      ...c,
    })),
  };
}

const files = { blobBase: 'https://github.com/acme/docs/blob/abc123', localRoot: 'docs' };

describe('job summary', () => {
  it('links each file on GitHub (under the docs folder) and each page in Confluence', () => {
    const md = renderReport(
      changeSet([{ title: 'Setup guide', localPath: 'setup guide.md' }]),
      { profile: 'default', files },
      MAX_SUMMARY_BYTES,
    );
    expect(md).toContain(
      '[`setup guide.md`](https://github.com/acme/docs/blob/abc123/docs/setup%20guide.md)',
    );
    expect(md).toContain('[Setup guide](https://example.atlassian.net/wiki/spaces/DOCS/pages/1000)');
  });

  it('says how long it took and links the workflow run', () => {
    const md = renderReport(
      changeSet([{}]),
      { profile: 'default', totalMs: 3400, runUrl: 'https://github.com/acme/docs/actions/runs/9' },
      MAX_SUMMARY_BYTES,
    );
    expect(md).toContain('finished in 2.5 s');
    expect(md).toContain(
      '<sub>Started 2026-11-25 12:00:00 UTC · whole step 3.4 s · [workflow run](https://github.com/acme/docs/actions/runs/9)</sub>',
    );
  });

  it('names the profile of a matrix job and shows the run’s notes', () => {
    const md = renderReport(
      changeSet([{}], 'pull'),
      { profile: 'payments', notes: ['Pull request [#4](u) updated.'] },
      MAX_SUMMARY_BYTES,
    );
    expect(md).toMatch(
      /^## ✅ 1 page brought in from Confluence\n\nconfluence-sync \*\*pull\*\* · space `DOCS` · [^\n]+\n\nProfile `payments`\.\n/,
    );
    expect(md).toContain('Pull request [#4](u) updated.');
  });

  it('explains conflicts before anything else', () => {
    const md = renderReport(
      changeSet([
        {},
        {
          kind: 'conflict',
          outcome: 'conflict',
          local: 'changed',
          remote: 'changed',
          title: 'Release notes',
          localPath: 'release.md',
        },
      ]),
      { profile: 'default', files },
      MAX_SUMMARY_BYTES,
    );
    expect(md.split('\n')[0]).toBe('## ❌ 1 page was edited on both sides and left untouched');
    expect(md.indexOf('Edited on both sides (1)')).toBeGreaterThan(0);
    expect(md.indexOf('Edited on both sides (1)')).toBeLessThan(md.indexOf('Sent to Confluence (1)'));
    expect(md).toContain('[`release.md`](https://github.com/acme/docs/blob/abc123/docs/release.md)');
  });

  it('stays under the 1 MiB summary limit on a huge run and says what was left out', () => {
    const huge = changeSet(Array.from({ length: 12_000 }, () => ({ title: 'A long page title '.repeat(4) })));
    const md = renderReport(
      huge,
      { profile: 'default', totalMs: 1, files, notes: ['note'] },
      MAX_SUMMARY_BYTES,
    );
    expect(Buffer.byteLength(md, 'utf8')).toBeLessThanOrEqual(MAX_SUMMARY_BYTES);
    expect(md).toMatch(/… and \d+ more/);
    expect(md).toContain('12000 created'); // the counts still tell the whole story
    expect(md).toContain('<sub>Started'); // and the footer survives the cut
  });

  it('fits a pull request comment', () => {
    const huge = changeSet(Array.from({ length: 2_000 }, () => ({})));
    const md = renderReport(huge, { profile: 'default', files }, MAX_COMMENT_CHARS);
    expect(md.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(md).toMatch(/… and \d+ more/);
  });
});
