/**
 * Follows `_links.next` until the listing ends. Cloud v2 hands out cursor links that already start
 * with /wiki; v1 (Data Center) hands out start/limit links relative to the context path. The
 * transport joins both correctly and refuses links to another host.
 */
import type { z } from 'zod';
import { badResponse } from './errors-map.js';
import type { RequestSpec, Transport } from './http.js';

interface Listing<T> {
  results: T[];
  _links?: { next?: string | undefined } | undefined;
}

const MAX_PAGES = 10_000;

export async function collectAll<T>(
  http: Transport,
  first: RequestSpec,
  schema: z.ZodType<Listing<T>>,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let spec: RequestSpec = first;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await http.json(spec, schema);
    items.push(...answer.results);
    const next = answer._links?.next;
    if (!next || answer.results.length === 0) return items;
    if (seen.has(next)) {
      throw badResponse(
        { method: first.method, path: first.path, identity: http.identity },
        'the listing repeats its next link',
      );
    }
    seen.add(next);
    spec = { method: 'GET', path: next, subject: first.subject };
  }
  throw badResponse(
    { method: first.method, path: first.path, identity: http.identity },
    'the listing never ends',
  );
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** The ids under rootId (rootId included), following parentId links. */
export function subtree<T extends { id: string; parentId: string | null }>(
  all: readonly T[],
  rootId: string,
): T[] {
  const children = new Map<string, T[]>();
  for (const item of all) {
    if (item.parentId === null) continue;
    const list = children.get(item.parentId) ?? [];
    list.push(item);
    children.set(item.parentId, list);
  }
  const root = all.find((item) => item.id === rootId);
  if (!root) return [];
  const kept: T[] = [root];
  const seen = new Set([rootId]);
  for (let i = 0; i < kept.length; i++) {
    for (const child of children.get(kept[i]!.id) ?? []) {
      if (seen.has(child.id)) continue;
      seen.add(child.id);
      kept.push(child);
    }
  }
  return kept;
}
