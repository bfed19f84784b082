/** Filters and sort orders shared by the v2 page lists (GET /pages, GET /spaces/{id}/pages). */
import { invalidParameter } from '../api-error.js';
import { multi, oneOf } from '../http-kit.js';
import { currentVersion, type PageRecord } from '../model.js';
import type { Order, SortKey } from '../paging.js';

const STATUSES = ['current', 'archived', 'deleted', 'trashed'] as const;
const SORTS = [
  'id',
  '-id',
  'created-date',
  '-created-date',
  'modified-date',
  '-modified-date',
  'title',
  '-title',
] as const;

export function statusFilter(query: URLSearchParams): Set<string> {
  const statuses = multi(query, 'status');
  for (const s of statuses) {
    if (!(STATUSES as readonly string[]).includes(s))
      throw invalidParameter(`Invalid value for parameter 'status': ${s}`);
  }
  return new Set(statuses.length > 0 ? statuses : ['current', 'archived']);
}

/** Only `storage` is produced; other representations are refused rather than faked. */
export function bodyFormat(query: URLSearchParams): 'storage' | undefined {
  return oneOf(query, 'body-format', ['storage'] as const);
}

/** The pages that pass the `status` and `title` filters, and the order the `sort` parameter asks for. */
export function filterPages(
  pages: PageRecord[],
  query: URLSearchParams,
): { pages: PageRecord[]; order: Order<PageRecord> } {
  const statuses = statusFilter(query);
  const title = query.get('title');
  const sort = oneOf(query, 'sort', SORTS) ?? 'id';
  const filtered = pages.filter(
    (p) => statuses.has(p.status) && (title === null || currentVersion(p).title === title),
  );
  return { pages: filtered, order: pageOrder(sort) };
}

/** A v2 `sort` value as an order whose key ends with the id, so ties and cursors are exact. */
export function pageOrder(sort: string): Order<PageRecord> {
  const desc = sort.startsWith('-');
  const field = desc ? sort.slice(1) : sort;
  const value = (p: PageRecord): SortKey => {
    switch (field) {
      case 'title':
        return [currentVersion(p).title];
      case 'created-date':
        return [Date.parse(p.createdAt)];
      case 'modified-date':
        return [Date.parse(currentVersion(p).createdAt)];
      case 'child-position':
        return [p.position];
      default:
        return [];
    }
  };
  return { key: (p) => [...value(p), Number(p.id)], desc };
}
