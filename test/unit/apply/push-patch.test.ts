import { describe, expect, it } from 'vitest';
import { lostAnchorsWarning } from '../../../src/sync/apply/push-patch.js';
import type { Change } from '../../../src/sync/types.js';

const change = (extra: Partial<Change>): Change => ({
  kind: 'update-remote',
  pageId: '1',
  title: 'Setup',
  localPath: 'guide/setup.md',
  local: 'changed',
  remote: 'unchanged',
  reason: '',
  outcome: 'applied',
  ...extra,
});

describe('the lost-anchor line', () => {
  it.each([
    [[], null],
    [
      [{ ref: 'r1', text: 'a' }],
      '1 inline comment lost its anchor on page "Setup" (guide/setup.md): the text it was on was deleted (comment ref r1).',
    ],
    [
      [
        { ref: 'r1', text: 'a' },
        { ref: 'r2', text: 'b' },
      ],
      '2 inline comments lost their anchor on page "Setup" (guide/setup.md): the text they were on was deleted (comment refs r1, r2).',
    ],
  ])('%j → %s', (lost, line) => {
    expect(lostAnchorsWarning(change({ lostAnchors: lost }))).toBe(line);
  });

  it('says nothing for a push that did not happen', () => {
    expect(
      lostAnchorsWarning(change({ lostAnchors: [{ ref: 'r', text: 't' }], outcome: 'failed' })),
    ).toBeNull();
  });
});
