import { http, HttpResponse, delay } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BASIC,
  CLOUD,
  DC,
  TOKEN,
  USER,
  cloudClient,
  dcClient,
  server,
  useMockServer,
  v2Page,
} from './fixtures.js';

useMockServer();

const PAGE_URL = `${CLOUD}/api/v2/pages/123`;
const page = () => HttpResponse.json(v2Page('123', { body: '<p>x</p>' }));

/** Answers with the given responses in order, then the last one forever; counts calls. */
function sequence(url: string, ...responses: (() => Response | Promise<Response>)[]) {
  const calls = { count: 0, headers: [] as Headers[] };
  server.use(
    http.all(url, ({ request }) => {
      calls.headers.push(request.headers);
      const respond = responses[Math.min(calls.count, responses.length - 1)]!;
      calls.count += 1;
      return respond();
    }),
  );
  return calls;
}

const status =
  (code: number, headers: Record<string, string> = {}) =>
  () =>
    new HttpResponse(null, { status: code, headers });

afterEach(() => {
  vi.useRealTimers();
});

describe('authentication headers', () => {
  it('Cloud sends Basic email:token and asks for JSON', async () => {
    const calls = sequence(PAGE_URL, page);
    await cloudClient().client.getPage('123');
    expect(calls.headers[0]?.get('authorization')).toBe(BASIC);
    expect(calls.headers[0]?.get('accept')).toBe('application/json');
  });

  it('Data Center sends the personal access token as Bearer when there is no username', async () => {
    const calls = sequence(`${DC}/rest/api/space/DOCS`, () =>
      HttpResponse.json({ id: 1, key: 'DOCS', name: 'Docs', homepage: { id: 2 } }),
    );
    await dcClient().client.getSpace('DOCS');
    expect(calls.headers[0]?.get('authorization')).toBe(`Bearer ${TOKEN}`);
  });

  it('Data Center with a username uses Basic', async () => {
    const calls = sequence(`${DC}/rest/api/space/DOCS`, () =>
      HttpResponse.json({ id: 1, key: 'DOCS', name: 'Docs', homepage: null }),
    );
    await dcClient({ credentials: { username: USER, token: TOKEN } }).client.getSpace('DOCS');
    expect(calls.headers[0]?.get('authorization')).toBe(BASIC);
  });
});

describe('429 and Retry-After', () => {
  it('waits the Retry-After seconds, then succeeds', async () => {
    const calls = sequence(PAGE_URL, status(429, { 'Retry-After': '7' }), page);
    const { client, sleeps } = cloudClient();
    await expect(client.getPage('123')).resolves.toMatchObject({ id: '123', body: '<p>x</p>' });
    expect(sleeps).toEqual([7000]);
    expect(calls.count).toBe(2);
  });

  it('understands Retry-After as an HTTP-date', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T12:00:00.000Z'));
    sequence(PAGE_URL, status(429, { 'Retry-After': 'Sun, 01 Mar 2026 12:00:12 GMT' }), page);
    const { client, sleeps } = cloudClient();
    await client.getPage('123');
    expect(sleeps).toEqual([12_000]);
  });

  it('falls back to Beta-Retry-After', async () => {
    sequence(PAGE_URL, status(429, { 'Beta-Retry-After': '3' }), page);
    const { client, sleeps } = cloudClient();
    await client.getPage('123');
    expect(sleeps).toEqual([3000]);
  });

  it('clamps absurd waits to maxRetryDelayMs', async () => {
    sequence(PAGE_URL, status(429, { 'Retry-After': '9223372036854775807' }), page);
    const { client, sleeps } = cloudClient({ maxRetryDelayMs: 20_000 });
    await client.getPage('123');
    expect(sleeps).toEqual([20_000]);
  });

  it('backs off exponentially when there is no Retry-After', async () => {
    sequence(PAGE_URL, status(429), status(429), page);
    const { client, sleeps } = cloudClient();
    await client.getPage('123');
    expect(sleeps).toEqual([750, 1500]);
  });

  it('gives up with CS-007 after the configured retries', async () => {
    const calls = sequence(PAGE_URL, status(429, { 'Retry-After': '1' }));
    const { client, sleeps } = cloudClient({ retries: 3 });
    await expect(client.getPage('123')).rejects.toMatchObject({ code: 'CS-007', status: 429 });
    expect(calls.count).toBe(4);
    expect(sleeps).toEqual([1000, 1000, 1000]);
  });

  it('retries a 429 even on a create: the request was refused, not applied', async () => {
    const calls = sequence(`${CLOUD}/api/v2/pages`, status(429, { 'Retry-After': '1' }), () =>
      HttpResponse.json(v2Page('9', { title: 'New' })),
    );
    const { client } = cloudClient();
    await expect(
      client.createPage({ spaceId: '100', parentId: '1', title: 'New', body: '<p/>' }),
    ).resolves.toMatchObject({ id: '9' });
    expect(calls.count).toBe(2);
  });
});

