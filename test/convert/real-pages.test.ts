/**
 * Real pages (test/convert/real-pages, sources in its SOURCES.md) and real docs Markdown
 * (test/convert/real-docs): what a person sees when they pull and push pages as Confluence
 * users leave them. Prints the readability figures; `npx tsx test/convert/real-corpus.ts --detail`
 * prints them per page.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeStorage, toStorage } from '../../src/convert/index.js';
import { corpusContext } from './corpus-context.js';
import { expectAcceptedStorage } from './helpers.js';
import {
  HELD_OUT_4,
  type PageFigures,
  acceptedByEngine,
  isCloudFixture,
  measure,
  median,
  quantile,
  realPages,
  report,
} from './real-corpus.js';
import { trip } from './roundtrip-check.js';

const all = realPages();
const pages = all.filter((p) => acceptedByEngine(p.storage));
const figures = pages.map((p) => measure(p.file, p.kind, p.storage));
const byFile = new Map(figures.map((f) => [f.file, f]));
const fullPages = figures.filter((f) => f.kind !== 'fragment');
/** Cloud-editor pages people wrote (the other cloud files are converter fixtures of one construct each). */
const cloudPages = figures.filter((f) => f.kind === 'cloud' && !isCloudFixture(f.file));
/** The corpus before the fourth round's held-out pages joined it (its ratchets hold that set). */
const before4 = fullPages.filter((f) => !HELD_OUT_4.has(f.file));
/** The fourth round's held-out pages, measured before the converter was changed for them. */
const heldOut = figures.filter((f) => HELD_OUT_4.has(f.file));
const share = (list: PageFigures[], ok: (f: PageFigures) => boolean): number =>
  list.filter(ok).length / list.length;

