/**
 * (b) Storage corpus: realistic Confluence pages (Cloud and Data Center forms, layouts, unknown
 * and nested macros) survive storage → Markdown → storage unchanged as XML, so a pull followed by
 * a push of an untouched file writes nothing.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeStorage, toMarkdown, toStorage } from '../../src/convert/index.js';
import { corpusContext } from './corpus-context.js';
import { expectAcceptedStorage } from './helpers.js';

const dir = join(import.meta.dirname, 'fixtures');
const pages = readdirSync(dir).filter((f) => f.endsWith('.xml'));

describe('storage corpus round trip', () => {
  it('has pages', () => expect(pages.length).toBeGreaterThanOrEqual(4));

  describe.each(pages)('%s', (file) => {
    const storage = readFileSync(join(dir, file), 'utf8');
    const markdown = toMarkdown(storage, corpusContext);
    const back = toStorage(markdown, corpusContext).storage;

    it('is accepted by Confluence as it is', () => expectAcceptedStorage(storage));
    it('comes back as the same XML', () => expect(normalizeStorage(back)).toBe(normalizeStorage(storage)));
    it('writes well-formed storage', () => expectAcceptedStorage(back));
    it('reads back to the same Markdown', () => expect(toMarkdown(back, corpusContext)).toBe(markdown));
    it('carries every element through (no element name lost)', () => {
      // what a pull keeps out of the Markdown (Confluence keeps it; the push patches around it):
      // inline-comment anchors, column widths, colour spans, a line break ending a paragraph
      const presentation = new Set(['ac:inline-comment-marker', 'colgroup', 'col', 'span', 'br']);
      const names = (s: string): string[] =>
        [...new Set([...s.matchAll(/<([a-z][\w:-]*)/g)].map((m) => m[1]!))]
          .filter((n) => !presentation.has(n))
          .sort();
      expect(names(back)).toEqual(names(storage));
    });
  });

  it('keeps unknown XML byte for byte in the Markdown', () => {
    const storage = readFileSync(join(dir, 'dc-page.xml'), 'utf8');
    const markdown = toMarkdown(storage, corpusContext);
    // a mention is a link to the person (user-link.ts), not carried XML
    expect(markdown).toContain('[](confluence-user:userkey/8a7f808a4ab1c2f0014ab1c3e4f50001)');
    expect(markdown).toContain('<ac:placeholder>on-call name</ac:placeholder>');
  });

  it('survives a person editing the text around and inside carried XML', () => {
    const storage = readFileSync(join(dir, 'layouts.xml'), 'utf8');
    const edited = toMarkdown(storage, corpusContext)
      .replace('Side note.', 'Side note, edited.\n\nA new paragraph.')
      .replace('An *excerpt* kept editable.', 'An *excerpt* that was edited.');
    const back = toStorage(edited, corpusContext).storage;
    expectAcceptedStorage(back);
    expect(back).toContain('<ac:layout-cell><ac:structured-macro ac:name="recently-updated"');
    expect(back).toContain('<p>Side note, edited.</p><p>A new paragraph.</p></ac:layout-cell>');
    expect(back).toContain('<p>An <em>excerpt</em> that was edited.</p>');
    expect(back).toContain('<ac:parameter ac:name="hidden">false</ac:parameter>');
  });
});