describe('5xx and network failures', () => {
  it('retries 5xx with exponential backoff and jitter', async () => {
    const calls = sequence(PAGE_URL, status(503), status(502), status(500), page);
    const randoms = [0, 1, 0.5];
    const { client, sleeps } = cloudClient({ random: () => randoms.shift() ?? 0 });
    await client.getPage('123');
    // 1000·2^(n-1) scaled into [50 %, 100 %] by the random value
    expect(sleeps).toEqual([500, 2000, 3000]);
    expect(calls.count).toBe(4);
  });

  it('never waits longer than maxRetryDelayMs for backoff', async () => {
    sequence(PAGE_URL, status(500), status(500), status(500), status(500), page);
    const { client, sleeps } = cloudClient({ random: () => 1, maxRetryDelayMs: 3000 });
    await client.getPage('123');
    expect(sleeps).toEqual([1000, 2000, 3000, 3000]);
  });

  it('honours Retry-After on a 503', async () => {
    sequence(PAGE_URL, status(503, { 'Retry-After': '4' }), page);
    const { client, sleeps } = cloudClient();
    await client.getPage('123');
    expect(sleeps).toEqual([4000]);
  });

  it('gives up with CS-008 after retries, naming the status', async () => {
    const calls = sequence(PAGE_URL, status(502));
    const { client, sleeps } = cloudClient({ retries: 2 });
    const error = await client.getPage('123').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CS-008', status: 502 });
    expect((error as Error).message).toContain('502');
    expect(calls.count).toBe(3);
    expect(sleeps).toHaveLength(2);
  });

  it('retries a dropped connection on a GET', async () => {
    const calls = sequence(PAGE_URL, () => HttpResponse.error(), page);
    const { client, sleeps } = cloudClient();
    await expect(client.getPage('123')).resolves.toMatchObject({ id: '123' });
    expect(calls.count).toBe(2);
    expect(sleeps).toEqual([750]);
  });

  it('ends in CS-002 when the connection keeps dropping', async () => {
    sequence(PAGE_URL, () => HttpResponse.error());
    const { client } = cloudClient({ retries: 1 });
    await expect(client.getPage('123')).rejects.toMatchObject({ code: 'CS-002' });
  });

  it('times out a request that does not answer (CS-002)', async () => {
    const calls = sequence(PAGE_URL, async () => {
      await delay(500);
      return page();
    });
    const { client } = cloudClient({ timeoutMs: 20, retries: 1 });
    const error = await client.getPage('123').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CS-002' });
    expect((error as Error).message).toMatch(/did not answer within/);
    expect(calls.count).toBe(2);
  });

  it('does not retry client errors', async () => {
    const calls = sequence(PAGE_URL, status(404));
    const { client, sleeps } = cloudClient();
    await expect(client.getPage('123')).rejects.toMatchObject({ code: 'CS-003' });
    expect(calls.count).toBe(1);
    expect(sleeps).toEqual([]);
  });
});

