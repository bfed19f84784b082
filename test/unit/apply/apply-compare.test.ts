import { describe, expect, it } from 'vitest';
import { sameStorage } from '../../../src/sync/apply/compare.js';

describe('sameStorage', () => {
  it('ignores attribute order, entity spelling and indentation', () => {
    expect(sameStorage('<p class="a" id="b">x &amp; y</p>', '<p id="b" class="a">x &#38; y</p>')).toBe(true);
    expect(sameStorage('<ul><li><p>a</p></li></ul>', '<ul>\n  <li>\n    <p>a</p>\n  </li>\n</ul>')).toBe(
      true,
    );
  });

  it('sees text, structure and attribute value edits', () => {
    expect(sameStorage('<p>a</p>', '<p>b</p>')).toBe(false);
    expect(sameStorage('<p>a</p>', '<h1>a</h1>')).toBe(false);
    expect(
      sameStorage('<p><a href="https://a.example">x</a></p>', '<p><a href="https://b.example">x</a></p>'),
    ).toBe(false);
  });

  it('ignores what a pull keeps out of the Markdown (presentation, editor ids, comment anchors)', () => {
    expect(
      sameStorage(
        '<p style="text-align: justify;" local-id="1">a <ac:inline-comment-marker ac:ref="r">b</ac:inline-comment-marker></p><p><br/></p>',
        '<p>a b</p>',
      ),
    ).toBe(true);
  });

  it('keeps whitespace inside CDATA (code blocks) significant', () => {
    const code = (body: string) =>
      `<ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[${body}]]></ac:plain-text-body></ac:structured-macro>`;
    expect(sameStorage(code('a\n  b'), code('a\n  b'))).toBe(true);
    expect(sameStorage(code('a\n  b'), code('a\n b'))).toBe(false);
  });

  it('ignores the indentation of pretty-printed links and macro parameters, not the words of a value', () => {
    const users = (ws: string) =>
      `<ac:structured-macro ac:name="x"><ac:parameter ac:name="u">${ws}<ri:user ri:username="a"/>${ws}<ri:user ri:username="b"/>${ws}</ac:parameter></ac:structured-macro>`;
    expect(sameStorage(users('\n    '), users(''))).toBe(true);
    const link = (ws: string) => `<p><ac:link>${ws}<ri:page ri:content-title="P"/>${ws}</ac:link></p>`;
    expect(sameStorage(link('\n  '), link(''))).toBe(true);
    const value = (v: string) =>
      `<ac:structured-macro ac:name="x"><ac:parameter ac:name="t">${v}</ac:parameter></ac:structured-macro>`;
    expect(sameStorage(value('a b'), value('ab'))).toBe(false);
    expect(sameStorage(value('a <ri:user ri:username="u"/> b'), value('a<ri:user ri:username="u"/>b'))).toBe(
      false,
    );
  });
});
