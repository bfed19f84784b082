/**
 * The fixtures and the real-page corpus (5 MB of Markdown: 264 real docs files, 180+ real pages, read
 * by micromark at ~0.3 MB/s of CPU here) through both whole-document checks on one parse each: the
 * patched EditMap gives the reference's tree (positions included; the storage written from it is
 * compared on the spec, GFM and shape inputs in equivalence.test.ts), and the title read on a prefix
 * agrees with the whole document (leading.test.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parsed, sameAsReference, titleAgrees } from './checks.js';
import { corpusInputs } from './inputs.js';

const found = { inputs: 0, notAsReference: [] as string[], titleDisagrees: [] as string[] };

beforeAll(() => {
  const inputs = corpusInputs();
  found.inputs = inputs.length;
  for (const input of inputs) {
    const tree = parsed(input.markdown);
    if (!sameAsReference(input.markdown, { withStorage: false, tree })) found.notAsReference.push(input.name);
    if (!titleAgrees(input.markdown, tree)) found.titleDisagrees.push(input.name);
  }
}, 600_000);

describe('the fixtures and the real-page corpus', () => {
  it('are all read', () => {
    expect(found.inputs).toBeGreaterThanOrEqual(500);
  });

  it('parse to the same tree with the patched micromark as with the reference', () => {
    expect(found.notAsReference).toEqual([]);
  });

  it('give the same title read on a prefix as on the whole document', () => {
    expect(found.titleDisagrees).toEqual([]);
  });
});