describe('real Confluence pages', () => {
  it('has at least 179 real pages besides fragments (36 prose pages of a server site, 59 Cloud-editor pages people wrote, 54 of them held out), every one accepted by the engine', () => {
    console.log(`\nreal pages (${figures.length}):\n${report(figures)}\n`);
    expect(fullPages.length).toBeGreaterThanOrEqual(179);
    expect(figures.filter((f) => f.kind === 'server').length).toBeGreaterThanOrEqual(36);
    expect(cloudPages.length).toBeGreaterThanOrEqual(59);
    expect(heldOut.length).toBeGreaterThanOrEqual(54);
    expect(all.length - pages.length).toBe(0);
  });

  it('a page link without a text of its own shows the title (GitHub shows nothing for [](…)): only anchored ones stay empty', () => {
    // 152 empty page-link texts on 38 pages before (57 on one Data Center page); mentions stay [](confluence-user:…)
    const empty = figures.flatMap((f) =>
      [...f.markdown.matchAll(/(?<!!)\[\]\((<?confluence-page:[^)]*|[^)\s:]*\.md(?:#[^)]*)?)\)/g)].map(
        (m) => m[1]!,
      ),
    );
    expect(empty.filter((url) => !url.includes('#'))).toEqual([]);
    expect(empty.length).toBeLessThanOrEqual(1);
  });

  it.each(pages.map((p) => p.file))('%s: converts without a crash, keeps its text and elements', (file) => {
    const f = byFile.get(file)!;
    expect(f.crash).toBeUndefined();
    expect(f.textKept).toBe(true);
    expect(f.missing).toEqual([]);
  });

  it.each(pages.map((p) => p.file))(
    '%s: the body written back is what Confluence accepts and means the same',
    (file) => {
      const page = pages.find((p) => p.file === file)!;
      const back = toStorage(byFile.get(file)!.markdown, corpusContext).storage;
      expectAcceptedStorage(back);
      // the engine's comparison: what a pull keeps out of the Markdown does not count as a change
      expect(normalizeStorage(back)).toBe(normalizeStorage(page.storage));
    },
  );

  it('is a fixpoint for at least 98% of pages (pull, push, pull changes nothing)', () => {
    const failing = figures.filter((f) => !f.fixpoint).map((f) => f.file);
    expect(
      share(figures, (f) => f.fixpoint),
      failing.join(', '),
    ).toBeGreaterThanOrEqual(0.98);
  });

  it('keeps presentation and editor metadata out of the Markdown', () => {
    for (const f of figures) {
      // a fence's info string spells a line break inside a macro parameter `&#xA;` (code.ts): not whitespace between blocks
      const outsideInfoStrings = f.markdown.replace(/^[ \t>]*(?:`{3,}|~{3,}).*$/gm, '');
      expect(outsideInfoStrings, f.file).not.toMatch(
        /local-id=|ac:macro-id=|data-layout=|data-table-width=|data-highlight-colour=|<colgroup|ac:inline-comment-marker|class="external-link"|&#xA;/,
      );
    }
  });

  // Ratchets at the figures this corpus reaches (see docs/conversion.md): most of the backup and cloud
  // pages are test pages of one or a few third-party macros, which stay carried through losslessly (as
  // macro lines where they are a name and parameters); the server pages are real documentation.
  // Before macro lines: 79.3% (Cloud 86.8%); before the second round (images, tables, emoji, styled
  // elements; pretty-printed and plain-text macros): 67.5% (74.8%), locked 24.6%, 80 pages; before the
  // third round (125 pages with the Cloud-editor pages): 38.7% (cloud 44.6%, server 11.8%), locked 4.3%.
  // Fourth round (layout lines, mentions, inline images, empty captions): the 125 pages before it 18.1% → 14.9%.
  it('carry-through markup: median share of a pulled page does not grow', () => {
    expect(median(fullPages.map((f) => f.carryShare))).toBeLessThanOrEqual(0.074);
    expect(median(before4.map((f) => f.carryShare))).toBeLessThanOrEqual(0.15);
    const cloud = figures.filter((f) => f.kind === 'cloud');
    expect(median(cloud.map((f) => f.carryShare))).toBeLessThanOrEqual(0.01);
    const server = before4.filter((f) => f.kind === 'server');
    // 11.8% before the third macro round (code-pro fences, anchors, page-link values)
    expect(median(server.map((f) => f.carryShare))).toBeLessThanOrEqual(0.055);
  });

  // Issue 12's "done when", on pages the converter was not built against (held-out-4.txt). Measured before
  // this round's changes: 0 crashes, fixpoint 100%, text kept 96.3% and elements kept 98.1% (two defects,
  // fixed: real-pages-defects.test.ts), carry-through median 0.0% (Cloud 0.0%, p90 30.3%; server 6.6%),
  // prose locked median 0.0%.
  it("held-out pages: the issue's targets, at the figures reached", () => {
    expect(heldOut.filter((f) => f.crash || !f.textKept || !f.elementsKept)).toEqual([]);
    expect(share(heldOut, (f) => f.fixpoint)).toBeGreaterThanOrEqual(0.98);
    expect(median(heldOut.map((f) => f.carryShare))).toBeLessThanOrEqual(0.001);
    expect(median(heldOut.map((f) => f.lockedProse))).toBeLessThanOrEqual(0.001);
    const cloud = heldOut.filter((f) => f.kind === 'cloud').map((f) => f.carryShare);
    expect(median(cloud)).toBeLessThanOrEqual(0.001);
    expect(quantile(cloud, 0.9)).toBeLessThanOrEqual(0.245);
    const server = heldOut.filter((f) => f.kind === 'server');
    expect(median(server.map((f) => f.carryShare))).toBeLessThanOrEqual(0.067);
    expect(median(server.map((f) => f.lockedProse))).toBeLessThanOrEqual(0.015);
  });

  // Issue 12's target, on the pages people wrote in the Cloud editor: median ≤ 10%. Before the third
  // round (figures with captions, image borders, cell blocks, card links, Atlassian emoji): median 31.0%,
  // p90 54.5%, prose locked 5.1%.
  it('Cloud-editor pages: carry-through and locked prose stay at the figures reached', () => {
    const earlier = cloudPages.filter((f) => !HELD_OUT_4.has(f.file));
    const carry = earlier.map((f) => f.carryShare);
    expect(median(carry)).toBeLessThanOrEqual(0.01);
    expect(quantile(carry, 0.9)).toBeLessThanOrEqual(0.13);
    expect(median(earlier.map((f) => f.lockedProse))).toBeLessThanOrEqual(0.005);
    expect(median(cloudPages.map((f) => f.carryShare))).toBeLessThanOrEqual(0.001);
  });

  // Two measures (docs/conversion.md): every character of text inside a marker (24.6% before macros2, 4.0%
  // before the third macro round),
  // and the same without the parameter values of macro lines, which a person reads and edits in the line.
  it('prose locked inside carry-through: median does not grow', () => {
    expect(median(fullPages.map((f) => f.lockedProse))).toBeLessThanOrEqual(0.001);
    expect(median(before4.map((f) => f.lockedProse))).toBeLessThanOrEqual(0.007);
    expect(median(fullPages.map((f) => f.lockedOutsideLines))).toBeLessThanOrEqual(0.001);
    const server = before4.filter((f) => f.kind === 'server');
    expect(median(server.map((f) => f.lockedProse))).toBeLessThanOrEqual(0.01);
  });

  it('pulls a Cloud-editor table (layout, widths, ids, inline comments) as a GFM table', () => {
    const page = pages.find((p) => p.file === 'cloud--xw-madinlinecomments.xml')!;
    expect(page.storage).toMatch(/<table[^>]*data-layout=/);
    expect(page.storage).toContain('<ac:inline-comment-marker');
    const f = byFile.get(page.file)!;
    expect(f.markdown).toMatch(/^\| .* \|$/m);
    expect(f.markdown).not.toContain('<!--cs:<table');
  });
});

const docsDir = join(import.meta.dirname, 'real-docs');
const docs = readdirSync(docsDir).filter((f) => f.endsWith('.md') && f !== 'SOURCES.md');

/** The files SOURCES.md lists under each of its sections (the first, untitled one: the files built against). */
function docsBySection(): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let name = 'built against';
  for (const line of readFileSync(join(docsDir, 'SOURCES.md'), 'utf8').split('\n')) {
    const heading = /^## (.+)$/.exec(line);
    if (heading) name = heading[1]!;
    const file = /^\| ([^ |]+\.md) \|/.exec(line)?.[1];
    if (file) sections.set(name, [...(sections.get(name) ?? []), file]);
  }
  return sections;
}

describe('real docs Markdown', () => {
  const results = docs.map((file) => ({ file, ...trip(readFileSync(join(docsDir, file), 'utf8')) }));

  // 120 files of 20 projects the converter was built against, 98 held-out files of 18 more and 46 of
  // held-out set 2, 11 more (SOURCES.md)
  it('has at least 264 files from 49 well-known projects', () => {
    expect(docs.length).toBeGreaterThanOrEqual(264);
    expect(new Set(docs.map((f) => f.split('--')[0])).size).toBeGreaterThanOrEqual(49);
  });

  it('every file is a fixpoint and writes well-formed storage', () => {
    expect(results.filter((r) => !r.fixpoint || !r.wellFormed).map((r) => r.file)).toEqual([]);
  });

  // Same rendered meaning is the same DOM (roundtrip-check.ts sameMeaning: attributes as a set, values
  // entity-decoded); the strict figure compares the HTML strings and is printed beside it.
  it('at least 95% render to the same HTML after the round trip', () => {
    const same = results.filter((r) => r.sameHtml).length / results.length;
    const strict = results.filter((r) => r.sameHtmlStrict).length / results.length;
    const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
    console.log(
      `real docs: ${results.length} files, fixpoint 100%, same rendered meaning ${pct(same)}, same HTML string ${pct(strict)}; differing: ${results
        .filter((r) => !r.sameHtml)
        .map((r) => r.file)
        .join(', ')}`,
    );
    for (const [section, files] of docsBySection()) {
      const rows = results.filter((r) => files.includes(r.file));
      const share = (ok: (r: (typeof rows)[number]) => boolean): string =>
        pct(rows.filter(ok).length / rows.length);
      console.log(
        `  ${section}: ${rows.length} files, fixpoint ${share((r) => r.fixpoint)}, same meaning ${share((r) => r.sameHtml)}, same HTML string ${share((r) => r.sameHtmlStrict)}`,
      );
    }
    expect(same).toBeGreaterThanOrEqual(0.95);
  });

  it('every file is listed in SOURCES.md with its source', () => {
    const listed = new Set([...docsBySection().values()].flat());
    expect(docs.filter((f) => !listed.has(f))).toEqual([]);
  });
});
