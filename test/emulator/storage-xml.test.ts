import { describe, expect, it } from 'vitest';
import { checkStorageXml, formatXmlProblem } from './storage-xml.js';
import { XHTML_ENTITIES } from './xhtml-entities.js';

const ok = (xml: string) => expect(checkStorageXml(xml), xml).toBeNull();
const bad = (xml: string, message: string | RegExp) => {
  const problem = checkStorageXml(xml);
  expect(problem, xml).not.toBeNull();
  expect(problem?.message).toMatch(message);
};

describe('storage XML checker: accepted bodies', () => {
  it.each([
    '',
    'plain text at top level',
    '<p>one</p><p>two</p>',
    '<p>a<br/>b<br />c</p><hr/>',
    '<p class="x" data-y=\'single\'>quoted both ways</p>',
    '<ac:structured-macro ac:name="code" ac:schema-version="1"><ac:parameter ac:name="language">py</ac:parameter><ac:plain-text-body><![CDATA[if a < b && c > d: print("]]]]><![CDATA[>")]]></ac:plain-text-body></ac:structured-macro>',
    '<ac:link><ri:page ri:content-title="Page" ri:space-key="DOCS"/><ac:plain-text-link-body><![CDATA[text]]></ac:plain-text-link-body></ac:link>',
    '<ac:image ac:width="200"><ri:url ri:value="http://x/y.png?a=1&amp;b=2"/></ac:image>',
    '<p>&amp; &lt; &gt; &quot; &apos; &nbsp; &copy; &ndash; &mdash; &hellip; &euro; &oacute; &Omega; &hearts; &thetasym;</p>',
    '<p>&#160; &#x1F642; &#65;</p>',
    '<!-- a comment --><p>x</p>',
    '<p>a ] b ]] c</p>',
    '<foo:bar xmlns:foo="urn:x"><foo:baz/></foo:bar>',
    '<p xml:lang="en">lang</p>',
    '<time datetime="2026-10-26" />',
    '<p>multi\nline\r\n\ttext</p>',
    '<p>emoji 😀 and ünïcödé</p>',
  ])('%s', (xml) => ok(xml));
});

describe('storage XML checker: refused bodies, with Woodstox-like messages', () => {
  it('reports a mismatched close tag with row and column', () => {
    const problem = checkStorageXml('<p>line one\n<p>bad</br></p>');
    expect(problem).toEqual({ message: 'Unexpected close tag </br>; expected </p>.', line: 2, column: 7 });
    expect(formatXmlProblem(problem!)).toBe(
      'Error parsing xhtml: Unexpected close tag </br>; expected </p>.\n at [row,col {unknown-source}]: [2,7]',
    );
  });
  it.each([
    ['<p>unclosed', /^Unexpected EOF; was expecting a close tag for element <p>/],
    ['<ac:parameter ac:name="x">v', /close tag for element <ac:parameter>/],
    ['</p>', /^Unbalanced close tag <\/p>/],
    [
      '<p>a ]]> b</p>',
      "String ']]>' not allowed in textual content, except as the end marker of CDATA section",
    ],
    ['<p class=x>unquoted</p>', /expected a quote character/],
    ['<p class="a<b">x</p>', "Unexpected '<'  in attribute value"],
    ['<p class="a"class="b">x</p>', /expected space, or '>' or "\/>"/],
    ['<p a="1" a="2">x</p>', "Duplicate attribute 'a'."],
    ['<p>&check;</p>', 'Undeclared general entity "check"'],
    ['<p>&NewLine;</p>', 'Undeclared general entity "NewLine"'],
    ['<p>&nbsp</p>', /expected a semi-colon after the reference for entity 'nbsp'/],
    ['<p>Tom & Jerry</p>', /unescaped '&'/],
    ['<p>&#xZZ;</p>', /hex digit/],
    ['<p>&#1;</p>', /Illegal character entity/],
    ['<p>bell \u0007</p>', 'Illegal character ((CTRL-CHAR, code 7))'],
    ['<p>\uFFFF</p>', /Illegal character/],
    ['<p>\uD800</p>', /unpaired surrogate/],
    ['<![CDATA[never closed', 'Unexpected EOF in CDATA section'],
    ['<!-- never closed', 'Unexpected EOF in comment'],
    ['<!-- a -- b -->', /'--' not allowed in comment/],
    ['<!DOCTYPE html><p/>', /DOCTYPE not allowed/],
    ['<?xml version="1.0"?><p/>', /reserved/],
    ['<1p>x</1p>', /malformed start element/],
    ['< p>x</p>', /malformed start element/],
    ['<foo:bar>x</foo:bar>', 'Undeclared namespace prefix "foo"'],
    ['<p foo:x="1">x</p>', 'Undeclared namespace prefix "foo"'],
    ['<a:b:c/>', /Illegal name/],
    ['<p>x</p >', null],
  ] as const)('%s', (xml, message) => {
    if (message === null) ok(xml);
    else bad(xml, message);
  });
});

describe('XHTML 1.0 entity table', () => {
  it('holds exactly the XML five plus xhtml-lat1, xhtml-symbol and xhtml-special (253 names)', () => {
    expect(XHTML_ENTITIES.size).toBe(253);
    expect(XHTML_ENTITIES.get('nbsp')).toBe(0xa0);
    expect(XHTML_ENTITIES.get('yuml')).toBe(0xff);
    expect(XHTML_ENTITIES.get('Rho')).toBe(0x3a1);
    expect(XHTML_ENTITIES.get('Sigma')).toBe(0x3a3);
    expect(XHTML_ENTITIES.get('omega')).toBe(0x3c9);
    expect(XHTML_ENTITIES.get('diams')).toBe(0x2666);
    expect(XHTML_ENTITIES.get('euro')).toBe(0x20ac);
    expect(XHTML_ENTITIES.get('apos')).toBe(39);
    expect(XHTML_ENTITIES.has('check')).toBe(false);
  });
  it('accepts every name in the table', () => {
    const all = [...XHTML_ENTITIES.keys()].map((n) => `&${n};`).join(' ');
    ok(`<p>${all}</p>`);
  });
});
