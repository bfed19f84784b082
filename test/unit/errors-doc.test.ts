import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/errors.js';

/** The error table of docs/errors.md lists exactly the codes in src/errors.ts, with the same names and meanings. */
describe('docs/errors.md error table', () => {
  const section = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  const rows = new Map(
    [...section.matchAll(/^\| (CS-\d{3}) \| `([^`]+)` \| (.+?) \|$/gm)].map((m) => [
      m[1],
      { name: m[2], summary: m[3] },
    ]),
  );

  it('has one row per code, no more', () => {
    expect([...rows.keys()].sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it.each(Object.entries(ERROR_CODES))('%s has its name and meaning', (code, entry) => {
    expect(rows.get(code)).toEqual({ name: entry.name, summary: entry.summary });
  });
});
