import { describe, expect, it } from 'vitest';
import { normalizeStorage, toMarkdown, toStorage } from '../../src/convert/index.js';
import { constructs } from '../../src/convert/constructs/index.js';
import { expectAcceptedStorage } from './helpers.js';

describe.each(constructs.map((c) => [c.name, c] as const))('%s', (_name, construct) => {
  it('has fixtures', () => expect(construct.fixtures.length).toBeGreaterThan(0));
  for (const f of construct.fixtures) {
    const direction = f.direction ?? 'both';
    if (direction !== 'toMarkdown') {
      it(`${f.name}: Markdown → storage`, () => {
        const { storage } = toStorage(f.markdown, f.ctx);
        expectAcceptedStorage(storage);
        expect(normalizeStorage(storage)).toBe(normalizeStorage(f.storage));
      });
    }
    if (direction !== 'toStorage') {
      it(`${f.name}: storage → Markdown`, () => {
        expect(toMarkdown(f.storage, f.ctx)).toBe(f.markdown);
      });
    }
  }
});
