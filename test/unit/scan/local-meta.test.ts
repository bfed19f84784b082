import { describe, expect, it } from 'vitest';
import { labelsOf, readLocalMeta } from '../../../src/sync/state/local-meta.js';

describe('readLocalMeta', () => {
  it('reads title and labels from front matter (CRLF, BOM) and the first H1 after it', () => {
    const meta = readLocalMeta(
      '\uFEFF---\r\ntitle: 2026\r\nlabels: Ops, Run Books ,ops\r\nowner: me\r\n---\r\n# Heading\r\n',
      'a.md',
    );
    expect(meta).toEqual({
      frontmatter: { title: 2026, labels: 'Ops, Run Books ,ops', owner: 'me' },
      title: '2026',
      labels: ['ops', 'run-books'],
      firstHeading: 'Heading',
    });
  });

  it('takes the first level-1 heading as plain text, ignoring level 2 and headings in code', () => {
    const md =
      '```\n# not a heading\n```\n\n## Second level\n\n# The `real` **title** [link](x.md)\n\n# Later\n';
    expect(readLocalMeta(md, 'a.md').firstHeading).toBe('The real title link');
  });

  it('has no title when there is neither front matter title nor H1', () => {
    expect(readLocalMeta('just text\n\n## h2\n', 'a.md')).toEqual({ frontmatter: {}, labels: [] });
  });

  it('ignores a --- rule that is not at the very top', () => {
    expect(readLocalMeta('# T\n\n---\ntitle: x\n---\n', 'a.md').title).toBeUndefined();
  });
});

describe('labelsOf', () => {
  it('accepts a list or a comma-separated string; lower case, no spaces, no duplicates, sorted', () => {
    expect(labelsOf(['B', 'a b', 3, null, 'b'])).toEqual(['3', 'a-b', 'b']);
    expect(labelsOf('x,, Y ')).toEqual(['x', 'y']);
    expect(labelsOf(undefined)).toEqual([]);
  });
});
