/**
 * (c) Property tests: random Markdown documents built from the supported constructs reach a
 * fixpoint after one trip, and random storage built from known and unknown elements comes back
 * as the same XML.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeStorage, toMarkdown, toStorage } from '../../src/convert/index.js';
import { checkStorageXml } from '../emulator/storage-xml.js';

const word = fc.stringMatching(/^[A-Za-z0-9]{1,8}$/);
const punct = fc.constantFrom(
  '*',
  '_',
  '[',
  ']',
  '<',
  '>',
  '&',
  '|',
  '\\',
  '`',
  '#',
  '!',
  ':',
  '~',
  '"',
  "'",
  '-',
  '+',
  '.',
  '(',
  ')',
);
const token = fc.oneof({ weight: 5, arbitrary: word }, { weight: 1, arbitrary: punct });
const plain = fc.array(token, { minLength: 1, maxLength: 6 }).map((t) => t.join(' '));
const safeWord = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));

const inline: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: plain },
  { weight: 1, arbitrary: safeWord.map((w) => `**${w}**`) },
  { weight: 1, arbitrary: safeWord.map((w) => `*${w}*`) },
  { weight: 1, arbitrary: safeWord.map((w) => `~~${w}~~`) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z<>&|*_ ]{1,10}$/).map((c) => `\`${c.trim() || 'x'}\``) },
  { weight: 1, arbitrary: fc.tuple(safeWord, word).map(([t, u]) => `[${t}](https://example.com/${u})`) },
  { weight: 1, arbitrary: fc.tuple(word, word).map(([a, f]) => `![${a}](${f}.png)`) },
  { weight: 1, arbitrary: fc.constantFrom(':smile:', ':+1:', ':warning:', '\\:smile:') },
  { weight: 1, arbitrary: safeWord.map((w) => `<span data-status="Blue">${w}</span>`) },
  { weight: 1, arbitrary: safeWord.map((w) => `H<sub>${w}</sub>`) },
);
const line = fc.array(inline, { minLength: 1, maxLength: 5 }).map((p) => p.join(' '));

const leaf: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: line },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.integer({ min: 1, max: 6 }), line).map(([d, t]) => `${'#'.repeat(d)} ${t}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('', 'js', 'py'), fc.stringMatching(/^[ -~\n]{0,40}$/))
      .map(([l, c]) => `\`\`\`\`${l}\n${c.replace(/`/g, "'")}\n\`\`\`\``),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.tuple(line, line), { minLength: 1, maxLength: 3 })
      .map(
        (rows) =>
          `| a | b |\n| :- | -: |\n${rows.map(([x, y]) => `| ${x.replace(/\|/g, '\\|')} | ${y.replace(/\|/g, '\\|')} |`).join('\n')}`,
      ),
  },
  { weight: 1, arbitrary: fc.constant('***') },
  { weight: 1, arbitrary: fc.constant('[TOC]') },
);

const block: fc.Arbitrary<string> = fc.letrec<{ block: string }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('block'), { minLength: 1, maxLength: 2 }).map((bs) => bs.join('\n\n').replace(/^/gm, '> ')),
    fc
      .tuple(
        fc.boolean(),
        fc.array(line, { minLength: 1, maxLength: 3 }),
        fc.option(tie('block'), { nil: undefined }),
      )
      .map(
        ([ordered, items, nested]) =>
          items.map((t, i) => `${ordered ? `${i + 1}.` : '-'} ${t}`).join('\n') +
          (nested ? `\n${nested.replace(/^/gm, ordered ? '   ' : '  ')}` : ''),
      ),
    fc
      .array(fc.tuple(fc.boolean(), line), { minLength: 1, maxLength: 3 })
      .map((items) => items.map(([c, t]) => `- [${c ? 'x' : ' '}] ${t}`).join('\n')),
    fc
      .tuple(fc.constantFrom('NOTE', 'TIP', 'IMPORTANT', 'WARNING', 'CAUTION'), line)
      .map(([k, t]) => `> [!${k}]\n> ${t}`),
    fc
      .tuple(safeWord, tie('block'))
      .map(([s, b]) => `<details>\n<summary>${s}</summary>\n\n${b}\n\n</details>`),
  ),
})).block;

const documentArb = fc.array(block, { minLength: 1, maxLength: 6 }).map((bs) => `${bs.join('\n\n')}\n`);

describe('Markdown fixpoint after one trip', () => {
  it('holds for random documents built from the constructs', () => {
    fc.assert(
      fc.property(documentArb, (md) => {
        const s = toStorage(md).storage;
        expect(checkStorageXml(s)).toBeNull();
        const md1 = toMarkdown(s);
        const md2 = toMarkdown(toStorage(md1).storage);
        expect(md2).toBe(md1);
      }),
      { numRuns: 150 },
    );
  });
});

const text = fc
  .stringMatching(/^[A-Za-z0-9 <>&"'*_#|:\\[\]-]{1,12}$/)
  .map((t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
const inlineXml: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 1, arbitrary: text.map((t) => `<strong>${t.trim() || 'x'}</strong>`) },
  { weight: 1, arbitrary: text.map((t) => `<span style="color: red;">${t}</span>`) },
  { weight: 1, arbitrary: fc.constant('<ac:link><ri:user ri:account-id="557058:1"/></ac:link>') },
  { weight: 1, arbitrary: fc.constant('<ac:emoticon ac:name="tick"/>') },
  {
    weight: 1,
    arbitrary: fc.constant(
      '<ac:structured-macro ac:name="jira"><ac:parameter ac:name="key">A-1</ac:parameter></ac:structured-macro>',
    ),
  },
);
const para = fc.array(inlineXml, { minLength: 1, maxLength: 4 }).map((p) => `<p>${p.join('')}</p>`);
const blockXml: fc.Arbitrary<string> = fc.letrec<{ b: string }>((tie) => ({
  b: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    para,
    fc
      .array(para, { minLength: 1, maxLength: 2 })
      .map((ps) => `<ul>${ps.map((p) => `<li>${p}</li>`).join('')}</ul>`),
    fc
      .array(tie('b'), { minLength: 1, maxLength: 2 })
      .map(
        (bs) =>
          `<ac:structured-macro ac:name="unknown-x"><ac:parameter ac:name="p">1</ac:parameter><ac:rich-text-body>${bs.join('')}</ac:rich-text-body></ac:structured-macro>`,
      ),
    fc
      .array(tie('b'), { minLength: 1, maxLength: 2 })
      .map(
        (bs) =>
          `<ac:layout><ac:layout-section ac:type="single"><ac:layout-cell>${bs.join('')}</ac:layout-cell></ac:layout-section></ac:layout>`,
      ),
    fc
      .array(tie('b'), { minLength: 1, maxLength: 2 })
      .map(
        (bs) =>
          `<ac:structured-macro ac:name="info"><ac:rich-text-body>${bs.join('')}</ac:rich-text-body></ac:structured-macro>`,
      ),
    fc.constant('<p />'),
  ),
})).b;

describe('storage round trip', () => {
  it('brings random pages of known and unknown elements back as the same XML', () => {
    fc.assert(
      fc.property(fc.array(blockXml, { minLength: 1, maxLength: 5 }), (blocks) => {
        const s = blocks.join('');
        const back = toStorage(toMarkdown(s)).storage;
        expect(checkStorageXml(back)).toBeNull();
        expect(normalizeStorage(back)).toBe(normalizeStorage(s));
      }),
      { numRuns: 150 },
    );
  });
});
