/**
 * The Confluence base URL: parsed, checked (https, except loopback), normalised, and the flavour
 * guessed from the host.
 */
import { SyncError } from '../errors.js';
import type { Flavor } from './types.js';

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function detectFlavor(url: URL): Flavor {
  const host = url.hostname.toLowerCase();
  return host.endsWith('.atlassian.net') || host === 'api.atlassian.com' ? 'cloud' : 'datacenter';
}

/** Parses and checks the URL; returns it without trailing slash, query or fragment. */
export function normaliseBaseUrl(raw: string, flavor?: Flavor): { baseUrl: string; flavor: Flavor } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new SyncError('CS-009', `The Confluence URL "${raw}" is not a valid URL.`, {
      hint: 'Set confluenceUrl to the site address, e.g. https://example.atlassian.net/wiki or https://confluence.example.com.',
    });
  }
  if (url.username || url.password) {
    throw new SyncError('CS-009', `The Confluence URL for ${url.host} contains credentials.`, {
      hint: 'Remove the user/password from confluenceUrl; put them in CONFLUENCE_USERNAME / CONFLUENCE_API_TOKEN.',
    });
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new SyncError('CS-009', `The Confluence URL ${url.protocol}//${url.host} is not https.`, {
      hint: 'Use an https:// URL; plain http is only allowed for a local Confluence on 127.0.0.1, ::1 or localhost.',
    });
  }
  const resolved = flavor ?? detectFlavor(url);
  let path = url.pathname.replace(/\/+$/, '');
  // Cloud sites serve Confluence under /wiki; people often paste the bare site address.
  if (resolved === 'cloud' && path === '' && url.hostname.toLowerCase().endsWith('.atlassian.net'))
    path = '/wiki';
  return { baseUrl: `${url.origin}${path}`, flavor: resolved };
}
