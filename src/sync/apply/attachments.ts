/**
 * Images and files referenced by a page, both ways. Uploads happen only when the bytes changed:
 * the sha256 of what was last uploaded is kept in the manifest and in the attachment's comment
 * (`confluence-sync sha256:<hex>`), so even a page linked after a crash skips unchanged files.
 */
import { extname, join } from 'node:path';
import { isRealFileInside, readFile, readFileSync } from '../state/docs-fs.js';
import type { Attachment } from '../../confluence/types.js';
import { absLocal, cwdRelative, sha256, writeLocal, type ApplyEnv } from './env.js';
import type { Change, ChangeSet, LocalDoc, Manifest, ManifestAttachment, SyncMode } from '../types.js';

const COMMENT_PREFIX = 'confluence-sync sha256:';

export function hashComment(hash: string): string {
  return `${COMMENT_PREFIX}${hash}`;
}

export function hashFromComment(comment: string): string | null {
  const at = comment.indexOf(COMMENT_PREFIX);
  if (at < 0) return null;
  const hex = comment.slice(at + COMMENT_PREFIX.length).match(/^[0-9a-f]{64}/);
  return hex ? hex[0] : null;
}

const MEDIA_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.bmp': 'image/bmp',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.zip': 'application/zip',
  '.drawio': 'application/vnd.jgraph.mxfile',
};

export function mediaTypeOf(filename: string): string {
  return MEDIA_TYPES[extname(filename).toLowerCase()] ?? 'application/octet-stream';
}

export interface PushAttachmentsOptions {
  /** Check the page's attachments in Confluence first (a page just linked: the manifest knows nothing yet). */
  verifyRemote?: boolean;
  /** Attachments referred to whose file is gone from disk: their records are kept, nothing is uploaded. */
  missing?: ReadonlyMap<string, string>;
}

/**
 * Uploads the files a pushed page references whose bytes differ from the last upload.
 * Returns the page's new manifest attachment map (only the files referenced now).
 */
/** The line the run prints for a pushed page that refers to attachment files gone from disk. */
export function missingFilesWarning(change: Change): string | null {
  const files = change.missingFiles ?? [];
  if (files.length === 0 || change.outcome !== 'applied') return null;
  const one = files.length === 1;
  return `${files.join(', ')} ${one ? 'is' : 'are'} missing on disk but still referred to by ${change.localPath ?? change.title}: page "${change.title}" keeps ${one ? 'its attachment' : 'those attachments'} in Confluence. Restore ${one ? 'the file' : 'the files'} (git checkout), or remove the reference to drop ${one ? 'it' : 'them'} from the page.`;
}

export async function pushAttachments(
  env: ApplyEnv,
  pageId: string,
  uploads: ReadonlyMap<string, string>,
  previous: Readonly<Record<string, ManifestAttachment>>,
  options: PushAttachmentsOptions = {},
): Promise<Record<string, ManifestAttachment>> {
  const result: Record<string, ManifestAttachment> = {};
  for (const filename of options.missing?.keys() ?? []) {
    const known = previous[filename];
    if (known) result[filename] = known;
  }
  if (uploads.size === 0) return result;
  let remote: Map<string, Attachment> | null = null;
  if (options.verifyRemote) {
    remote = new Map((await env.client.listAttachments(pageId)).map((a) => [a.title, a]));
  }
  for (const [filename, localPath] of uploads) {
    const data = await readFile(absLocal(env, localPath));
    const hash = sha256(data);
    const known = previous[filename];
    if (known && known.hash === hash) {
      result[filename] = { ...known, localPath };
      continue;
    }
    const existing = remote?.get(filename);
    if (existing && hashFromComment(existing.comment) === hash) {
      result[filename] = { id: existing.id, hash, version: existing.version, localPath };
      continue;
    }
    const uploaded = await env.client.uploadAttachment({
      pageId,
      filename,
      data,
      mediaType: mediaTypeOf(filename),
      comment: hashComment(hash),
    });
    env.log(`uploaded ${filename} to page ${pageId} (version ${uploaded.version})`);
    result[filename] = { id: uploaded.id, hash, version: uploaded.version, localPath };
  }
  return result;
}

/**
 * Downloads the attachments a pulled page references into their local paths, skipping those whose
 * version is the one already on disk. One listing request per page, and only when it has any.
 */
