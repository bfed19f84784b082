import { http, HttpResponse } from 'msw';
import { expect, it } from 'vitest';
import type { TransportEvent } from '../../../src/confluence/types.js';
import { CLOUD, cloudClient, server, useMockServer } from './fixtures.js';

useMockServer();

it('tells each retry (429, then 503) and each answer with its rate-limit headers', async () => {
  let calls = 0;
  server.use(
    http.get(`${CLOUD}/api/v2/spaces`, () => {
      calls++;
      if (calls === 1)
        return new HttpResponse('slow down', {
          status: 429,
          headers: { 'Retry-After': '3', 'X-RateLimit-Remaining': '0' },
        });
      if (calls === 2) return new HttpResponse('busy', { status: 503 });
      return HttpResponse.json({
        results: [{ id: '1', key: 'DOCS', name: 'Docs', homepageId: '2' }],
        _links: {},
      });
    }),
  );
  const events: TransportEvent[] = [];
  const { client } = cloudClient({ retries: 5, onEvent: (e) => events.push(e) });
  await client.getSpace('DOCS');
  const retries = events.filter((e) => e.type === 'retry');
  expect(retries).toEqual([
    expect.objectContaining({
      reason: 'rate-limited',
      status: 429,
      waitMs: 3000,
      nextAttempt: 2,
      attempts: 6,
    }),
    expect.objectContaining({ reason: 'server', status: 503, nextAttempt: 3, attempts: 6 }),
  ]);
  const first = events.find((e) => e.type === 'response');
  expect(first).toMatchObject({
    status: 429,
    rateLimitHeaders: { 'retry-after': '3', 'x-ratelimit-remaining': '0' },
  });
});
