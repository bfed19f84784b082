/**
 * concurrentOperations bounds the requests in flight, not the work between them: apply runs more
 * changes at once than it lets requests out, so one change converts or writes its file while the
 * others' requests are on the wire (Node runs the conversions one at a time anyway).
 *
 * The gate also carries the run's stop: once a request fails with credentials, permission or the
 * circuit breaker (the whole run stops), requests still waiting for a slot are never sent.
 */
import pLimit from 'p-limit';
import { SyncError, type ErrorCode } from '../../errors.js';
import type { ConfluenceClient } from '../../confluence/types.js';

/** Failures after which no further request is sent. */
export const FATAL = new Set<ErrorCode>(['CS-001', 'CS-004', 'CS-011']);

/** Thrown instead of sending a request after the run stopped: the change was not attempted. */
export class NotAttempted extends Error {
  constructor(readonly stoppedBy: SyncError) {
    super(`Not attempted: the run stopped after ${stoppedBy.code}.`);
  }
}

/** Client methods that are not requests: passed through. */
const LOCAL = new Set<PropertyKey>(['flavor', 'baseUrl', 'supportsFolders', 'pageUrl']);

export interface GatedClient {
  client: ConfluenceClient;
  /** Whether a request of this client went out. */
  sent(): boolean;
}

export interface RequestGate {
  /** A view of the gated client for one change: it knows whether that change sent anything. */
  client(): GatedClient;
  /** The fatal failure that stopped the run, if any. */
  stoppedBy(): SyncError | null;
}

/** The client with at most `concurrency` of its requests in flight at once. */
export function gateRequests(client: ConfluenceClient, concurrency: number): RequestGate {
  const limit = pLimit(Math.max(1, concurrency));
  let stopped: SyncError | null = null;
  const view = (): GatedClient => {
    let sent = false;
    const gated = new Proxy(client, {
      get(target, key, receiver) {
        const value: unknown = Reflect.get(target, key, receiver);
        if (typeof value !== 'function') return value;
        const method = value as (...args: unknown[]) => unknown;
        if (LOCAL.has(key)) return method.bind(target);
        return (...args: unknown[]) =>
          limit(async () => {
            if (stopped) throw new NotAttempted(stopped);
            sent = true;
            try {
              return await method.apply(target, args);
            } catch (e) {
              // Set before the slot is released, so no waiting request goes out after it.
              if (e instanceof SyncError && FATAL.has(e.code)) stopped ??= e;
              throw e;
            }
          });
      },
    });
    return { client: gated, sent: () => sent };
  };
  return { client: view, stoppedBy: () => stopped };
}
