/**
 * The micromark patch (patches/micromark-util-edit-map+1.0.0.patch) changes how fast the parser
 * is, never what it produces: every known input parses to the same tree (positions included) and
 * converts to the same storage with the patched EditMap as with a plain splice-based one (the
 * fixtures and the real-page corpus: corpus.test.ts).
 */
import fc from 'fast-check';
import { EditMap } from 'micromark-util-edit-map';
import { describe, expect, it } from 'vitest';
import { shapedMarkdown, PAGE_SHAPES } from '../../../bench/page-shapes.js';
import { names, sameAsReference } from './checks.js';
import { type MarkdownInput, gfmInputs, specInputs } from './inputs.js';
import { withReferenceEditMap } from './reference-edit-map.js';

/** Names of the inputs whose tree or storage differs between the patched and the reference EditMap. */
const differing = (inputs: readonly MarkdownInput[]): string[] =>
  names(inputs, (input) => !sameAsReference(input.markdown, { withStorage: true }));

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

  // the fixtures and the real-page corpus: corpus.test.ts (one parse for this check and the title's)

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
