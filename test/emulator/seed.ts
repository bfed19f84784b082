/** The data every emulator starts from (and `reset()` returns to). */
import { accountIdFor } from './auth.js';
import type { Data } from './model.js';

export const SEED_AUTHOR_ID = accountIdFor('ci@example.com');

export function seedData(now = new Date().toISOString()): Data {
  const version = (title: string, body: string) => ({
    number: 1,
    title,
    body,
    createdAt: now,
    message: '',
    minorEdit: false,
    authorId: SEED_AUTHOR_ID,
  });
  const page = (id: string, spaceId: string, parentId: string | null, title: string, body: string) => ({
    id,
    spaceId,
    parentId,
    status: 'current' as const,
    createdAt: now,
    authorId: SEED_AUTHOR_ID,
    position: 0,
    versions: [version(title, body)],
    labels: [],
    properties: [],
  });
  return {
    nextId: 100100,
    spaces: [
      {
        id: '100001',
        key: 'DOCS',
        name: 'Documentation',
        homepageId: '100002',
        createdAt: now,
        writable: true,
      },
      { id: '100003', key: 'READ', name: 'Read Only', homepageId: '100004', createdAt: now, writable: false },
    ],
    pages: [
      page('100002', '100001', null, 'Docs Home', '<p>Welcome to the documentation space.</p>'),
      page('100004', '100003', null, 'Read Only Home', '<p>You may read this space but not write to it.</p>'),
      page('100005', '100003', '100004', 'Read Only Reference', '<p>Reference material.</p>'),
    ],
    attachments: [],
  };
}
