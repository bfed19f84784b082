/**
 * The micromark patch (patches/micromark-util-edit-map+1.0.0.patch) changes how fast the parser
 * is, never what it produces: every known input parses to the same tree (positions included) and
 * converts to the same storage with the patched EditMap as with a plain splice-based one.
 */
import fc from 'fast-check';
import { EditMap } from 'micromark-util-edit-map';
import { describe, expect, it } from 'vitest';
import { shapedMarkdown, PAGE_SHAPES } from '../../../bench/page-shapes.js';
import { toStorage } from '../../../src/convert/index.js';
import { parseMarkdown } from '../../../src/convert/md.js';
import { type MarkdownInput, corpusInputs, gfmInputs, specInputs } from './inputs.js';
import { withReferenceEditMap } from './reference-edit-map.js';

interface Output {
  tree: string;
  storage: string;
}

function convert(markdown: string, withStorage = true): Output {
  if (!withStorage) return { tree: JSON.stringify(parseMarkdown(markdown)), storage: '' };
  let storage: string;
  try {
    storage = toStorage(markdown).storage;
  } catch (e) {
    storage = `error: ${(e as Error).message}`;
  }
  return { tree: JSON.stringify(parseMarkdown(markdown)), storage };
}

/** Names of the inputs whose output differs between the patched and the reference EditMap. */
function differing(inputs: readonly MarkdownInput[], withStorage = true): string[] {
  return inputs
    .filter((input) => {
      const patched = convert(input.markdown, withStorage);
      const reference = withReferenceEditMap(() => convert(input.markdown, withStorage));
      return patched.tree !== reference.tree || patched.storage !== reference.storage;
    })
    .map((input) => input.name);
}

describe('patched micromark gives the same output as the reference', () => {
  it('on every CommonMark spec example', { timeout: 120_000 }, () => {
    const inputs = specInputs();
    expect(inputs.length).toBeGreaterThan(600);
    expect(differing(inputs)).toEqual([]);
  });

  it('on every GFM case', () => {
    const inputs = gfmInputs();
    expect(inputs.length).toBeGreaterThan(20);
    expect(differing(inputs)).toEqual([]);
  });

  // The corpus is 5 MB of Markdown (264 real docs files, 180+ real pages), and micromark reads ~0.3 MB/s
  // of CPU here: each full pass over it costs 11-18 s. The trees (positions included) are compared;
  // the storage, which toStorage writes from that tree, is compared on the inputs above and below.
  it('on the fixtures and the real-page corpus (trees)', { timeout: 600_000 }, () => {
    const inputs = corpusInputs();
    expect(inputs.length).toBeGreaterThanOrEqual(500);
    expect(differing(inputs, false)).toEqual([]);
  });

  it('on list-, quote-, table-heavy and plain pages', { timeout: 120_000 }, () => {
    const inputs = PAGE_SHAPES.map((shape) => ({ name: shape, markdown: shapedMarkdown(shape, 12_000) }));
    expect(differing(inputs)).toEqual([]);
  });

  it('the swap is real: the reference is in place only inside withReferenceEditMap', () => {
    const patched = EditMap.prototype.consume;
    withReferenceEditMap(() => expect(EditMap.prototype.consume).not.toBe(patched));
    expect(EditMap.prototype.consume).toBe(patched);
  });
});

describe('EditMap#consume (patched)', () => {
  // Edits as micromark makes them: at distinct, non-overlapping places of the list.
  const scenario = fc
    .array(fc.integer(), { maxLength: 60 })
    .chain((events) =>
      fc.record({
        events: fc.constant(events),
        edits: fc.uniqueArray(
          fc.record({
            at: fc.integer({ min: 0, max: events.length }),
            remove: fc.integer({ min: 0, max: 3 }),
            add: fc.array(fc.integer({ min: 1000, max: 2000 }), { maxLength: 4 }),
          }),
          { selector: (e) => e.at, maxLength: 6 },
        ),
      }),
    )
    .map(({ events, edits }) => {
      const sorted = [...edits].sort((a, b) => a.at - b.at);
      // Clip removals so no edit reaches into the next one or past the end.
      return {
        events,
        edits: sorted.map((e, i) => ({
          ...e,
          remove: Math.min(e.remove, (sorted[i + 1]?.at ?? events.length) - e.at),
        })),
      };
    });

  it('applies the same edits as splicing them in one by one', () => {
    fc.assert(
      fc.property(scenario, ({ events, edits }) => {
        const patched = [...events];
        const patchedMap = new EditMap();
        for (const e of edits) patchedMap.add(e.at, e.remove, [...e.add] as never[]);
        patchedMap.consume(patched as never[]);

        const reference = [...events];
        withReferenceEditMap(() => {
          const map = new EditMap();
          for (const e of edits) map.add(e.at, e.remove, [...e.add] as never[]);
          map.consume(reference as never[]);
        });
        expect(patched).toEqual(reference);
      }),
      { seed: process.env.CI ? 15 : undefined, numRuns: 500 },
    );
  });
});
