import { describe, expect, it } from 'vitest';
import {
  normalizeStorage,
  readFrontmatterOf,
  readMeta,
  storageEquals,
  toMarkdown,
  toStorage,
} from '../../src/convert/index.js';
import { isSyncError } from '../../src/errors.js';
import { expectAcceptedStorage } from './helpers.js';

describe('toStorage', () => {
  it('reads title, labels and the other front matter keys, and keeps them out of the body', () => {
    const r = toStorage(
      '---\ntitle: Runbook\nlabels: [ops, "on call"]\nowner: sre\n---\n\n# Heading one\n\nBody.\n',
    );
    expect(r.title).toBe('Runbook');
    expect(r.labels).toEqual(['ops', 'on call']);
    expect(r.frontmatter).toEqual({ title: 'Runbook', labels: ['ops', 'on call'], owner: 'sre' });
    expect(r.firstHeading).toBe('Heading one');
    expect(r.storage).toBe('<h1>Heading one</h1><p>Body.</p>');
  });

  it('accepts labels as a comma-separated string', () => {
    expect(toStorage('---\nlabels: a, b ,c\n---\nx\n').labels).toEqual(['a', 'b', 'c']);
  });

  it('refuses front matter that is not YAML with a clear error', () => {
    let caught: unknown;
    try {
      toStorage('---\ntitle: [unclosed\n---\n\nx\n');
    } catch (e) {
      caught = e;
    }
    expect(isSyncError(caught) && caught.code).toBe('CS-045');
    expect(isSyncError(caught) && caught.toLine()).toMatch(/front matter is not valid YAML/);
  });

  it('reports the attachments and page links it resolved through the context', () => {
    const r = toStorage('![d](img/d.png) [setup](setup.md#step) [ext](https://e.com) [none](missing.md)\n', {
      resolveAttachment: (src) => (src === 'img/d.png' ? 'd.png' : null),
      resolvePageLink: (href) => (href === 'setup.md' ? { title: 'Setup', spaceKey: 'OPS' } : null),
    });
    expect(r.attachments).toEqual([{ src: 'img/d.png', filename: 'd.png' }]);
    expect(r.links).toEqual([
      { href: 'setup.md#step', page: { title: 'Setup', spaceKey: 'OPS' }, anchor: 'step' },
    ]);
    expect(r.storage).toContain('<a href="missing.md">none</a>');
  });

  it('works with an empty context, leaving links and remote images as written', () => {
    const r = toStorage('[a](docs/a.md) ![b](https://x.org/b.png)\n');
    expect(r.storage).toBe(
      '<p><a href="docs/a.md">a</a> <ac:image ac:alt="b"><ri:url ri:value="https://x.org/b.png"/></ac:image></p>',
    );
    expect(r.links).toEqual([]);
  });

  it('writes XML Confluence accepts for hostile text', () => {
    const md = 'a\u0001b &copy; &nbsp; <x]]> "q" \'s\' ]]>\n\n```\n]]>]]>\n```\n\n| a&b |\n| - |\n| <c> |\n';
    const { storage } = toStorage(md);
    expectAcceptedStorage(storage);
    expect(storage).not.toMatch(/&(copy|nbsp);/);
    expect(storage).toContain('ab ©');
  });

  it('says clearly when carried markers were broken by an edit', () => {
    const storage =
      '<ac:layout><ac:layout-section ac:type="single"><ac:layout-cell><p>x</p></ac:layout-cell></ac:layout-section></ac:layout>';
    const md = toMarkdown(storage);
    // the layout's closing line (`<!--cs:/cell /section /layout-->`) deleted
    const broken = md.replace(/<!--cs:\/cell[^]*?-->/, '');
    expect(broken).not.toBe(md);
    expect(() => toStorage(broken)).toThrow(/no longer fits together: <ac:layout-cell> is never closed/);
    expect(() => toStorage(broken)).toThrow(expect.objectContaining({ code: 'CS-045' }));
  });
});

