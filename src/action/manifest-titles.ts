/**
 * Page titles the change set does not carry (a new page's parent that already exists), read from the
 * manifest on disk for the report. A missing or unreadable manifest gives empty maps: the report then
 * shows the parent's path instead of its title.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const MANIFEST = z
  .object({
    pages: z.record(z.string(), z.object({ title: z.string(), localPath: z.string() }).loose()),
  })
  .loose();

export interface PageTitles {
  byPath: Map<string, string>;
  byId: Map<string, string>;
}

export function manifestTitles(cwd: string, manifestPath: string): PageTitles {
  const titles: PageTitles = { byPath: new Map(), byId: new Map() };
  let parsed: z.infer<typeof MANIFEST>;
  try {
    const result = MANIFEST.safeParse(JSON.parse(readFileSync(join(cwd, manifestPath), 'utf8')));
    if (!result.success) return titles;
    parsed = result.data;
  } catch {
    return titles;
  }
  for (const [id, page] of Object.entries(parsed.pages)) {
    titles.byId.set(id, page.title);
    titles.byPath.set(page.localPath, page.title);
  }
  return titles;
}
