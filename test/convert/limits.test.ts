/**
 * The emphasis budget (CS-046): a paragraph with thousands of `*`/`_` runs is refused before the parser
 * spends minutes pairing them, while long real documents with plenty of emphasis pass.
 */
import { describe, expect, it } from 'vitest';
import { toStorage } from '../../src/convert/index.js';
import { MAX_EMPHASIS_RUNS, assertEmphasisRuns } from '../../src/convert/limits.js';

const rows = (n: number, row: (i: number) => string): string =>
  Array.from({ length: n }, (_, i) => row(i)).join('\n');

const PASS: [string, string][] = [
  ['a long document of emphasised paragraphs', rows(3000, (i) => `Para **${i}** with _a_ and *b*.\n`)],
  [
    'a 3000-row table with bold cells',
    `| a | b |\n| - | - |\n${rows(3000, (i) => `| **x${i}** | _y_ *z* |`)}`,
  ],
  ['a 3000-item list with emphasis', rows(3000, (i) => `- item **${i}** _x_`)],
  ['fenced code full of asterisks', `\`\`\`\n${'*a'.repeat(20_000)}\n\`\`\``],
  ['escaped asterisks', '\\*a'.repeat(10_000)],
  ['a rule of 10,000 asterisks (one run)', '*'.repeat(10_000)],
];

const FAIL: [string, string][] = [
  ['alternating *a in one paragraph', '*a'.repeat(MAX_EMPHASIS_RUNS + 1)],
  ['alternating * and _ over several lines of one paragraph', rows(100, () => '*_a'.repeat(30))],
  ['inside a block quote', `> ${'_a'.repeat(MAX_EMPHASIS_RUNS + 1)}`],
];

describe('emphasis budget per paragraph', () => {
  it.each(PASS)('passes: %s', (_name, md) => expect(() => assertEmphasisRuns(md)).not.toThrow());

  it.each(FAIL)('refuses with CS-046: %s', (_name, md) => {
    const started = Date.now();
    expect(() => toStorage(md)).toThrow(expect.objectContaining({ code: 'CS-046' }));
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
