/** Macro lines (src/convert/constructs/macro-line.ts): the compact spelling of a carried macro is lossless. */
import { describe, expect, it } from 'vitest';
import {
  blockMarker,
  inlineMarker,
  parseBlockMarker,
  parseInlineMarker,
} from '../../src/convert/constructs/carry-through.js';
import { expandMacroLine, inlineMacroLine, macroLine } from '../../src/convert/constructs/macro-line.js';
import { normalizeStorage, toMarkdown, toStorage } from '../../src/convert/index.js';

const inlineBack = (payload: string): string | null =>
  parseInlineMarker(inlineMarker(payload).replace(/<\/span>$/, ''));

describe('macro lines', () => {
  it.each([
    [
      '<ac:structured-macro ac:name="jira"><ac:parameter ac:name="key">ABC-1</ac:parameter></ac:structured-macro>',
      'macro jira key="ABC-1"',
    ],
    ['<ac:macro ac:name="toc"/>', 'ac:macro toc /'],
    [
      '<ac:macro ac:name="anchor"><ac:default-parameter>top</ac:default-parameter></ac:macro>',
      'ac:macro anchor "top"',
    ],
    [
      '<ac:structured-macro ac:name="info"><ac:parameter ac:name="title">T</ac:parameter><ac:rich-text-body>',
      'macro info title="T" {',
    ],
    ['</ac:rich-text-body></ac:structured-macro>', '/macro'],
    ['</ac:rich-text-body></ac:macro>', '/ac:macro'],
    ['<ac:structured-macro ac:name="x"></ac:structured-macro>', 'macro x'],
    [
      '<ac:structured-macro ac:name="children"><ac:parameter ac:name="style"/><ac:parameter ac:name="page"><ac:link><ri:page ri:content-title="P"/></ac:link></ac:parameter></ac:structured-macro>',
      'macro children style= page=<confluence-page:P>',
    ],
  ])('%s ⇔ %s', (xml, line) => {
    expect(macroLine(xml)).toBe(line);
    expect(expandMacroLine(line)).toBe(xml);
    expect(parseBlockMarker(blockMarker(xml))).toBe(xml);
    expect(inlineBack(xml)).toBe(xml);
  });

  it.each([
    '<ac:structured-macro ac:name="x" ac:schema-version="1"><ac:parameter ac:name="a">1</ac:parameter></ac:structured-macro>',
    '<ac:structured-macro ac:name="x">\n<ac:parameter ac:name="a">1</ac:parameter></ac:structured-macro>',
    '<ac:structured-macro ac:name="x"><ac:parameter ac:name="a">it\'s "q"</ac:parameter></ac:structured-macro>',
    '<ac:structured-macro ac:name="x"><ac:parameter ac:name="a">b<ri:page ri:content-title="P"/></ac:parameter></ac:structured-macro>',
    '<ac:structured-macro ac:name="x"><ac:plain-text-body><![CDATA[a]]></ac:plain-text-body></ac:structured-macro>',
  ])('keeps the XML form when a line cannot say it exactly: %s', (xml) => {
    expect(macroLine(xml)).toBeNull();
    expect(parseBlockMarker(blockMarker(xml))).toBe(xml);
    expect(inlineBack(xml)).toBe(xml);
  });

  // a value holding `"`: quoted with `'` in a block marker; in a span (single-quoted) spelled with `&quot;`
  it('a value holding quotes: a block line as it is, an inline span without escaping the whole line', () => {
    const xml =
      '<ac:structured-macro ac:name="jira"><ac:parameter ac:name="server">Jira</ac:parameter><ac:parameter ac:name="jqlQuery">project = "X"</ac:parameter></ac:structured-macro>';
    expect(macroLine(xml)).toBe(`macro jira server="Jira" jqlQuery='project = "X"'`);
    expect(blockMarker(xml)).toBe(`<!--cs:macro jira server="Jira" jqlQuery='project = "X"'-->`);
    expect(parseBlockMarker(blockMarker(xml))).toBe(xml);
    expect(inlineMarker(xml)).toBe(
      `<span data-cs='macro jira server="Jira" jqlQuery="project = &quot;X&quot;"'></span>`,
    );
    const back = inlineBack(xml)!;
    expect(back).toBe(xml.replace('"X"', '&quot;X&quot;'));
    expect(normalizeStorage(back)).toBe(normalizeStorage(xml));
    expect(inlineMarker(back)).toBe(inlineMarker(xml));
    // a value holding both quotes cannot be spelled without escapes: the double-quoted span
    const both = xml.replace('"X"', `"it's"`);
    expect(inlineMarker(both)).toMatch(/^<span data-cs="/);
    expect(inlineBack(both)).toBe(both);
  });

  // a macro alone in its paragraph is a block line with its paragraph
  it.each([
    [
      '<p><ac:structured-macro ac:name="jira"><ac:parameter ac:name="key">X-1</ac:parameter></ac:structured-macro></p>',
      '<!--cs:<p>macro jira key="X-1"</p>-->',
    ],
    ['<p><ac:macro ac:name="toc"/></p>', '<!--cs:<p>ac:macro toc /</p>-->'],
  ])('%s → %s', (xml, marker) => {
    expect(blockMarker(xml)).toBe(marker);
    expect(parseBlockMarker(marker)).toBe(xml);
  });

  it.each(['<p>macro a</p>', '<p>ac:macro toc /</p>'])(
    'a carried paragraph whose text looks like a macro line (%s) comes back as that paragraph',
    (xml) => {
      expect(blockMarker(xml)).toMatch(/^<!--cs64:/);
      expect(parseBlockMarker(blockMarker(xml))).toBe(xml);
    },
  );

  // a URL-encoded value (a roadmap's JSON source) is written decoded in a block line, when that is exact
  it.each([
    [
      '%7B%22title%22%3A%22Roadmap%20Planner%22%2C%22lanes%22%3A%5B%5D%7D',
      `macro roadmap timeline="true" source=%'{"title":"Roadmap Planner","lanes":[]}'`,
    ],
    ['a%20b%20c%20d', 'macro roadmap timeline="true" source=%"a b c d"'],
    // too few escapes to be worth it, or not what encodeURIComponent writes: as it is
    ['a%20b', 'macro roadmap timeline="true" source="a%20b"'],
    ['a+b%20c%20d%3a', 'macro roadmap timeline="true" source="a+b%20c%20d%3a"'],
    ['%E2%82%AC%20%22x%22%20it%27s', 'macro roadmap timeline="true" source="%E2%82%AC%20%22x%22%20it%27s"'],
  ])('%s in a block line: %s', (value, line) => {
    const xml = `<ac:structured-macro ac:name="roadmap"><ac:parameter ac:name="timeline">true</ac:parameter><ac:parameter ac:name="source">${value}</ac:parameter></ac:structured-macro>`;
    expect(macroLine(xml, { urlDecode: true })).toBe(line);
    expect(expandMacroLine(line)).toBe(xml);
    expect(blockMarker(xml)).toBe(`<!--cs:${line}-->`);
    expect(parseBlockMarker(blockMarker(xml))).toBe(xml);
    // a span is single-quoted: there the value stays encoded
    expect(inlineMarker(xml)).toBe(`<span data-cs='${macroLine(xml)}'></span>`);
    expect(inlineBack(xml)).toBe(xml);
  });

  it('a decoded value that would hold -->, or a lone surrogate, is not a line', () => {
    const arrow = `<ac:structured-macro ac:name="r"><ac:parameter ac:name="s">a%20--%3E%20b</ac:parameter></ac:structured-macro>`;
    expect(parseBlockMarker(blockMarker(arrow))).toBe(arrow);
    expect(expandMacroLine('macro r s=%"\ud800"')).toBeNull();
  });

  // pretty-printed backups: the indentation inside a parameter made of elements is not spelled
  it.each([
    [
      '<ac:structured-macro ac:name="widget"><ac:parameter ac:name="url">\n    <ri:url ri:value="http://vimeo.com/1"/>\n  </ac:parameter></ac:structured-macro>',
      'macro widget url=<ri:url ri:value="http://vimeo.com/1"/>',
    ],
    [
      '<ac:structured-macro ac:name="view-file"><ac:parameter ac:name="name">\n    <ri:attachment ri:filename="a.pdf"\n        ri:version-at-save="1" />\n  </ac:parameter><ac:parameter ac:name="height">250</ac:parameter></ac:structured-macro>',
      'macro view-file name=<ri:attachment ri:filename="a.pdf" ri:version-at-save="1" /> height="250"',
    ],
    [
      '<ac:structured-macro ac:name="excerpt-include"><ac:parameter ac:name="page">\t<ac:link><ri:page ri:content-title="A  b"/></ac:link>\n</ac:parameter><ac:rich-text-body>',
      'macro excerpt-include page=<confluence-page:A  b> {',
    ],
    [
      '<ac:structured-macro ac:name="x"><ac:parameter ac:name="users">\n  <ri:user ri:username="a"/>\n  <ri:user ri:username="b"/>\n</ac:parameter></ac:structured-macro>',
      'macro x users=<ri:user ri:username="a"/><ri:user ri:username="b"/>',
    ],
    [
      '<ac:structured-macro ac:name="x"><ac:parameter ac:name="page"><ac:link>\n  <ri:page ri:space-key="S"\n     ri:content-title="P"/>\n</ac:link></ac:parameter></ac:structured-macro>',
      'macro x page=<confluence-page:S/P>',
    ],
  ])('%s → %s (the same storage to the engine)', (xml, line) => {
    expect(macroLine(xml)).toBe(line);
    const back = expandMacroLine(line)!;
    expect(back).not.toBe(xml);
    expect(normalizeStorage(back)).toBe(normalizeStorage(xml));
    expect(macroLine(back)).toBe(line);
    expect(parseBlockMarker(blockMarker(xml))).toBe(back);
    expect(inlineBack(xml)).toBe(back);
  });

  // a parameter linking to a page reads as the page's address, as the link construct writes it
  const pageParam = (value: string, name = 'page'): string =>
    `<ac:structured-macro ac:name="x"><ac:parameter ac:name="${name}">${value}</ac:parameter></ac:structured-macro>`;
  it.each([
    [
      pageParam('<ac:link><ri:page ri:content-title="Run book"/></ac:link>', ''),
      'macro x =<confluence-page:Run book>',
    ],
    [
      pageParam(
        '<ac:link><ri:page ri:space-key="OPS" ri:content-title="A/B #1 100% &amp; &quot;x&quot;"/></ac:link>',
      ),
      'macro x page=<confluence-page:OPS/A%2FB %231 100%25 & "x">',
    ],
    [
      '<ac:structured-macro ac:name="excerpt-include"><ac:default-parameter><ac:link><ri:page ri:content-title="P"/></ac:link></ac:default-parameter></ac:structured-macro>',
      'macro excerpt-include <confluence-page:P>',
    ],
    [
      '<ac:macro ac:name="children"><ac:default-parameter><ri:user ri:username="a"/></ac:default-parameter></ac:macro>',
      'ac:macro children <ri:user ri:username="a"/>',
    ],
    [
      pageParam('<ac:link><ri:page ri:content-title="@self"/></ac:link>', 'root'),
      'macro x root=<confluence-page:@self>',
    ],
  ])('%s ⇔ %s', (xml, line) => {
    expect(macroLine(xml)).toBe(line);
    expect(expandMacroLine(line)).toBe(xml);
    expect(parseBlockMarker(blockMarker(xml))).toBe(xml);
    expect(inlineBack(xml)).toBe(xml);
  });

  it.each([
    // a space before `/>`, the space key after the title, a reference the attribute need not spell
    pageParam('<ac:link><ri:page ri:content-title="_cloud environments vary" /></ac:link>', ''),
    pageParam('<ac:link><ri:page ri:content-title="Team&apos;s" ri:space-key="X"/></ac:link>'),
  ])('%s: the address, the same storage to the engine', (xml) => {
    const line = macroLine(xml)!;
    expect(line).toMatch(/=<confluence-page:[^>]+>$/);
    const back = expandMacroLine(line)!;
    expect(normalizeStorage(back)).toBe(normalizeStorage(xml));
    expect(macroLine(back)).toBe(line);
  });

  it.each([
    [
      'another attribute',
      pageParam('<ac:link><ri:page ri:content-title="P" ri:version-at-save="2"/></ac:link>'),
    ],
    [
      'a link text',
      pageParam(
        '<ac:link><ri:page ri:content-title="P"/><ac:plain-text-link-body><![CDATA[p]]></ac:plain-text-link-body></ac:link>',
      ),
    ],
    ['an anchor', pageParam('<ac:link ac:anchor="a"><ri:page ri:content-title="P"/></ac:link>')],
    [
      'two pages',
      pageParam(
        '<ac:link><ri:page ri:content-title="P"/></ac:link><ac:link><ri:page ri:content-title="Q"/></ac:link>',
      ),
    ],
  ])('a page link with %s keeps its XML in the line', (_name, xml) => {
    expect(macroLine(xml)).not.toContain('confluence-page:');
    expect(parseBlockMarker(blockMarker(xml))).toBe(xml);
  });

  it('an edited address is the page the push links; one that names no page is refused', () => {
    expect(toStorage('<!--cs:<p>macro include =<confluence-page:DOC/Other & more></p>-->\n').storage).toBe(
      '<p><ac:structured-macro ac:name="include"><ac:parameter ac:name=""><ac:link><ri:page ri:space-key="DOC" ri:content-title="Other &amp; more"/></ac:link></ac:parameter></ac:structured-macro></p>',
    );
    expect(expandMacroLine('macro include =<confluence-page:>')).toBeNull();
    expect(expandMacroLine('macro include =<confluence-page:P#anchor>')).toBeNull();
    expect(() => toStorage('<!--cs:macro include =<confluence-page:>-->\n')).toThrow(/CS-045|does not read/);
  });

  // a line break or tab in a text value: written as a character reference, the same characters
  it.each([
    [
      '<ac:structured-macro ac:name="contentbylabel"><ac:parameter ac:name="cql">label = "o-z"\n\t\t</ac:parameter></ac:structured-macro>',
      `macro contentbylabel cql='label = "o-z"&#10;&#9;&#9;'`,
    ],
    [
      '<ac:structured-macro ac:name="cfm-footnote"><ac:parameter ac:name="text">Hello there.\n            Fine, thanks.</ac:parameter><ac:parameter ac:name="url">\n  <ri:url ri:value="u"/>\n</ac:parameter></ac:structured-macro>',
      'macro cfm-footnote text="Hello there.&#10;            Fine, thanks." url=<ri:url ri:value="u"/>',
    ],
  ])('%s → %s (line breaks as references)', (xml, line) => {
    expect(macroLine(xml)).toBe(line);
    const back = expandMacroLine(line)!;
    expect(normalizeStorage(back)).toBe(normalizeStorage(xml));
    expect(toMarkdown(back)).toBe(toMarkdown(xml));
    expect(parseBlockMarker(blockMarker(xml))).toBe(back);
    expect(inlineBack(xml)).toBe(inlineMacroLine(xml) === line ? back : inlineBack(back));
  });

  // text in a value keeps its whitespace: XML stays
  it.each([
    '<ac:structured-macro ac:name="x"><ac:parameter ac:name="a">\n  a <ri:user ri:username="u"/> b\n</ac:parameter></ac:structured-macro>',
    '<ac:structured-macro ac:name="x"><ac:parameter ac:name="a">say "it\'s"\n</ac:parameter></ac:structured-macro>',
  ])('keeps the XML form when the whitespace counts: %s', (xml) => {
    expect(macroLine(xml)).toBeNull();
    expect(parseBlockMarker(blockMarker(xml))).toBe(xml);
    expect(inlineBack(xml)).toBe(xml);
  });

  it.each(['macro a', '/macro', 'ac:macro toc /', 'macro x k="v" {'])(
    'carried text that looks like a macro line (%s) comes back as that text',
    (text) => {
      expect(parseBlockMarker(blockMarker(text))).toBe(text);
      expect(inlineBack(text)).toBe(text);
    },
  );

  // a line's values are what a person reads and edits: a push writes the edit
  it.each([
    [
      '<!--cs:<p>macro jira jqlQuery=\'project = "A"\' maximumIssues="20"</p>-->\n',
      (md: string) => md.replace('"A"', '"B" AND status = Done').replace('"20"', '"50"'),
      '<p><ac:structured-macro ac:name="jira"><ac:parameter ac:name="jqlQuery">project = "B" AND status = Done</ac:parameter><ac:parameter ac:name="maximumIssues">50</ac:parameter></ac:structured-macro></p>',
    ],
    [
      'Ask <span data-cs=\'macro cheese title="Open"\'></span> now.\n',
      (md: string) => md.replace('Open', 'R&D done'),
      '<p>Ask <ac:structured-macro ac:name="cheese"><ac:parameter ac:name="title">R&amp;D done</ac:parameter></ac:structured-macro> now.</p>',
    ],
    [
      '<!--cs:macro excerpt hidden="true" {-->\n\nText.\n\n<!--cs:/macro-->\n',
      (md: string) => md.replace('"true"', '"false"'),
      '<ac:structured-macro ac:name="excerpt"><ac:parameter ac:name="hidden">false</ac:parameter><ac:rich-text-body><p>Text.</p></ac:rich-text-body></ac:structured-macro>',
    ],
    [
      '<!--cs:macro x note="a"-->\n',
      (md: string) => md.replace('"a"', '"a ]]> b"'),
      '<ac:structured-macro ac:name="x"><ac:parameter ac:name="note">a ]]&gt; b</ac:parameter></ac:structured-macro>',
    ],
  ])('an edited value is pushed: %s', (markdown, edit, storage) => {
    const edited = edit(markdown);
    const pushed = toStorage(edited).storage;
    expect(pushed).toBe(storage);
    expect(toStorage(toMarkdown(pushed)).storage).toBe(pushed);
  });

  it.each([
    '<!--cs:macro jira key="X-1-->\n',
    '<!--cs:<p>macro jira jql=\'a = "b"</p>-->\n',
    'See <span data-cs=\'macro jira key="a<b"\'></span>.\n',
    // an element value that is not elements (a relative path typed where an address goes) is not sent
    '<!--cs:macro include =<../other.md>-->\n',
    '<!--cs:macro x u=<ri:user ri:username="a">-->\n',
  ])('a line an edit broke is refused with CS-045, not pushed as text: %s', (markdown) => {
    expect(() => toStorage(markdown)).toThrow(expect.objectContaining({ code: 'CS-045' }));
  });

  it.each(['macro foo bar', 'ac:macro x y z', '<p>macro x<br/></p>'])(
    'carried text that starts like a line (%s) is written so that it never reads as one',
    (text) => {
      expect(blockMarker(text)).toMatch(/^<!--cs64:/);
      expect(parseBlockMarker(blockMarker(text))).toBe(text);
      expect(inlineBack(text)).toBe(text);
    },
  );
});
