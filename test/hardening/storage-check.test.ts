import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toStorage } from '../../src/convert/index.js';
import { checkStorageXml } from '../../src/convert/xml/well-formed.js';

/** The check the engine runs on every page body read from Confluence before converting it. */
const problemOf = (xml: string) => checkStorageXml(xml, { anyPrefix: true });
const FIXTURES = new URL('../convert/fixtures/', import.meta.url);

describe('storage bodies read from Confluence are checked for well-formedness', () => {
  it.each(readdirSync(FIXTURES).filter((n) => n.endsWith('.xml')))(
    'accepts the real-world storage corpus page %s',
    (name) => {
      expect(problemOf(readFileSync(new URL(name, FIXTURES), 'utf8'))).toBeNull();
    },
  );

  it('accepts what the converter writes, CDATA, comments, entities, namespaced and self-closing tags', () => {
    const { storage } = toStorage(
      '# Title\n\nText with *emphasis*, `code` & <b>html</b>.\n\n```js\nif (a < b) {}\n```\n',
    );
    expect(problemOf(storage)).toBeNull();
    expect(
      problemOf(
        '<p>a &amp; b&nbsp;&#123;&#x1F600;</p><!-- note --><br/><ac:image ac:width="200"><ri:attachment ri:filename="a.png" /></ac:image>' +
          '<ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[a < b && </p>]]></ac:plain-text-body></ac:structured-macro><p >x</p >',
      ),
    ).toBeNull();
  });

  it.each([
    '<p>cut <b>off</p><ac:macro',
    '<p>never closed',
    '</p>',
    '<p>x</p><ac:structured-macro ac:name="info"',
    '<p class=unquoted>x</p>',
    '<p a="1" a="2">x</p>',
    '<p><!-- open comment</p>',
    '<ac:plain-text-body><![CDATA[never ends',
    '< p>x</p>',
    '<p>&undeclared;</p>',
  ])('refuses %s', (xml) => {
    expect(problemOf(xml)).not.toBeNull();
  });

  it('checks a 6 MB body in well under a second and never quotes the body', () => {
    const big = `<p>${'word <b>bold</b> '.repeat(400_000)}</p>`;
    const started = Date.now();
    expect(problemOf(big)).toBeNull();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(problemOf('<p>SECRET-CONTENT <b>x</p>')?.message).not.toContain('SECRET-CONTENT');
  });
});
