/** Counts the attachment bytes that really moved in a run (uploads and downloads), for the report. */
import type { ConfluenceClient } from '../../confluence/types.js';

export interface TransferCount {
  uploaded: number;
  downloaded: number;
}

/** The same client, counting successful attachment uploads and downloads into `count`. */
export function countingTransfers(client: ConfluenceClient, count: TransferCount): ConfluenceClient {
  return new Proxy(client, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (key === 'uploadAttachment' || key === 'downloadAttachment') {
        const method = value as (...args: unknown[]) => Promise<unknown>;
        return async (...args: unknown[]) => {
          const result = await method.apply(target, args);
          count[key === 'uploadAttachment' ? 'uploaded' : 'downloaded'] += 1;
          return result;
        };
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
