/**
 * The one way to get a ConfluenceClient: checks the URL (https unless loopback), picks the
 * flavour from the host unless told, and fills in the transport defaults.
 */
import { SyncError } from '../errors.js';
import { CloudClient } from './cloud.js';
import { DataCenterClient } from './datacenter.js';
import { Transport } from './http.js';
import { normaliseBaseUrl } from './site-url.js';
import type { ClientOptions, ConfluenceClient, Flavor } from './types.js';

export const CLIENT_DEFAULTS = {
  timeoutMs: 30_000,
  retries: 5,
  maxRetryDelayMs: 60_000,
  circuitBreakerThreshold: 10,
} as const;

export function createClient(options: ClientOptions): ConfluenceClient {
  const { transport, flavor } = createTransport(options);
  return flavor === 'cloud'
    ? new CloudClient(transport)
    : new DataCenterClient(transport, options.concurrency);
}

/** The checked URL, the flavour and a transport with the defaults: for calls outside the client interface. */
export function createTransport(options: ClientOptions): { transport: Transport; flavor: Flavor } {
  const { baseUrl, flavor } = normaliseBaseUrl(options.baseUrl, options.flavor);
  if (!options.credentials.token) {
    throw new SyncError('CS-022', 'No Confluence API token was given.', {
      hint: 'Set CONFLUENCE_API_TOKEN (and CONFLUENCE_USERNAME for Cloud), or the action inputs of the same names.',
    });
  }
  const transport = new Transport({
    baseUrl,
    credentials: options.credentials,
    // ky refuses timeouts beyond the 32-bit timer range
    timeoutMs: Math.min(options.timeoutMs ?? CLIENT_DEFAULTS.timeoutMs, 2_147_483_647),
    retries: Math.max(0, options.retries ?? CLIENT_DEFAULTS.retries),
    maxRetryDelayMs: options.maxRetryDelayMs ?? CLIENT_DEFAULTS.maxRetryDelayMs,
    circuitBreakerThreshold: Math.max(
      1,
      options.circuitBreakerThreshold ?? CLIENT_DEFAULTS.circuitBreakerThreshold,
    ),
    log: options.log,
    onEvent: options.onEvent,
    flavor,
    sleep: options.sleep,
    random: options.random,
  });
  return { transport, flavor };
}
