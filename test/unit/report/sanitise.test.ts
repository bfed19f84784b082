/**
 * Hostile titles and file names against the one sanitiser, and against the whole report: rendered
 * with a GFM renderer (marked), nothing they hold may end a row, open a comment or a tag, or mention.
 */
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { logLine, mdCell, mdCode, mdInline, safeUrl, toMarkdown } from '../../../src/report/index.js';
import type { Change, ChangeSet } from '../../../src/sync/types.js';

const HOSTILE = [
  ['an HTML comment in a file name', '!\n<!--'],
  ['a team mention', 'Ping @acme/security-team'],
  ['a carriage return', 'Row\rsplit'],
  ['a pipe', 'a | b'],
  ['a line separator', 'one\u2028two\u2029three'],
  ['a tag', '<img src=x onerror=alert(1)>'],
  ['backticks', '``code`` `x'],
  ['a workflow command', 'x\n::error::forged'],
  ['a bidi override', 'abc\u202edcba'],
  ['a link', '[click](https://evil.example)'],
] as const;

describe('the sanitiser', () => {
  it.each(HOSTILE)('%s: a table cell keeps one line and no raw <, |, ` or mention', (_, text) => {
    const cell = mdCell(text);
    expect(cell).not.toMatch(/[\r\n\u2028\u2029\u202e]/);
    expect(cell).not.toMatch(/(^|[^\\])[|`[]/);
    expect(cell).not.toContain('<');
    expect(cell).not.toMatch(/@[A-Za-z]/);
  });

  it.each(HOSTILE)('%s: a code span stays one code span', (_, text) => {
    const code = mdCode(text);
    expect(code.slice(1, -1)).not.toContain('`');
    expect(code).not.toMatch(/[\r\n]/);
    expect(code).not.toMatch(/(^|[^\\])\|/);
  });

  it('shows control characters as pictures, so a reader sees they are there', () => {
    expect(mdCode('docs/!\n<!--.md')).toBe('`docs/!␊<!--.md`');
    expect(logLine('Title\r\n::error::x')).toBe('Title␍␊::error::x');
  });

  it('a log line is one line', () => {
    for (const [, text] of HOSTILE) expect(logLine(text).split('\n')).toHaveLength(1);
  });

  it('only http(s) URLs become links, with parentheses encoded', () => {
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('https://x.example/a (b)')).toBe('https://x.example/a%20%28b%29');
  });

  it('mentions lose their power, e-mail-like text too', () => {
    expect(mdInline('@acme/security-team')).toBe('@\u200bacme/security-team');
  });
});

function change(partial: Partial<Change> & Pick<Change, 'kind' | 'title'>): Change {
  return { local: 'new', remote: 'absent', reason: 'New file.', outcome: 'planned', ...partial };
}

describe('the report with hostile names, rendered as GitHub does (GFM)', () => {
  const cs: ChangeSet = {
    mode: 'check',
    dryRun: false,
    spaceKey: 'DOCS',
    confluenceUrl: 'https://example.atlassian.net/wiki',
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 0,
    unchanged: 0,
    changes: [
      ...HOSTILE.map(([, text], i) =>
        change({ kind: 'create-remote', title: text, localPath: `${text}-${i}.md` }),
      ),
      change({ kind: 'create-remote', title: 'Last row', localPath: 'last.md' }),
    ],
  };
  const html = marked.parse(toMarkdown(cs), { gfm: true, async: false });

  it('every row is there, the last one included (nothing hid the rows after it)', () => {
    const rows = html.match(/<tr>/g) ?? [];
    expect(rows).toHaveLength(HOSTILE.length + 1 + 1); // + header row
    expect(html).toContain('Last row');
  });

  it('opens no comment, no tag of its own and no link to the hostile site', () => {
    expect(html).not.toContain('<!--');
    expect(html).not.toMatch(/<img/);
    expect(html).not.toContain('href="https://evil.example"');
  });

  it('every row has exactly the five cells of the header', () => {
    for (const row of html.split('<tr>').slice(2)) expect(row.match(/<td/g) ?? []).toHaveLength(5);
  });
});
