/** What a person sees while the CLI waits on Confluence: the site it talks to, and each retry. */
import type { ConfluenceClient, Flavor, TransportEvent } from '../confluence/types.js';

const NAMES: Record<Flavor, string> = { cloud: 'Confluence Cloud', datacenter: 'Confluence Data Center' };
const API: Record<Flavor, string> = { cloud: 'REST v2', datacenter: 'REST v1' };

/** "Confluence Cloud at https://…/wiki, REST v2" */
export function siteLine(client: Pick<ConfluenceClient, 'flavor' | 'baseUrl'>): string {
  return `${NAMES[client.flavor]} at ${client.baseUrl}, ${API[client.flavor]}`;
}

/** "Confluence did not answer (ECONNREFUSED); retrying in 4 s (attempt 2 of 6)", or undefined for other events. */
export function retryLine(event: TransportEvent): string | undefined {
  if (event.type !== 'retry') return undefined;
  const why =
    event.reason === 'network'
      ? `Confluence did not answer${event.detail ? ` (${event.detail})` : ''}`
      : event.reason === 'rate-limited'
        ? 'Confluence asks to slow down (429)'
        : `Confluence failed with ${event.status ?? 'a server error'}`;
  const seconds = event.waitMs < 1000 ? '<1' : String(Math.round(event.waitMs / 1000));
  return `${why}; retrying in ${seconds} s (attempt ${event.nextAttempt} of ${event.attempts})`;
}
