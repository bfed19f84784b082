import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SyncError } from '../../../src/errors.js';
import { assertInside, folderOf, localPathForPage, safeName } from '../../../src/sync/state/paths.js';

describe('safeName', () => {
  it.each([
    ['Getting Started', 'Getting Started.md'],
    ['A/B: C*D?"E"<F>|G\\H', 'A-B- C-D--E--F--G-H.md'],
    ['tabs\tand\nnewlines\u0001', 'tabs and newlines-.md'],
    ['trailing dots...', 'trailing dots.md'],
    ['  spaced  ', 'spaced.md'],
    ['..', 'untitled.md'],
    ['../../etc/passwd', '-..-etc-passwd.md'],
    ['.hidden', 'hidden.md'],
    ['', 'untitled.md'],
    ['CON', 'CON_.md'],
    ['com1', 'com1_.md'],
    ['LPT9.txt', 'LPT9_.txt.md'],
    ['nul.tar.gz', 'nul_.tar.gz.md'],
    ['aux .txt', 'aux_.txt.md'],
    ['CONOUT$', 'CONOUT$_.md'],
    ['Index', 'Index-page.md'],
    ['readme', 'readme-page.md'],
    ['Console', 'Console.md'],
  ])('%j → %j', (title, expected) => {
    expect(safeName(title)).toBe(expected);
  });

  it('normalises to NFC', () => {
    expect(safeName('Cafe\u0301')).toBe('Caf\u00e9.md');
  });

  it('keeps any title within 255 UTF-8 bytes, safe on every OS, never "." or ".."', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 400 }),
          fc
            .tuple(fc.constantFrom('con', 'NUL', 'Aux', 'com1', 'lpt9', 'prn'), fc.string({ maxLength: 8 }))
            .map(([device, rest]) => `${device}${rest}`),
        ),
        (title) => {
          const name = safeName(title);
          expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
          expect(name).toMatch(/\.md$/);
          expect(name).not.toMatch(/[/\\:*?"<>|\u0000-\u001f]/);
          expect(name.slice(0, -3)).not.toMatch(/^\.|[. ]$/);
          expect(name.split('.')[0]?.trimEnd()).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/i);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('truncates long titles on a character boundary', () => {
    const name = safeName('é'.repeat(300));
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    expect(name).toBe(`${'é'.repeat(126)}.md`);
  });
});

describe('folderOf', () => {
  it.each([
    [null, ''],
    ['guide/index.md', 'guide/'],
    ['guide/README.md', 'guide/'],
    ['guide/', 'guide/'],
    ['guide.md', 'guide/'],
    ['a/b/setup.md', 'a/b/setup/'],
    ['index.md', 'index/'],
  ])('%j → %j', (docPath, expected) => {
    expect(folderOf(docPath)).toBe(expected);
  });
});

describe('localPathForPage', () => {
  const none = new Set<string>();

  it('places a leaf under its parent folder and a page with children as dir/index.md', () => {
    expect(
      localPathForPage({
        id: '1',
        title: 'Setup',
        parentPath: 'guide/index.md',
        hasChildren: false,
        taken: none,
      }),
    ).toBe('guide/Setup.md');
    expect(
      localPathForPage({ id: '1', title: 'Guide', parentPath: null, hasChildren: true, taken: none }),
    ).toBe('Guide/index.md');
    expect(
      localPathForPage({ id: '1', title: 'Deep', parentPath: 'a/b.md', hasChildren: false, taken: none }),
    ).toBe('a/b/Deep.md');
  });

  it('makes names unique among siblings ignoring case, with a suffix that depends only on the page id', () => {
    const taken = new Set(['guide/setup.md', 'guide/api/']);
    expect(
      localPathForPage({ id: '77', title: 'SETUP', parentPath: 'guide/', hasChildren: false, taken }),
    ).toBe('guide/SETUP-77.md');
    expect(localPathForPage({ id: '78', title: 'Api', parentPath: 'guide/', hasChildren: true, taken })).toBe(
      'guide/Api-78/index.md',
    );
    const both = new Set(['x.md', 'x-5.md']);
    expect(localPathForPage({ id: '5', title: 'x', parentPath: null, hasChildren: false, taken: both })).toBe(
      'x-5-2.md',
    );
  });

  it('two titles that sanitise alike get distinct paths', () => {
    const taken = new Set<string>();
    const first = localPathForPage({ id: '1', title: 'a/b', parentPath: null, hasChildren: false, taken });
    taken.add(first.toLowerCase());
    const second = localPathForPage({ id: '2', title: 'a:b', parentPath: null, hasChildren: false, taken });
    expect([first, second]).toEqual(['a-b.md', 'a-b-2.md']);
  });
});

describe('assertInside', () => {
  it('returns the absolute path inside root', () => {
    expect(assertInside('/repo/docs', 'guide/a.md')).toBe('/repo/docs/guide/a.md');
  });

  it.each(['../secret.md', 'guide/../../x.md', '/etc/passwd'])('refuses %j with CS-041', (path) => {
    try {
      assertInside('/repo/docs', path);
      throw new Error('not refused');
    } catch (e) {
      expect(e).toBeInstanceOf(SyncError);
      expect((e as SyncError).code).toBe('CS-041');
    }
  });
});
