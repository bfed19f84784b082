import { describe, expect, it } from 'vitest';
import { createClient } from '../../../src/confluence/create-client.js';
import { isLoopbackHost } from '../../../src/confluence/site-url.js';
import { SyncError } from '../../../src/errors.js';

const credentials = { username: 'ci@example.com', token: 'TOKEN-s3cr3t-7f9c2a' };

function refusal(baseUrl: string): SyncError {
  try {
    createClient({ baseUrl, credentials });
  } catch (e) {
    expect(e).toBeInstanceOf(SyncError);
    return e as SyncError;
  }
  throw new Error(`${baseUrl} was accepted`);
}

describe('createClient', () => {
  it('detects Cloud from *.atlassian.net and Data Center otherwise', () => {
    expect(createClient({ baseUrl: 'https://acme.atlassian.net/wiki', credentials }).flavor).toBe('cloud');
    expect(createClient({ baseUrl: 'https://wiki.acme.com', credentials }).flavor).toBe('datacenter');
    expect(createClient({ baseUrl: 'https://wiki.acme.com', credentials, flavor: 'cloud' }).flavor).toBe(
      'cloud',
    );
    expect(
      createClient({ baseUrl: 'https://acme.atlassian.net/wiki', credentials, flavor: 'datacenter' }).flavor,
    ).toBe('datacenter');
  });

  it('normalises the base URL: trailing slashes, query and fragment go; bare Cloud sites get /wiki', () => {
    expect(createClient({ baseUrl: 'https://acme.atlassian.net/wiki///', credentials }).baseUrl).toBe(
      'https://acme.atlassian.net/wiki',
    );
    expect(createClient({ baseUrl: 'https://acme.atlassian.net', credentials }).baseUrl).toBe(
      'https://acme.atlassian.net/wiki',
    );
    expect(
      createClient({ baseUrl: 'https://wiki.acme.com:8443/confluence/?x=1#top', credentials }).baseUrl,
    ).toBe('https://wiki.acme.com:8443/confluence');
    expect(createClient({ baseUrl: 'https://wiki.acme.com/', credentials }).baseUrl).toBe(
      'https://wiki.acme.com',
    );
  });

  it.each([
    'http://wiki.acme.com',
    'http://acme.atlassian.net/wiki',
    'http://10.0.0.5:8090',
    'ftp://wiki.acme.com',
  ])('refuses %s with CS-009 and says what to do', (url) => {
    const error = refusal(url);
    expect(error.code).toBe('CS-009');
    expect(error.toLine()).toMatch(/not https/);
    expect(error.hint).toMatch(/https:\/\//);
  });

  it.each(['http://127.0.0.1:8090', 'http://127.3.2.1/wiki', 'http://localhost:8090', 'http://[::1]:8090'])(
    'allows plain http on loopback: %s',
    (url) => {
      expect(() => createClient({ baseUrl: url, credentials })).not.toThrow();
    },
  );

  it('refuses an unparsable URL and one with embedded credentials, without echoing the password', () => {
    expect(refusal('not a url').code).toBe('CS-009');
    const error = refusal('https://me:hunter2@wiki.acme.com');
    expect(error.code).toBe('CS-009');
    expect(error.toLine()).not.toContain('hunter2');
  });

  it('asks for the token when it is missing', () => {
    expect(() => createClient({ baseUrl: 'https://wiki.acme.com', credentials: { token: '' } })).toThrow(
      expect.objectContaining({ code: 'CS-022' }),
    );
  });

  it('recognises loopback hosts only', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('LOCALHOST')).toBe(true);
    expect(isLoopbackHost('127.0.0.1.evil.com')).toBe(false);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
    expect(isLoopbackHost('localhost.evil.com')).toBe(false);
  });

  it('builds page URLs for people', () => {
    const cloud = createClient({ baseUrl: 'https://acme.atlassian.net/wiki', credentials });
    expect(cloud.pageUrl('123', 'DOCS')).toBe('https://acme.atlassian.net/wiki/spaces/DOCS/pages/123');
    expect(cloud.pageUrl('123')).toBe('https://acme.atlassian.net/wiki/pages/viewpage.action?pageId=123');
    const dc = createClient({ baseUrl: 'https://wiki.acme.com/confluence', credentials });
    expect(dc.pageUrl('77')).toBe('https://wiki.acme.com/confluence/pages/viewpage.action?pageId=77');
  });
});
