import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { storageProblem } from '../../src/confluence/storage-check.js';
import { toStorage } from '../../src/convert/index.js';

const FIXTURES = new URL('../convert/fixtures/', import.meta.url);

describe('storage bodies read from Confluence are checked for well-formedness', () => {
  it.each(readdirSync(FIXTURES))('accepts the real-world storage corpus page %s', (name) => {
    expect(storageProblem(readFileSync(new URL(name, FIXTURES), 'utf8'))).toBeNull();
  });

  it('accepts what the converter writes, CDATA, comments, entities, namespaced and self-closing tags', () => {
    const { storage } = toStorage(
      '# Title\n\nText with *emphasis*, `code` & <b>html</b>.\n\n```js\nif (a < b) {}\n```\n',
    );
    expect(storageProblem(storage)).toBeNull();
    expect(
      storageProblem(
        '<p>a &amp; b&nbsp;&#123;&#x1F600;</p><!-- note --><br/><ac:image ac:width="200"><ri:attachment ri:filename="a.png" /></ac:image>' +
          '<ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[a < b && </p>]]></ac:plain-text-body></ac:structured-macro><p >x</p >',
      ),
    ).toBeNull();
  });

  it.each([
    ['<p>cut <b>off</p><ac:macro', /<\/p> closes <b>/],
    ['<p>never closed', /<p> is never closed/],
    ['</p>', /without a start tag/],
    ['<p>x</p><ac:structured-macro ac:name="info"', /unterminated <ac:structured-macro>/],
    ['<p class=unquoted>x</p>', /malformed or unterminated <p>/],
    ['<p a="1" a="2">x</p>', /duplicate attribute a/],
    ['<p><!-- open comment</p>', /unterminated comment/],
    ['<ac:plain-text-body><![CDATA[never ends', /unterminated CDATA/],
    ['<!DOCTYPE html><p>x</p>', /unexpected declaration/],
    ['< p>x</p>', /malformed start tag/],
  ])('refuses %s', (xml, problem) => {
    expect(storageProblem(xml)).toMatch(problem);
  });

  it('checks a 6 MB body in well under a second and never quotes the body', () => {
    const big = `<p>${'word <b>bold</b> '.repeat(400_000)}</p>`;
    const started = Date.now();
    expect(storageProblem(big)).toBeNull();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(storageProblem('<p>SECRET-CONTENT <b>x</p>')).not.toContain('SECRET-CONTENT');
  });
});
