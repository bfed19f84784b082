/**
 * Many exact title lookups in one space with few requests: CQL `title in (…)` through the v1 content
 * search, which Cloud and Data Center both serve. Titles are unique per space, ignoring case.
 */
import type { Transport } from './http.js';
import { chunk, collectAll } from './paging.js';
import { v1ContentListSchema } from './schemas.js';

/** Titles per CQL request: keeps the query string well under URL length limits. */
export const TITLE_BATCH = 50;

/** A CQL string literal: backslashes and double quotes escaped, the whole in double quotes. */
export function cqlString(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** Lower-cased title → id of the page with that title, for those of `titles` the space has. */
export async function findTitlesViaCql(
  http: Transport,
  v1: string,
  spaceKey: string,
  titles: readonly string[],
): Promise<Map<string, string>> {
  const wanted = [...new Map(titles.map((t) => [t.toLowerCase(), t])).values()];
  const found = new Map<string, string>();
  for (const batch of chunk(wanted, TITLE_BATCH)) {
    const raws = await collectAll(
      http,
      {
        method: 'GET',
        path: `${v1}/content/search`,
        query: {
          cql: `space = ${cqlString(spaceKey)} and type = page and title in (${batch.map(cqlString).join(',')})`,
          expand: 'version',
          limit: TITLE_BATCH,
        },
        subject: `${batch.length} page titles`,
      },
      v1ContentListSchema,
    );
    const asked = new Set(batch.map((t) => t.toLowerCase()));
    for (const raw of raws) {
      const key = raw.title.toLowerCase();
      if (asked.has(key) && !found.has(key)) found.set(key, raw.id);
    }
  }
  return found;
}
