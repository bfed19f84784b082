/**
 * (a) Round-trip fixpoint over the CommonMark spec and GFM cases: md1 = toMarkdown(toStorage(md))
 * is a fixpoint, renders like md, and every storage written is well-formed.
 */
import { tests } from 'commonmark-spec';
import { describe, expect, it } from 'vitest';
import { ALLOW_LIST } from './fixpoint-allow-list.js';
import { gfmCases } from './gfm-cases.js';
import { type TripResult, trip } from './roundtrip-check.js';

interface SpecExample {
  markdown: string;
  number: number;
  section: string;
}

function holds(md: string): { ok: boolean; result?: TripResult; error?: string } {
  try {
    const result = trip(md);
    return { ok: result.fixpoint && result.sameHtml && result.wellFormed, result };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

describe('CommonMark spec fixpoint', () => {
  const examples = tests as SpecExample[];
  const failing: number[] = [];
  for (const example of examples) if (!holds(example.markdown).ok) failing.push(example.number);

  it(`holds for ${examples.length - failing.length} of ${examples.length} examples; the rest are exactly the allow-list`, () => {
    console.info(
      `CommonMark fixpoint: ${examples.length - failing.length}/${examples.length} hold, allow-listed: ${failing.join(', ')}`,
    );
    expect(failing).toEqual(Object.keys(ALLOW_LIST).map(Number));
  });

  it('gives every allow-list entry a reason', () => {
    for (const reason of Object.values(ALLOW_LIST)) expect(reason.length).toBeGreaterThan(20);
  });
});

describe('GFM cases fixpoint', () => {
  for (const c of gfmCases) {
    it(c.name, () => {
      const r = holds(c.markdown);
      expect(r.error).toBeUndefined();
      expect(r.result).toMatchObject({ fixpoint: true, sameHtml: true, wellFormed: true });
    });
  }
});
