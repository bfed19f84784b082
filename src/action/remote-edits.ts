/**
 * For the report: who edited each conflicting page in Confluence since the repository last saw it,
 * and what they changed (base version → current version, both converted to Markdown, as a diff).
 * Three reads per page (history, base, current), for at most MAX_PAGES pages; a read that fails
 * becomes a note in the report, never a failed run.
 */
import type { SyncConfig } from '../config/types.js';
import { createClient, createTransport } from '../confluence/create-client.js';
import { versionsSince } from '../confluence/page-history.js';
import { toMarkdown } from '../convert/index.js';
import { toSyncError } from '../errors.js';
import { isConflict, unifiedDiff, type RemoteEdit } from '../report/index.js';
import type { ChangeSet } from '../sync/types.js';

/** Conflicts beyond this many are listed without history and diff (the report folds them anyway). */
export const MAX_PAGES = 10;

export async function readRemoteEdits(
  config: SyncConfig,
  cs: ChangeSet,
  log: (line: string) => void = () => {},
): Promise<Map<string, RemoteEdit>> {
  const wanted = cs.changes
    .filter(isConflict)
    .filter((c) => c.pageId && c.remote === 'changed' && c.baseVersion !== undefined)
    .slice(0, MAX_PAGES);
  const edits = new Map<string, RemoteEdit>();
  if (wanted.length === 0) return edits;
  const options = {
    baseUrl: config.confluenceUrl,
    credentials: config.credentials,
    ...(config.flavor ? { flavor: config.flavor } : {}),
    retries: 2,
    log,
  };
  const client = createClient(options);
  const { transport } = createTransport(options);

  for (const c of wanted) {
    const id = c.pageId ?? '';
    const base = c.baseVersion ?? 0;
    const edit: RemoteEdit = { baseVersion: base, currentVersion: c.fromVersion ?? base, edits: [] };
    const notes: string[] = [];
    try {
      edit.edits = (await versionsSince(transport, id, base)).map((v) => ({
        version: v.version,
        by: v.by,
        when: v.when,
      }));
      const last = edit.edits.at(-1);
      if (last) edit.currentVersion = Math.max(edit.currentVersion, last.version);
    } catch (e) {
      notes.push(`The page history could not be read (${toSyncError(e).code}).`);
    }
    try {
      const [before, now] = await Promise.all([client.getPage(id, base), client.getPage(id)]);
      edit.currentVersion = now.version;
      edit.diff = unifiedDiff(
        toMarkdown(before.body, {}, { title: before.title }),
        toMarkdown(now.body, {}, { title: now.title }),
      );
    } catch (e) {
      notes.push(`The Confluence-side change could not be shown (${toSyncError(e).code}).`);
    }
    if (notes.length > 0) edit.note = notes.join(' ');
    edits.set(id, edit);
  }
  return edits;
}