export async function pullAttachments(
  env: ApplyEnv,
  pageId: string,
  downloads: ReadonlyMap<string, string>,
  previous: Readonly<Record<string, ManifestAttachment>>,
): Promise<Record<string, ManifestAttachment>> {
  const result: Record<string, ManifestAttachment> = {};
  if (downloads.size === 0) return result;
  const remote = new Map((await env.client.listAttachments(pageId)).map((a) => [a.title, a]));
  for (const [filename, localPath] of downloads) {
    const attachment = remote.get(filename);
    if (!attachment) {
      env.log(`page ${pageId} references ${filename}, which is not attached: left as a link`);
      continue;
    }
    const known = previous[filename];
    // The same version is already here; a local edit of the file is the push side's business. A file
    // deleted on disk is written again.
    if (
      known &&
      known.version === attachment.version &&
      known.localPath === localPath &&
      isRealFileInside(env.rootAbs, absLocal(env, localPath))
    ) {
      result[filename] = known;
      continue;
    }
    const local = await readHash(absLocal(env, localPath));
    if (local !== null && local === hashFromComment(attachment.comment)) {
      result[filename] = { id: attachment.id, hash: local, version: attachment.version, localPath };
      continue;
    }
    // A file there that is not the copy this tool last wrote (edited locally, or someone else's file):
    // never overwritten; the next push uploads a local edit.
    if (local !== null && !(known && known.localPath === localPath && known.hash === local)) {
      env.log(
        `page ${pageId}: ${localPath} was changed locally (or is not ${filename}): kept, not overwritten`,
      );
      if (known) result[filename] = known;
      continue;
    }
    const data = await env.client.downloadAttachment(attachment);
    await writeLocal(env, localPath, data);
    env.filesChanged.add(cwdRelative(env, localPath));
    result[filename] = { id: attachment.id, hash: sha256(data), version: attachment.version, localPath };
  }
  return result;
}

async function readHash(absPath: string): Promise<string | null> {
  try {
    return sha256(await readFile(absPath));
  } catch {
    return null;
  }
}

/**
 * The plan compares Markdown files; an image edited on disk leaves its Markdown untouched. This adds
 * an attachments-only update for each page whose recorded attachment files changed since they were
 * uploaded (sha256 of the bytes against the manifest), so a new diagram reaches Confluence without
 * rewriting the page.
 */
export function addAttachmentChanges(
  changeSet: ChangeSet,
  input: {
    manifest: Manifest;
    locals: readonly LocalDoc[];
    rootAbs: string;
    mode: SyncMode;
    paths?: string[];
  },
): void {
  const planned = new Set(changeSet.changes.map((c) => c.pageId));
  const byPath = new Map(input.locals.map((d) => [d.path, d]));
  for (const page of Object.values(input.manifest.pages)) {
    if (planned.has(page.id) || Object.keys(page.attachments).length === 0) continue;
    const doc = byPath.get(page.localPath);
    if (!doc || doc.hash !== page.contentHash) continue;
    if (input.paths && input.paths.length > 0 && !inPaths(doc.path, input.paths)) continue;
    const changed = Object.values(page.attachments)
      .filter((a) => {
        const abs = join(input.rootAbs, ...a.localPath.split('/'));
        // Never through a symlink out of the docs folder.
        const hash = isRealFileInside(input.rootAbs, abs) ? hashOf(abs) : null;
        return hash !== null && hash !== a.hash;
      })
      .map((a) => a.localPath);
    if (changed.length === 0) continue;
    changeSet.changes.push({
      kind: 'update-remote',
      pageId: page.id,
      title: page.title,
      localPath: page.localPath,
      local: 'changed',
      remote: 'unchanged',
      reason: `Attached file${changed.length === 1 ? '' : 's'} changed: ${changed.join(', ')}.`,
      outcome: input.mode === 'pull' ? 'skipped' : 'planned',
      fromVersion: page.version,
      baseVersion: page.version,
      localHash: doc.hash,
      docKind: doc.kind,
      labels: doc.labels,
      attachmentsOnly: true,
    });
    changeSet.unchanged = Math.max(0, changeSet.unchanged - 1);
  }
}

function hashOf(absPath: string): string | null {
  try {
    return sha256(readFileSync(absPath));
  } catch {
    return null;
  }
}

/** The run's path filter (posix paths relative to localRoot; a folder covers what is under it). */
export function inPaths(path: string, filters: readonly string[]): boolean {
  return filters.some((raw) => {
    const f = raw.replace(/^\.\//, '').replace(/\/+$/, '');
    return f === '' || f === '.' || path === f || path.startsWith(`${f}/`);
  });
}
