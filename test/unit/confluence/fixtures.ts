/**
 * Shared msw server and response builders for the client's unit tests. Every test file calls
 * useMockServer(); a request no handler answers fails the test.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { createClient } from '../../../src/confluence/create-client.js';
import type { ClientOptions, ConfluenceClient } from '../../../src/confluence/types.js';

export const CLOUD = 'https://example.atlassian.net/wiki';
export const DC = 'https://confluence.example.com';
/** Recognisable so a test can prove it never leaks into an error. */
export const TOKEN = 'TOKEN-s3cr3t-7f9c2a';
export const USER = 'ci@example.com';
export const BASIC = `Basic ${Buffer.from(`${USER}:${TOKEN}`).toString('base64')}`;

export const server = setupServer();
const unhandled: string[] = [];

export function useMockServer(): void {
  beforeAll(() =>
    server.listen({
      onUnhandledRequest: (request, print) => {
        unhandled.push(`${request.method} ${request.url}`);
        print.error();
      },
    }),
  );
  afterEach(() => {
    server.resetHandlers();
    const seen = unhandled.splice(0);
    expect(seen, 'requests without a handler').toEqual([]);
  });
  afterAll(() => server.close());
}

export interface Harness {
  client: ConfluenceClient;
  sleeps: number[];
  logs: string[];
}

export function cloudClient(options: Partial<ClientOptions> = {}): Harness {
  return harness({ baseUrl: CLOUD, credentials: { username: USER, token: TOKEN }, ...options });
}

export function dcClient(options: Partial<ClientOptions> = {}): Harness {
  return harness({ baseUrl: DC, credentials: { token: TOKEN }, ...options });
}

function harness(options: ClientOptions): Harness {
  const sleeps: number[] = [];
  const logs: string[] = [];
  const client = createClient({
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    log: (line) => logs.push(line),
    ...options,
  });
  return { client, sleeps, logs };
}

export function v2Page(
  id: string,
  overrides: {
    title?: string;
    parentId?: string | null;
    version?: number;
    body?: string;
    spaceId?: string;
  } = {},
) {
  return {
    id,
    status: 'current',
    title: overrides.title ?? `Page ${id}`,
    spaceId: overrides.spaceId ?? '100',
    parentId: overrides.parentId === undefined ? '1' : overrides.parentId,
    parentType: 'page',
    authorId: 'a1',
    createdAt: '2026-01-01T00:00:00.000Z',
    version: {
      number: overrides.version ?? 1,
      createdAt: '2026-02-02T10:00:00.000Z',
      message: '',
      minorEdit: false,
    },
    body:
      overrides.body === undefined ? {} : { storage: { representation: 'storage', value: overrides.body } },
    _links: { webui: `/spaces/DOCS/pages/${id}` },
  };
}

export function v1Content(
  id: string,
  overrides: {
    title?: string;
    ancestors?: string[];
    version?: number;
    body?: string;
    spaceKey?: string;
  } = {},
) {
  return {
    id,
    type: 'page',
    status: 'current',
    title: overrides.title ?? `Page ${id}`,
    space: { id: 200, key: overrides.spaceKey ?? 'DOCS', name: 'Docs' },
    version: { number: overrides.version ?? 1, when: '2026-02-02T10:00:00.000Z', minorEdit: false },
    ancestors: (overrides.ancestors ?? ['10']).map((a) => ({ id: a, type: 'page', title: `Page ${a}` })),
    ...(overrides.body === undefined
      ? {}
      : { body: { storage: { value: overrides.body, representation: 'storage' } } }),
    _links: { webui: `/display/DOCS/${id}` },
  };
}

export const v2Error = (status: number, code: string, title: string) => ({
  errors: [{ status, code, title, detail: null }],
});

export const v1Error = (statusCode: number, message: string) => ({
  statusCode,
  data: { authorized: false, valid: true, errors: [], successful: false },
  message,
  reason: 'Bad Request',
});
