import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readMeta, titleFromLeadingHeading, toMarkdown, toStorage } from '../../src/convert/index.js';
import { readLocalMeta } from '../../src/sync/state/local-meta.js';
import { PLAIN_TITLE, titleAsHeading, titleThroughMarkdown } from '../../src/convert/title.js';

const omit = { omitTitleHeading: true };

describe('the heading a page is named after stays out of its body', () => {
  it('leaves out a leading H1 when there is no front matter title', () => {
    const r = toStorage('# Release Notes\n\nBody.\n', {}, omit);
    expect(r.storage).toBe('<p>Body.</p>');
    expect(r.omittedTitleHeading).toBe(true);
    expect(r.firstHeading).toBe('Release Notes');
  });

  it('leaves it out after front matter without a title, and for a setext heading', () => {
    expect(toStorage('---\nlabels: [a]\n---\n\n# T\n\nx\n', {}, omit).storage).toBe('<p>x</p>');
    expect(toStorage('Big Title\n=========\n\nx\n', {}, omit).storage).toBe('<p>x</p>');
  });

  it('keeps the H1 when the title comes from front matter, or when the H1 is not the first block', () => {
    expect(toStorage('---\ntitle: Other\n---\n\n# T\n\nx\n', {}, omit).storage).toBe('<h1>T</h1><p>x</p>');
    expect(toStorage('Intro.\n\n# T\n', {}, omit).storage).toBe('<p>Intro.</p><h1>T</h1>');
    expect(toStorage('## Two\n\nx\n', {}, omit).storage).toBe('<h2>Two</h2><p>x</p>');
  });

  it('keeps a second H1: a body that itself starts with a heading different from the title', () => {
    expect(toStorage('# Title\n\n# Chapter 1\n\nx\n', {}, omit).storage).toBe('<h1>Chapter 1</h1><p>x</p>');
  });

  it('keeps a title heading holding HTML (an anchor) in the body, and a pull gives the same file back', () => {
    const file = '# Project <a id="readme-top"></a>\n\nIntro. [Back to top](#readme-top)\n';
    const r = toStorage(file, {}, omit);
    expect(r.storage).toMatch(/^<h1>Project <ac:structured-macro ac:name="anchor"/);
    expect(r.firstHeading).toBe('Project');
    expect(titleFromLeadingHeading(file)).toBe(true);
    expect(toMarkdown(r.storage, {}, { title: 'Project' })).toBe(file);
    // a plain heading of the same text in the body is still a heading of its own
    expect(toMarkdown('<h1>Project</h1><p>x</p>', {}, { title: 'Project' })).toBe(
      '# Project\n\n# Project\n\nx\n',
    );
  });

  it('keeps every heading without the option (the converter round trip is unchanged)', () => {
    expect(toStorage('# T\n\nx\n').storage).toBe('<h1>T</h1><p>x</p>');
  });

  it('tells whether a file takes its title from its leading heading', () => {
    expect(titleFromLeadingHeading('# T\n\nx\n')).toBe(true);
    expect(titleFromLeadingHeading('---\ntitle: T\n---\n\n# T\n')).toBe(false);
    expect(titleFromLeadingHeading('x\n\n# T\n')).toBe(false);
    expect(titleFromLeadingHeading('#\n\n# T\n')).toBe(false);
  });
});

describe('pull writes the title as a leading heading', () => {
  it('writes `# title` then the body, and the round trip gives the body back', () => {
    const md = toMarkdown('<p>Body.</p>', {}, { title: 'Release Notes' });
    expect(md).toBe('# Release Notes\n\nBody.\n');
    expect(toStorage(md, {}, omit).storage).toBe('<p>Body.</p>');
  });

  it('keeps a body that starts with its own H1 below the title heading', () => {
    const md = toMarkdown('<h1>Chapter 1</h1><p>x</p>', {}, { title: 'Guide' });
    expect(md).toBe('# Guide\n\n# Chapter 1\n\nx\n');
    expect(toStorage(md, {}, omit).storage).toBe('<h1>Chapter 1</h1><p>x</p>');
  });

  it('writes the heading after the other front matter keys, and alone for an empty body', () => {
    expect(toMarkdown('<p>x</p>', {}, { title: 'T', frontmatter: { title: 'ignored', labels: ['a'] } })).toBe(
      '---\nlabels:\n  - a\n---\n\n# T\n\nx\n',
    );
    expect(toMarkdown('', {}, { title: 'T' })).toBe('# T\n');
  });

  it('escapes Markdown in the title so that it reads back exactly', () => {
    for (const title of [
      '*Not* emphasis',
      'a_b_c',
      '[x](y)',
      'C# #',
      '<b>tag</b>',
      'a & b',
      '1. First',
      '# hash',
      '`code`',
      'x\\y',
      '- dash',
      '> quote',
      '~~gone~~',
      '#',
    ]) {
      const md = toMarkdown('<p>x</p>', {}, { title });
      expect(md.startsWith('---'), `${title} → ${md}`).toBe(false);
      expect(readMeta(md).firstHeading).toBe(title);
      expect(readLocalMeta(md, 'f.md').firstHeading).toBe(title);
      expect(toStorage(md, {}, omit).storage).toBe('<p>x</p>');
    }
  });

  it('falls back to front matter for a title a heading cannot hold', () => {
    for (const title of [' padded ', 'two  spaces', 'line\nbreak', 'tab\there']) {
      const md = toMarkdown('<p>x</p>', {}, { title });
      expect(md).toMatch(/^---\ntitle: /);
      expect(readMeta(md).title).toBe(title.trim());
      expect(toStorage(md, {}, omit).storage).toBe('<p>x</p>');
    }
  });

  it('any title comes back exactly, as a heading or in front matter (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (raw) => {
        const title = raw.trim();
        fc.pre(title !== '' && !/\s{2}|[\n\r\t]/.test(title));
        const md = toMarkdown('<p>x</p>', {}, { title });
        const meta = readLocalMeta(md, 'f.md');
        expect(meta.title ?? meta.firstHeading).toBe(title);
        expect(toStorage(md, {}, omit).storage).toBe('<p>x</p>');
      }),
      { numRuns: 300 },
    );
  });

  it('a plain title is written as `# title` exactly as the serialiser would write it (property)', () => {
    const letters = [...'aZé日ßя٣0912'];
    const char = fc.constantFrom(...letters, ...".,;?()'-");
    const word = fc.array(char, { minLength: 1, maxLength: 6 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (words) => {
        const title = words.join(' ');
        expect(PLAIN_TITLE.test(title)).toBe(true);
        expect(titleAsHeading(title)).toBe(titleThroughMarkdown(title));
        expect(titleAsHeading(title)).toBe(`# ${title}`);
      }),
      { numRuns: 1000 },
    );
    for (const title of ['a_b', 'a*b', '[x]', 'x #', 'a  b', ' a', 'a & b', 'C:\\x', 'http://x.y'])
      expect(PLAIN_TITLE.test(title), title).toBe(false);
  });
});