describe('circuit breaker', () => {
  it('fails fast with CS-011 after N consecutive failed calls, without sending more requests', async () => {
    const calls = sequence(PAGE_URL, status(500));
    const { client } = cloudClient({ retries: 0, circuitBreakerThreshold: 2 });
    await expect(client.getPage('123')).rejects.toMatchObject({ code: 'CS-008' });
    await expect(client.getPage('123')).rejects.toMatchObject({ code: 'CS-008' });
    const error = await client.getPage('123').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CS-011' });
    expect((error as Error).message).toMatch(/2 consecutive failed requests/);
    expect(calls.count).toBe(2);
  });

  it('a success (or any answer from Confluence) resets the count', async () => {
    const calls = sequence(PAGE_URL, status(500), page, status(500), status(404), status(500), page);
    const { client } = cloudClient({ retries: 0, circuitBreakerThreshold: 2 });
    await expect(client.getPage('123')).rejects.toMatchObject({ code: 'CS-008' });
    await client.getPage('123');
    await expect(client.getPage('123')).rejects.toMatchObject({ code: 'CS-008' });
    await expect(client.getPage('123')).rejects.toMatchObject({ code: 'CS-003' });
    await expect(client.getPage('123')).rejects.toMatchObject({ code: 'CS-008' });
    await expect(client.getPage('123')).resolves.toMatchObject({ id: '123' });
    expect(calls.count).toBe(6);
  });
});

describe('debug log', () => {
  it('writes one line per attempt: method, path, status, time, retry number; never secrets or queries', async () => {
    sequence(PAGE_URL, status(503), page);
    const { client, logs } = cloudClient();
    await client.getPage('123');
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatch(/^GET \/wiki\/api\/v2\/pages\/123 503 \d+ms$/);
    expect(logs[1]).toMatch(/^GET \/wiki\/api\/v2\/pages\/123 200 \d+ms \(retry 1\)$/);
    for (const line of logs) {
      expect(line).not.toContain(TOKEN);
      expect(line).not.toContain(BASIC.slice(6));
      expect(line).not.toContain('body-format');
      expect(line).not.toContain('<p>x</p>');
    }
  });
});

describe('responses are validated', () => {
  it('turns a response of the wrong shape into CS-012 naming the field', async () => {
    sequence(PAGE_URL, () => HttpResponse.json({ id: '123', title: 7 }));
    const error = await cloudClient()
      .client.getPage('123')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CS-012' });
    expect((error as Error).message).toMatch(/title/);
  });

  it('turns an HTML page (a login form, a proxy) into CS-012 with a hint about the URL', async () => {
    sequence(
      PAGE_URL,
      () => new HttpResponse('<html>login</html>', { headers: { 'Content-Type': 'text/html' } }),
    );
    const error = await cloudClient()
      .client.getPage('123')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CS-012' });
    expect((error as Error).message).toMatch(/not JSON, content-type text\/html/);
    expect((error as { hint: string }).hint).toMatch(/confluenceUrl/);
  });

  it('tolerates fields it does not know', async () => {
    sequence(PAGE_URL, () =>
      HttpResponse.json({ ...v2Page('123', { body: '<p/>' }), somethingNew: { deep: [1, 2] }, ownerId: 'x' }),
    );
    await expect(cloudClient().client.getPage('123')).resolves.toMatchObject({ id: '123', body: '<p/>' });
  });
});

describe('request size', () => {
  it('refuses a body over Confluence’s 5 MB request limit with CS-006, without sending it', async () => {
    const calls = sequence(`${CLOUD}/api/v2/pages/123`, page);
    const { client } = cloudClient();
    const body = `<p>${'x'.repeat(5 * 1024 * 1024)}</p>`;
    const update = client.updatePage({ id: '123', spaceId: '1', title: 'Huge', body, baseVersion: 1 });
    await expect(update).rejects.toMatchObject({ code: 'CS-006', message: expect.stringMatching(/5 MB/) });
    expect(calls.count).toBe(0);
  });
});

