import { describe, expect, it } from 'vitest';
import { pageIdsNeedingBodies } from '../../../src/sync/remote-bodies.js';
import type { Change } from '../../../src/sync/types.js';

const change = (kind: Change['kind'], pageId: string, extra: Partial<Change> = {}): Change => ({
  kind,
  pageId,
  title: pageId,
  local: 'unchanged',
  remote: 'changed',
  reason: '',
  outcome: 'planned',
  ...extra,
});

describe('pageIdsNeedingBodies', () => {
  it('asks only for the pages apply will read from Confluence', () => {
    expect(
      pageIdsNeedingBodies([
        change('create-local', '1', { remote: 'new' }),
        change('update-local', '2'),
        change('move-local', '3'),
        change('merge', '4', { local: 'changed' }),
        change('adopt', '5', { local: 'new', remote: 'new' }),
        change('conflict', '6', { local: 'changed', outcome: 'conflict' }),
        // Writes from local files, deletions, and what this mode skips need no body.
        change('update-remote', '7', { remote: 'unchanged' }),
        change('delete-local', '8', { remote: 'deleted' }),
        change('update-local', '9', { outcome: 'skipped' }),
        change('conflict', '10', { local: 'changed', remote: 'deleted', outcome: 'conflict' }),
        change('conflict', '11', { local: 'deleted', outcome: 'conflict' }),
        change('conflict', '12', { local: 'unchanged', remote: 'unchanged', outcome: 'conflict' }),
        change('update-local', '2'),
      ]),
    ).toEqual(['1', '2', '3', '4', '5', '6']);
  });
});
