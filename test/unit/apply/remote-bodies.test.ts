import { describe, expect, it } from 'vitest';
import type { ConfluenceClient, Page } from '../../../src/confluence/types.js';
import { SyncError } from '../../../src/errors.js';
import {
  assertReadableBody,
  fetchBodies,
  pageIdsNeedingBodies,
} from '../../../src/sync/apply/remote-bodies.js';
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
        // A push to an existing page patches its current storage.
        change('update-remote', '7', { remote: 'unchanged' }),
        change('move-remote', '13', { remote: 'unchanged' }),
        // Attachment-only pushes, generated folder pages, deletions, and what this mode skips need no body.
        change('update-remote', '14', { remote: 'unchanged', attachmentsOnly: true }),
        change('update-remote', '15', { remote: 'unchanged', docKind: 'virtual-folder' }),
        change('delete-local', '8', { remote: 'deleted' }),
        change('update-local', '9', { outcome: 'skipped' }),
        change('conflict', '10', { local: 'changed', remote: 'deleted', outcome: 'conflict' }),
        change('conflict', '11', { local: 'deleted', outcome: 'conflict' }),
        change('conflict', '12', { local: 'unchanged', remote: 'unchanged', outcome: 'conflict' }),
        change('update-local', '2'),
      ]),
    ).toEqual(['1', '2', '3', '4', '5', '6', '7', '13']);
  });
});

const page = (id: string, body: string): Page => ({
  id,
  title: `Page ${id}`,
  parentId: null,
  version: 1,
  lastModified: '2026-01-01T00:00:00Z',
  spaceId: 'S',
  body,
});

/** A client that returns the bodies as given, well-formed or not (the engine checks them). */
function clientWith(bodies: Record<string, string>): ConfluenceClient & {
  calls: string[];
} {
  const calls: string[] = [];
  const read = (id: string): Page => page(id, bodies[id]!);
  return {
    calls,
    getPages: async (ids: readonly string[]) => {
      calls.push(`getPages ${ids.join(',')}`);
      return ids.map(read);
    },
    getPage: async (id: string) => {
      calls.push(`getPage ${id}`);
      return read(id);
    },
  } as unknown as ConfluenceClient & { calls: string[] };
}

describe('fetchBodies', () => {
  it('reads all bodies in one batch when they are well-formed', async () => {
    const client = clientWith({
      '1': '<p>a</p>',
      '2': '<p>b &amp; c&nbsp;</p>',
      '3': '<p><at:var at:name="who"/></p>',
    });
    const { bodies, unreadable } = await fetchBodies(client, ['1', '2', '3']);
    expect([...bodies.keys()]).toEqual(['1', '2', '3']);
    expect(unreadable.size).toBe(0);
    expect(client.calls).toEqual(['getPages 1,2,3']);
  });

  it('sets aside a body that is not well-formed XML, naming the page, and keeps the others', async () => {
    const client = clientWith({ '1': '<p>a</p>', '2': '<p>a & b</p>', '3': '<p>&bogus;</p>' });
    const { bodies, unreadable } = await fetchBodies(client, ['1', '2', '3']);
    expect([...bodies.keys()]).toEqual(['1']);
    expect(unreadable.get('2')?.code).toBe('CS-012');
    expect(unreadable.get('2')?.message).toMatch(
      /^Confluence sent page 2 \("Page 2"\) with a body that is not well-formed XML \(.+\); its file was left as it is\.$/,
    );
    expect(unreadable.get('3')?.message).toMatch(/bogus/);
    expect(unreadable.get('2')?.message).not.toContain('a & b');
  });

  it('lets any other failure stop the read', async () => {
    const client = clientWith({ '1': '<p>a</p>' });
    client.getPages = async () => {
      throw new SyncError('CS-002', 'unreachable');
    };
    await expect(fetchBodies(client, ['1'])).rejects.toMatchObject({ code: 'CS-002' });
  });

  it('assertReadableBody passes a good page through and refuses a broken one', () => {
    const good = page('1', '<p>x</p>');
    expect(assertReadableBody(good)).toBe(good);
    expect(() => assertReadableBody(page('2', '<p>x'))).toThrow(/CS-012|not well-formed/);
  });
});