describe('redirects', () => {
  it('a redirect to another host is refused (CS-025): nothing is sent there, credentials included', async () => {
    const elsewhere = sequence('https://attacker.example.net/*', page);
    sequence(PAGE_URL, status(302, { Location: 'https://attacker.example.net/collect?x=1' }));
    const error = await cloudClient()
      .client.getPage('123')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CS-025' });
    expect((error as Error).message).toMatch(/attacker\.example\.net.*not followed/);
    expect((error as Error).message).not.toContain('collect?x=1');
    expect(elsewhere.count).toBe(0);
  });

  it('a same-origin redirect of a GET is followed, with the credentials', async () => {
    const moved = sequence(`${CLOUD}/api/v2/pages/123-moved`, page);
    sequence(PAGE_URL, status(301, { Location: '/wiki/api/v2/pages/123-moved' }));
    const got = await cloudClient().client.getPage('123');
    expect(got.id).toBe('123');
    expect(moved.headers[0]?.get('authorization')).toBe(BASIC);
  });

  it('a redirect loop stops after five hops (CS-025)', async () => {
    sequence(PAGE_URL, status(302, { Location: '/wiki/api/v2/pages/123' }));
    await expect(cloudClient().client.getPage('123')).rejects.toMatchObject({ code: 'CS-025' });
  });

  it('a write is never redirected, not even on the same site', async () => {
    const target = sequence(`${CLOUD}/api/v2/pages/999`, page);
    sequence(PAGE_URL, status(307, { Location: '/wiki/api/v2/pages/999' }));
    const error = await cloudClient()
      .client.updatePage({ id: '123', spaceId: '1', title: 'T', body: '<p>x</p>', baseVersion: 1 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CS-025' });
    expect(target.count).toBe(0);
  });

  const ATTACHMENT = {
    id: 'att1',
    pageId: '123',
    title: 'a.png',
    mediaType: 'image/png',
    fileSize: 5,
    version: 1,
    // Cloud's listed downloadLink: the servlet refuses API tokens since 2026, so the client never uses it.
    downloadPath: '/download/attachments/123/a.png?version=1',
  } as never;
  const REST_DOWNLOAD = `${CLOUD}/rest/api/content/123/child/attachment/att1/download`;

  it('a Cloud download goes through the REST endpoint, then to the media host without the credentials', async () => {
    const servlet = sequence(`${CLOUD}/download/attachments/123/a.png`, status(401));
    const media = sequence(
      'https://api.media.atlassian.com/file/abc/binary',
      () => new HttpResponse('BYTES'),
    );
    const rest = sequence(
      REST_DOWNLOAD,
      status(302, { Location: 'https://api.media.atlassian.com/file/abc/binary?token=t&client=c' }),
    );
    const bytes = await cloudClient().client.downloadAttachment(ATTACHMENT);
    expect(Buffer.from(bytes).toString()).toBe('BYTES');
    expect(rest.headers[0]?.get('authorization')).toBe(BASIC);
    expect(media.headers[0]?.get('authorization')).toBeNull();
    expect(servlet.count).toBe(0);
  });

  it.each([
    ['plain http', 'http://api.media.atlassian.com/file/abc/binary'],
    ['a host that is not Atlassian', 'https://media.example.net/file/abc/binary'],
    ['a look-alike host', 'https://api.media.atlassian.com.example.net/file/abc/binary'],
    ['another port', 'https://api.media.atlassian.com:8443/file/abc/binary'],
    ['the runner itself', 'https://127.0.0.1/file/abc/binary'],
  ])('a download redirected to %s is refused (CS-025), nothing fetched there', async (_what, location) => {
    const there = sequence(`${location.replace(/\?.*/, '')}`, () => new HttpResponse('BYTES'));
    sequence(REST_DOWNLOAD, status(302, { Location: location }));
    await expect(cloudClient().client.downloadAttachment(ATTACHMENT)).rejects.toMatchObject({
      code: 'CS-025',
    });
    expect(there.count).toBe(0);
  });
});
