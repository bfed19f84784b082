/**
 * Macros with a plain-text body as fenced code (src/convert/constructs/code.ts): the info string spells
 * the macro and its parameters, the body is the fence's content, and a push writes the macro back.
 */
import { describe, expect, it } from 'vitest';
import { normalizeStorage, toMarkdown, toStorage } from '../../src/convert/index.js';
import { expectAcceptedStorage } from './helpers.js';

const body = (text: string): string => `<ac:plain-text-body><![CDATA[${text}]]></ac:plain-text-body>`;
const sm = (name: string, inner: string): string =>
  `<ac:structured-macro ac:name="${name}">${inner}</ac:structured-macro>`;
const param = (name: string, value: string): string =>
  `<ac:parameter ac:name="${name}">${value}</ac:parameter>`;

describe('plain-text macros pull as fenced code and push back byte for byte', () => {
  it.each([
    ['noformat', sm('noformat', body('no format content')), '```macro=noformat\nno format content\n```\n'],
    [
      'old-editor noformat stays an ac:macro',
      `<ac:macro ac:name="noformat">${body('x')}</ac:macro>`,
      '```ac:macro=noformat\nx\n```\n',
    ],
    [
      'old-editor code with its language first',
      `<ac:macro ac:name="code">${param('language', 'java')}${param('title', 'T')}${body('x')}</ac:macro>`,
      '```java ac:macro=code title=T\nx\n```\n',
    ],
    [
      'old-editor code, parameters in their order',
      `<ac:macro ac:name="code">${param('title', 'Bloc code title')}${param('theme', 'DJango')}${param('language', 'java')}${body('Content of bloc code')}</ac:macro>`,
      '```ac:macro=code title="Bloc code title" theme=DJango language=java\nContent of bloc code\n```\n',
    ],
    [
      'a third-party macro with a parameter named with an underscore and an empty one',
      sm('plantuml', `${param('_template', 'a/b.vm')}${param('x', '')}${body('@startuml\nA -> B\n@enduml')}`),
      '```macro=plantuml _template=a/b.vm x=""\n@startuml\nA -> B\n@enduml\n```\n',
    ],
    [
      'a code macro with a title but no language',
      sm('code', `${param('title', 'A b')}${body('x')}`),
      '```macro=code title="A b"\nx\n```\n',
    ],
    [
      'a value with an ampersand and a quote-free backslash',
      sm(
        'mathblock',
        `${param('anchor', 'a &amp; b')}${body('\\begin{align}\n1 &amp;= 1\\\\\n\\end{align}')}`,
      ),
      '```macro=mathblock anchor="a & b"\n\\begin{align}\n1 &amp;= 1\\\\\n\\end{align}\n```\n',
    ],
    ['an empty body', sm('noformat', body('')), '```macro=noformat\n```\n'],
    ['trailing newlines', sm('noformat', body('a\n\n')), '```macro=noformat\na\n\n\n```\n'],
    ['leading blank line', sm('noformat', body('\n  a')), '```macro=noformat\n\n  a\n```\n'],
    [
      '`]]>` split the way CDATA spells it',
      sm('noformat', '<ac:plain-text-body><![CDATA[a]]]]><![CDATA[>b]]></ac:plain-text-body>'),
      '```macro=noformat\na]]>b\n```\n',
    ],
    [
      'a pretty-printed export: line breaks and indentation inside values (code-pro, Magnolia docs)',
      sm(
        'code-pro',
        `${param('language', 'bash')}${param('title', 'hello-cloud   ')}${param('atlassian-macro-output-type', '\n    INLINE\n   ')}${body('mgnl start\n')}`,
      ),
      '```bash macro=code-pro title="hello-cloud   " atlassian-macro-output-type="&#xA;    INLINE&#xA;   "\nmgnl start\n\n```\n',
    ],
    [
      'a tab and a line break in a code macro title',
      `<ac:structured-macro ac:name="code" ac:schema-version="1">${param('language', 'sh')}${param('title', 'a\tb\nc')}${body('x')}</ac:structured-macro>`,
      '```sh title="a\tb&#xA;c"\nx\n```\n',
    ],
    [
      'a body holding a fence gets a longer fence',
      sm('noformat', body('```\nx\n```')),
      '````macro=noformat\n```\nx\n```\n````\n',
    ],
  ])('%s', (_name, storage, markdown) => {
    const pulled = toMarkdown(storage);
    expect(pulled).toBe(markdown);
    const pushed = toStorage(pulled).storage;
    expectAcceptedStorage(pushed);
    expect(pushed).toBe(storage);
    expect(toMarkdown(pushed)).toBe(markdown);
  });

  // the same text in another spelling: the push writes the usual one, the engine sees the same page
  it.each([
    ['an empty self-closing body', sm('noformat', '<ac:plain-text-body/>'), '```macro=noformat\n```\n'],
    [
      'a body of escaped text',
      sm('noformat', '<ac:plain-text-body>a &lt; b</ac:plain-text-body>'),
      '```macro=noformat\na < b\n```\n',
    ],
    [
      '`]]>` split elsewhere',
      sm('noformat', '<ac:plain-text-body><![CDATA[a]]]><![CDATA[]>b]]></ac:plain-text-body>'),
      '```macro=noformat\na]]>b\n```\n',
    ],
    [
      'editor metadata',
      '<ac:structured-macro ac:name="noformat" ac:schema-version="1" ac:macro-id="092d">' +
        body('x') +
        '</ac:structured-macro>',
      '```macro=noformat\nx\n```\n',
    ],
  ])('%s: the same storage to the engine', (_name, storage, markdown) => {
    const pulled = toMarkdown(storage);
    expect(pulled).toBe(markdown);
    const pushed = toStorage(pulled).storage;
    expect(normalizeStorage(pushed)).toBe(normalizeStorage(storage));
    expect(toMarkdown(pushed)).toBe(markdown);
  });

  it.each([
    ['a carriage return in the body', sm('noformat', body('a\r\nb'))],
    ['a parameter without a name', sm('code', `${param('', 'SQL')}${body('select 1')}`)],
    ['a value holding a double quote', sm('noformat', `${param('t', 'say "hi"')}${body('x')}`)],
    ['a value holding a carriage return', sm('noformat', `${param('t', 'a\r\nb')}${body('x')}`)],
    [
      'a parameter made of an element',
      sm('x', `${param('p', '<ri:page ri:content-title="P"/>')}${body('x')}`),
    ],
    [
      'another attribute',
      '<ac:structured-macro ac:name="x" data-x="1">' + body('x') + '</ac:structured-macro>',
    ],
    [
      'a default parameter',
      `<ac:macro ac:name="code"><ac:default-parameter>java</ac:default-parameter>${body('x')}</ac:macro>`,
    ],
  ])('%s: stays carried, byte for byte', (_name, storage) => {
    const pulled = toMarkdown(storage);
    expect(pulled).not.toMatch(/^```/);
    expect(toStorage(pulled).storage).toBe(storage);
  });

  it.each([
    ['```py\nx\n```\n', 'code', '<ac:parameter ac:name="language">py</ac:parameter>'],
    ['```py macro=noformat\nx\n```\n', 'noformat', '<ac:parameter ac:name="language">py</ac:parameter>'],
    // only a leading pair names the macro: a later `macro=` is a parameter of the code macro
    ['```py title=x macro=y\nx\n```\n', 'code', '<ac:parameter ac:name="macro">y</ac:parameter>'],
  ])('Markdown %j is the %s macro', (markdown, name, part) => {
    const { storage } = toStorage(markdown);
    expect(storage).toMatch(new RegExp(`^<ac:structured-macro ac:name="${name}"`));
    expect(storage).toContain(part);
  });
});
