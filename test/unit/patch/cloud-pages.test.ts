/**
 * The push side of the Cloud-editor pages of the real corpus (test/convert/real-pages, `cloud--` files
 * people wrote): what a pull leaves out (captions' and images' editor attributes, image borders, cell
 * paragraphs, card appearances, Atlassian emoji) is still on the page after a push. Untouched, the body
 * goes back byte for byte; one edit rewrites one block, and a pull of the result is the edited file.
 */
import { describe, expect, it } from 'vitest';
import { toMarkdown, toStorage } from '../../../src/convert/index.js';
import { patchMarkdown } from '../../../src/convert/patch/index.js';
import { checkStorageXml } from '../../../src/convert/xml/well-formed.js';
import { corpusContext } from '../../convert/corpus-context.js';
import { isCloudFixture, realPages } from '../../convert/real-corpus.js';

const pages = realPages().filter((p) => p.kind === 'cloud' && !isCloudFixture(p.file));
const pull = (storage: string): string => toMarkdown(storage, corpusContext);

/** Edits a person makes in the constructs a pull now writes as Markdown; null when the page has none. */
const EDITS: { name: string; edit: (md: string) => string | null }[] = [
  {
    name: 'a figure caption',
    edit: (md) => {
      const out = md.replace(/(<figcaption>\n\n)([^\n]+)/, '$1$2 (edited)');
      return out === md ? null : out;
    },
  },
  {
    name: 'an item of a list in a table cell',
    edit: (md) => {
      const out = md.replace(/(\|[^\n]*<li>)([^<]+)/, '$1$2 (edited)');
      return out === md ? null : out;
    },
  },
];

describe('real Cloud-editor pages: push patches', () => {
  it('has the Cloud-editor pages of the corpus', () => {
    expect(pages.length).toBeGreaterThanOrEqual(25);
  });

  it.each(pages.map((p) => p.file))('%s: pushed untouched, the body goes back byte for byte', (file) => {
    const page = pages.find((p) => p.file === file)!;
    const result = patchMarkdown(page.storage, pull(page.storage), corpusContext);
    expect(result.storage).toBe(page.storage);
    expect(result.patch.blocks.changed + result.patch.blocks.added + result.patch.blocks.removed).toBe(0);
  });

  const cases = pages.flatMap((p) =>
    EDITS.map((e) => ({ file: p.file, page: p.storage, ...e })).filter((c) => c.edit(pull(c.page)) !== null),
  );

  it('edits at least 10 pages', () => {
    expect(new Set(cases.map((c) => c.file)).size).toBeGreaterThanOrEqual(10);
  });

  it.each(cases.map((c) => [c.file, c.name, c] as const))('%s: %s edited', (_file, _name, c) => {
    const edited = c.edit(pull(c.page))!;
    const result = patchMarkdown(c.page, edited, corpusContext);
    expect(checkStorageXml(result.storage, { anyPrefix: true })).toBeNull();
    expect(result.patch.blocks).toEqual({
      kept: result.patch.blocks.kept,
      changed: 1,
      added: 0,
      removed: 0,
    });
    expect(result.storage).toContain('(edited)');
    if (c.name === 'a figure caption') {
      // the edited figure keeps what only Confluence knows of its image: size, placement, ids, border
      const images = (body: string): string[] => body.match(/<ac:image\b[\s\S]*?<\/ac:image>/g) ?? [];
      const figure = images(result.storage).find((i) => i.includes('(edited)'))!;
      const file = /ri:filename="([^"]*)"/.exec(figure)![1]!;
      const before = images(c.page).find((i) => i.includes(`ri:filename="${file}"`))!;
      for (const a of ['ac:original-width', 'ac:custom-width', 'ac:layout', 'ac:local-id', '<ac:adf-mark'])
        if (before.includes(a)) expect(figure, a).toContain(a);
    }
    // the table's column padding aside (a pull pads cells to the widest), Confluence holds the edit
    expect(pull(result.storage)).toBe(pull(toStorage(edited, corpusContext).storage));
  });
});