describe('toMarkdown', () => {
  it('writes front matter when given', () => {
    expect(toMarkdown('<p>x</p>', {}, { frontmatter: { title: 'T', labels: ['a'] } })).toBe(
      '---\ntitle: T\nlabels:\n  - a\n---\n\nx\n',
    );
  });

  it('returns an empty document for an empty body', () => {
    expect(toMarkdown('')).toBe('');
  });

  it('decodes XHTML entities Confluence sends', () => {
    expect(toMarkdown('<p>a&nbsp;b &mdash; &copy;</p>')).toBe('a\u00a0b — ©\n');
  });
});

describe('readMeta', () => {
  it('reads front matter and the first level-1 heading without converting', () => {
    const md =
      '---\ntitle: From front matter\nlabels: x\n---\n\n```\n# not a heading\n```\n\n## Two\n\n# The *first* one\n\n# Second\n';
    expect(readMeta(md)).toEqual({
      frontmatter: { title: 'From front matter', labels: 'x' },
      title: 'From front matter',
      labels: ['x'],
      firstHeading: 'The first one',
    });
  });

  it('finds setext headings and works without front matter', () => {
    expect(readMeta('Intro text\n\nBig Title\n=========\n')).toEqual({
      frontmatter: {},
      firstHeading: 'Big Title',
    });
    expect(readMeta('no heading')).toEqual({ frontmatter: {} });
  });

  it('readFrontmatterOf gives the same front matter without looking for the heading', () => {
    for (const md of [
      '---\ntitle: T\nlabels: [a, b]\nowner: x\n---\n\n# H\n',
      '---\r\ntitle: T\r\n---\r\nBody\r\n',
      '# No front matter\n',
      '---\n---\n',
    ])
      expect(readFrontmatterOf(md)).toEqual(readMeta(md).frontmatter);
    expect(readFrontmatterOf('---\nowner: x\n---\n# H\n')).toEqual({ owner: 'x' });
  });
});

describe('normalizeStorage', () => {
  it('gives the same canonical form for a body seen again, also after many others (its cache is bounded)', () => {
    const body = (i: number) => `<p class="x" local-id="${i}">Page <b>${i}</b></p><p><br/></p>`;
    const first = Array.from({ length: 40 }, (_, i) => normalizeStorage(body(i)));
    expect(first[7]).toBe('<p>Page <strong>7</strong></p>');
    expect(Array.from({ length: 40 }, (_, i) => normalizeStorage(body(i)))).toEqual(first);
    const large = `<p>${'a'.repeat(40_000)}</p>`;
    expect(normalizeStorage(large)).toBe(normalizeStorage(`<p class="y">${'a'.repeat(40_000)}</p>`));
  });

  it('ignores what Confluence adds or respells, and nothing else', () => {
    expect(
      storageEquals(
        '<p local-id="1">a&nbsp;<b>b</b></p>\n<table data-layout="default"><thead><tr><th><p>h</p></th></tr></thead></table>',
        '<p>a\u00a0<strong>b</strong></p><table><tbody><tr><th>h</th></tr></tbody></table>',
      ),
    ).toBe(true);
    expect(storageEquals('<p>a</p>', '<p>b</p>')).toBe(false);
    expect(storageEquals('<p><strong>a</strong> b</p>', '<p><strong>a</strong>b</p>')).toBe(false);
    expect(
      normalizeStorage(
        '<ac:structured-macro ac:name="x"><ac:parameter ac:name="b">2</ac:parameter><ac:parameter ac:name="a">1</ac:parameter></ac:structured-macro>',
      ),
    ).toBe(
      '<ac:structured-macro ac:name="x"><ac:parameter ac:name="a">1</ac:parameter><ac:parameter ac:name="b">2</ac:parameter></ac:structured-macro>',
    );
  });
});
