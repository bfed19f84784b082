/**
 * What a tool without change detection or concurrency does, one page at a time: push = GET the page
 * (for its version) then PUT the new body; pull = GET the page with its body, convert, write the
 * file. Same client, same converter as the engine, so only the method differs.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Flavor } from '../src/confluence/types.js';
import { createClient } from '../src/confluence/create-client.js';
import type { ConfluenceClient } from '../src/confluence/types.js';
import { toMarkdown, toStorage } from '../src/convert/index.js';
import { CREDENTIALS } from './site.js';

export function benchClient(
  emulator: { url: string },
  options: { maxRetryDelayMs?: number; flavor?: Flavor } = {},
): ConfluenceClient {
  const { flavor = 'cloud', ...rest } = options;
  return createClient({
    baseUrl: emulator.url,
    flavor,
    credentials: { ...CREDENTIALS },
    ...rest,
  });
}

export async function serialPush(
  client: ConfluenceClient,
  edits: readonly { pageId: string; markdown: string }[],
): Promise<void> {
  for (const edit of edits) {
    const page = await client.getPage(edit.pageId);
    await client.updatePage({
      id: page.id,
      spaceId: page.spaceId,
      title: page.title,
      ...(page.parentId ? { parentId: page.parentId } : {}),
      body: toStorage(edit.markdown).storage,
      baseVersion: page.version,
    });
  }
}

export async function serialPull(
  client: ConfluenceClient,
  pageIds: readonly string[],
  intoDir: string,
): Promise<void> {
  await mkdir(intoDir, { recursive: true });
  for (const id of pageIds) {
    const page = await client.getPage(id);
    await writeFile(join(intoDir, `${id}.md`), toMarkdown(page.body));
  }
}
