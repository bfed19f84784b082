import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { SyncError } from '../../../src/errors.js';
import type { ConfluenceClient } from '../../../src/confluence/types.js';
import {
  BASIC,
  CLOUD,
  DC,
  TOKEN,
  cloudClient,
  dcClient,
  server,
  useMockServer,
  v1Content,
  v1Error,
  v2Error,
} from './fixtures.js';

useMockServer();

const update = { id: '123', spaceId: '100', title: 'Guide', body: '<p>new</p>', baseVersion: 4 };

interface Case {
  name: string;
  code: string;
  message: RegExp;
  hint: RegExp;
  setup: () => void;
  call: () => Promise<unknown>;
}

const cloud = (options = {}) => cloudClient({ retries: 1, ...options }).client;
const dc = (options = {}) => dcClient({ retries: 1, ...options }).client;
const on = (method: 'get' | 'put' | 'post', url: string, respond: () => Response) =>
  server.use(http[method](url, respond));

const cases: Case[] = [
  {
    name: 'Cloud 401',
    code: 'CS-001',
    message: /Confluence rejected the credentials for ci@example\.com at example\.atlassian\.net \(401\)/,
    hint: /CONFLUENCE_USERNAME\/CONFLUENCE_API_TOKEN/,
    setup: () =>
      on(
        'get',
        `${CLOUD}/api/v2/pages/123`,
        () =>
          new HttpResponse(
            'Basic authentication with passwords is deprecated.  For more information, see: …',
            {
              status: 401,
              headers: { 'Content-Type': 'text/plain' },
            },
          ),
      ),
    call: () => cloud().getPage('123'),
  },
  {
    name: 'Cloud 401 with a token but no user name',
    code: 'CS-001',
    message: /the API token without a user name at example\.atlassian\.net \(401\)/,
    hint: /Confluence Cloud needs CONFLUENCE_USERNAME/,
    setup: () =>
      on('get', `${CLOUD}/api/v2/pages/123`, () => new HttpResponse('Unauthorized', { status: 401 })),
    call: () => cloud({ credentials: { token: TOKEN } }).getPage('123'),
  },
  {
    name: 'Data Center 401',
    code: 'CS-001',
    message: /personal access token at confluence\.example\.com/,
    hint: /personal access token/,
    setup: () =>
      on('get', `${DC}/rest/api/space/DOCS`, () => new HttpResponse('<html>401</html>', { status: 401 })),
    call: () => dc().getSpace('DOCS'),
  },
  {
    name: 'network failure',
    code: 'CS-002',
    message: /Confluence at example\.atlassian\.net could not be reached/,
    hint: /network or proxy/,
    setup: () => on('get', `${CLOUD}/api/v2/pages/123`, () => HttpResponse.error()),
    call: () => cloud().getPage('123'),
  },
  {
    name: 'missing page',
    code: 'CS-003',
    message: /^Page 123 not found or not visible to ci@example\.com/,
    hint: /may view/,
    setup: () =>
      on('get', `${CLOUD}/api/v2/pages/123`, () =>
        HttpResponse.json(v2Error(404, 'NOT_FOUND', 'Not Found'), { status: 404 }),
      ),
    call: () => cloud().getPage('123'),
  },
  {
    name: 'missing space (Cloud answers an empty list)',
    code: 'CS-003',
    message: /^Space NOPE not found or not visible/,
    hint: /spaceKey/,
    setup: () => on('get', `${CLOUD}/api/v2/spaces`, () => HttpResponse.json({ results: [], _links: {} })),
    call: () => cloud().getSpace('NOPE'),
  },
  {
    name: 'missing space (Data Center 404)',
    code: 'CS-003',
    message: /^Space NOPE not found or not visible/,
    hint: /space key/,
    setup: () =>
      on('get', `${DC}/rest/api/space/NOPE`, () =>
        HttpResponse.json(v1Error(404, 'No space with key : NOPE'), { status: 404 }),
      ),
    call: () => dc().getSpace('NOPE'),
  },
  {
    name: 'read-only space',
    code: 'CS-004',
    message: /refused page 123 \("Guide"\) for ci@example\.com at example\.atlassian\.net \(403\)/,
    hint: /permission/,
    setup: () =>
      on('put', `${CLOUD}/api/v2/pages/123`, () =>
        HttpResponse.json(v2Error(403, 'FORBIDDEN', 'Not permitted'), { status: 403 }),
      ),
    call: () => cloud().updatePage(update),
  },
  {
    name: 'stale version (v2)',
    code: 'CS-005',
    message: /^Page 123 \("Guide"\) changed in Confluence since it was last read \(it is now at version 5\)/,
    hint: /pull/,
    setup: () =>
      on('put', `${CLOUD}/api/v2/pages/123`, () =>
        HttpResponse.json(
          v2Error(
            409,
            'CONFLICT',
            'Version must be incremented when updating a page. Current Version: [5]. Provided version: [5]',
          ),
          { status: 409 },
        ),
      ),
    call: () => cloud().updatePage(update),
  },
  {
    name: 'stale version (v1)',
    code: 'CS-005',
    message: /it is now at version 7/,
    hint: /pull/,
    setup: () =>
      on('put', `${DC}/rest/api/content/123`, () =>
        HttpResponse.json(v1Error(409, 'Version must be incremented on update. Current version is: 7'), {
          status: 409,
        }),
      ),
    call: () => dc().updatePage(update),
  },
  {
    name: 'invalid storage body',
    code: 'CS-006',
    message: /\(400\): Error parsing xhtml: Unexpected close tag <\/br>; expected <\/p>\. at \[row,col/,
    hint: /storage format/,
    setup: () =>
      on('put', `${DC}/rest/api/content/123`, () =>
        HttpResponse.json(
          v1Error(
            400,
            'Error parsing xhtml: Unexpected close tag </br>; expected </p>.\n at [row,col {unknown-source}]: [11,7]',
          ),
          { status: 400 },
        ),
      ),
    call: () => dc().updatePage(update),
  },
  {
    name: 'body too large',
    code: 'CS-006',
    message: /too large \(413\)/,
    hint: /5 MB/,
    setup: () =>
      on('post', `${CLOUD}/api/v2/pages`, () =>
        HttpResponse.json(v2Error(413, 'REQUEST_ENTITY_TOO_LARGE', 'Request too large'), { status: 413 }),
      ),
    call: () => cloud().createPage({ spaceId: '100', parentId: '1', title: 'Big', body: '<p/>' }),
  },
  {
    name: 'duplicate title (v2)',
    code: 'CS-010',
    message: /the new page "Guide": a page with this title already exists/,
    hint: /rename/,
    setup: () =>
      on('post', `${CLOUD}/api/v2/pages`, () =>
        HttpResponse.json(
          v2Error(
            400,
            'BAD_REQUEST',
            'A page with this title already exists: A page already exists with the same TITLE in this space',
          ),
          { status: 400 },
        ),
      ),
    call: () => cloud().createPage({ spaceId: '100', parentId: '1', title: 'Guide', body: '<p/>' }),
  },
  {
    name: 'duplicate title (v1)',
    code: 'CS-010',
    message: /a page with this title already exists/,
    hint: /unique per space/,
    setup: () =>
      on('post', `${DC}/rest/api/content`, () =>
        HttpResponse.json(
          v1Error(
            400,
            'A page with this title already exists: A page already exists with the title Guide in the space with key DOCS',
          ),
          { status: 400 },
        ),
      ),
    call: () =>
      dc().createPage({ spaceId: '200', spaceKey: 'DOCS', parentId: '10', title: 'Guide', body: '<p/>' }),
  },
  {
    name: 'rate limited to the end',
    code: 'CS-007',
    message: /kept rate limiting page 123 \(429 after 2 attempts\)/,
    hint: /concurrentOperations/,
    setup: () => on('get', `${CLOUD}/api/v2/pages/123`, () => new HttpResponse(null, { status: 429 })),
    call: () => cloud().getPage('123'),
  },
  {
    name: 'server failing to the end',
    code: 'CS-008',
    message: /failed on page 123 with 503 \(2 attempts\)/,
    hint: /status page/,
    setup: () => on('get', `${CLOUD}/api/v2/pages/123`, () => new HttpResponse('oops', { status: 503 })),
    call: () => cloud().getPage('123'),
  },
  {
    name: 'unexpected response shape',
    code: 'CS-012',
    message: /unexpected shape \(results\.0\.version: /,
    hint: /confluenceUrl/,
    setup: () =>
      on('get', `${DC}/rest/api/content/10/descendant/page`, () =>
        HttpResponse.json({ results: [{ id: '11', title: 'x' }], _links: {} }),
      ),
    call: async () => {
      server.use(
        http.get(`${DC}/rest/api/content/10`, () => HttpResponse.json(v1Content('10', { ancestors: [] }))),
      );
      return dc().listTree({ id: '200', key: 'DOCS', name: 'Docs', homepageId: '10' }, '10');
    },
  },
];

function assertNoSecret(error: SyncError): void {
  const text = [error.message, error.hint ?? '', error.toLine(), String(error.stack)].join('\n');
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain(BASIC.slice('Basic '.length));
  expect(text).not.toMatch(/authorization/i);
}

describe('every failure becomes one SyncError with a stable code, a clear message and a hint', () => {
  it.each(cases)('$name → $code', async ({ setup, call, code, message, hint }) => {
    setup();
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    const syncError = error as SyncError;
    expect(syncError.code).toBe(code);
    expect(syncError.message).toMatch(message);
    expect(syncError.hint).toMatch(hint);
    assertNoSecret(syncError);
  });

  it('circuit open → CS-011, also without secrets', async () => {
    server.use(http.get(`${CLOUD}/api/v2/pages/123`, () => HttpResponse.error()));
    const client: ConfluenceClient = cloud({ retries: 0, circuitBreakerThreshold: 1 });
    await expect(client.getPage('123')).rejects.toMatchObject({ code: 'CS-002' });
    const error = (await client.getPage('123').catch((e: unknown) => e)) as SyncError;
    expect(error.code).toBe('CS-011');
    expect(error.hint).toMatch(/run again/);
    assertNoSecret(error);
  });

  it('masks the token even when Confluence echoes it back in its message', async () => {
    server.use(
      http.put(`${CLOUD}/api/v2/pages/123`, () =>
        HttpResponse.json(v2Error(400, 'BAD_REQUEST', `Invalid token ${TOKEN} in header ${BASIC}`), {
          status: 400,
        }),
      ),
    );
    const error = (await cloud()
      .updatePage(update)
      .catch((e: unknown) => e)) as SyncError;
    expect(error.code).toBe('CS-006');
    expect(error.message).toContain('Invalid token *** in header');
    assertNoSecret(error);
  });
});
