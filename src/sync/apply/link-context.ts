/**
 * Builds the converter's ConvertContext for one document: relative Markdown links ⇄ page titles,
 * relative image paths ⇄ attachment file names. The index behind it is built once per run from
 * the manifest (what was synced), the scan (what is on disk now) and the plan (where pulled pages
 * will land), so links to pages created or moved in the same run resolve too.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { SyncError } from '../../errors.js';
import { dashUnsafe, safeName } from '../state/paths.js';
import type { ConvertContext, PageRef } from '../../convert/types.js';
import type { Change, LocalDoc, Manifest } from '../types.js';

export interface LinkIndex {
  /** posix path relative to localRoot → page title */
  titleByPath: Map<string, string>;
  /** lower-cased title → posix path relative to localRoot */
  pathByTitle: Map<string, string>;
  /** Every page's file the manifest or the scan knows (NFC, lower case): never an attachment. */
  documents: Set<string>;
  spaceKey: string;
}

export function buildLinkIndex(
  spaceKey: string,
  manifest: Manifest,
  locals: readonly LocalDoc[],
  changes: readonly Change[],
): LinkIndex {
  const index: LinkIndex = { titleByPath: new Map(), pathByTitle: new Map(), documents: new Set(), spaceKey };
  for (const page of Object.values(manifest.pages)) setLink(index, page.localPath, page.title);
  for (const doc of locals) setLink(index, doc.path, doc.title);
  for (const path of index.titleByPath.keys()) index.documents.add(documentKey(path));
  const claimed = new Set(changes.flatMap((c) => (c.localPath ? [c.localPath] : [])));
  for (const change of changes) {
    if (change.previousPath && change.previousPath !== change.localPath) {
      const oldTitle = index.titleByPath.get(change.previousPath);
      index.titleByPath.delete(change.previousPath);
      if (oldTitle && index.pathByTitle.get(oldTitle.toLowerCase()) === change.previousPath) {
        index.pathByTitle.delete(oldTitle.toLowerCase());
      }
      // The page's old file (a page renamed or moved in Confluence; a push leaves the file where it is):
      // links to it still name the page, by its current title, unless another document lands there.
      const recorded = change.pageId === undefined ? undefined : manifest.pages[change.pageId];
      if (recorded?.localPath === change.previousPath && !claimed.has(change.previousPath)) {
        index.titleByPath.set(change.previousPath, change.title);
        if (change.outcome === 'skipped')
          index.pathByTitle.set(change.title.toLowerCase(), change.previousPath);
      }
    }
    if (change.localPath && (change.kind.endsWith('-local') || change.kind === 'adopt')) {
      if (change.outcome === 'skipped' && change.previousPath && index.titleByPath.has(change.previousPath))
        continue;
      setLink(index, change.localPath, change.title);
    }
  }
  return index;
}

function documentKey(path: string): string {
  return path.normalize('NFC').toLowerCase();
}

function setLink(index: LinkIndex, path: string, title: string): void {
  const previous = index.titleByPath.get(path);
  if (previous !== undefined && index.pathByTitle.get(previous.toLowerCase()) === path) {
    index.pathByTitle.delete(previous.toLowerCase());
  }
  index.titleByPath.set(path, title);
  index.pathByTitle.set(title.toLowerCase(), path);
}

export interface DocContextOptions {
  /** Whether a file (posix path relative to localRoot) exists: images that do not are left as written. */
  fileExists: (path: string) => boolean;
  /** Why a referenced file must not be read or uploaded (excluded, hidden), or null; thrown as CS-048. */
  refuse?: (path: string) => string | null;
  /** Attachments this page already has in the manifest: file name → local path (relative to localRoot). */
  knownAttachments?: Record<string, { localPath: string }>;
}

/** The ConvertContext of one document plus what the converter asked for (attachments to upload or download). */
export interface DocContext {
  ctx: ConvertContext;
  /** md → storage: attachment file name → local file (relative to localRoot) to upload. */
  uploads: Map<string, string>;
  /**
   * md → storage: attachments the manifest records at a path the Markdown still refers to, whose file is
   * gone from disk: the page keeps referring to the attachment in Confluence (file name → local path).
   */
  missing: Map<string, string>;
  /** storage → md: attachment file name → local file (relative to localRoot) to download into. */
  downloads: Map<string, string>;
}

const URL_SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:|^\/\//;

export function docContext(docPath: string, index: LinkIndex, options: DocContextOptions): DocContext {
  const docDir = folderOf(docPath);
  const uploads = new Map<string, string>();
  const missing = new Map<string, string>();
  const downloads = new Map<string, string>();
  const filenameBySource = new Map<string, string>();
  const downloadKeys = new Map<string, string>();
  let pageKeys: Set<string> | undefined;
  const pagePaths = (): Set<string> =>
    (pageKeys ??= new Set([...index.titleByPath.keys()].map((p) => p.normalize('NFC').toLowerCase())));

  const downloadedInto = new Map<string, string>();
  // A recorded place that is a page's file, hidden or excluded was not written by a run (an edited
  // manifest): it is not the attachment's place.
  const recordedPlace = (path: string | undefined): path is string =>
    path !== undefined && !index.titleByPath.has(path) && !options.refuse?.(path);
  let recordedNames: Map<string, string> | undefined;
  const recordedName = (path: string): string | undefined => {
    recordedNames ??= new Map(
      Object.entries(options.knownAttachments ?? {})
        .filter(([, a]) => recordedPlace(a.localPath))
        .map(([filename, a]) => [a.localPath, filename]),
    );
    return recordedNames.get(path);
  };

  const ctx: ConvertContext = {
    resolvePageLink(href: string): PageRef | null {
      const target = resolveRelative(docDir, href);
      if (target === null) return null;
      for (const candidate of linkCandidates(target)) {
        const title = index.titleByPath.get(candidate);
        if (title !== undefined) return { title };
      }
      return null;
    },
    resolveAttachment(src: string): string | null {
      const target = resolveRelative(docDir, src);
      if (target === null || target.endsWith('/')) return null;
      // a page's own file is never uploaded as another page's attachment
      if (index.documents.has(documentKey(target))) return null;
      const refused = options.refuse?.(target);
      if (refused) {
        throw new SyncError(
          'CS-048',
          `${docPath} refers to ${target}, which is ${refused}; it was not read or uploaded.`,
          {
            hint: 'Move the file into the docs folder (outside hidden and excluded folders), or remove the reference.',
          },
        );
      }
      // A file this pull is about to download (or has): the attachment it holds, whatever its name on disk.
      const downloading = downloadedInto.get(target);
      if (downloading !== undefined) return downloading;
      if (!options.fileExists(target)) {
        // Deleted on disk (by hand, a git clean) but still referred to: never a broken image in Confluence.
        const recorded = recordedName(target);
        if (recorded === undefined) return null;
        missing.set(recorded, target);
        return recorded;
      }
      const known = filenameBySource.get(target);
      if (known) return known;
      // A pulled attachment whose name had to change on disk (CON.png → CON_.png) keeps its Confluence name.
      let filename = recordedName(target) ?? posix.basename(target);
      const taken = uploads.get(filename);
      if (taken !== undefined && taken !== target) {
        filename = `${createHash('sha256').update(target).digest('hex').slice(0, 8)}-${filename}`;
      }
      uploads.set(filename, target);
      filenameBySource.set(target, filename);
      return filename;
    },
    pageToHref(ref: PageRef): string | null {
      if (ref.spaceKey && ref.spaceKey.toUpperCase() !== index.spaceKey.toUpperCase()) return null;
      const target = index.pathByTitle.get(ref.title.toLowerCase());
      if (target === undefined) return null;
      return encodeHref(relativeHref(docDir, target));
    },
    attachmentToPath(filename: string): string | null {
      const recorded = options.knownAttachments?.[filename]?.localPath;
      // Not a recorded place a run wrote: the attachment goes to its default place instead.
      const known = recordedPlace(recorded) ? recorded : undefined;
      let target = known ?? defaultAttachmentPath(docPath, filename);
      // Two names that are one file on macOS or Windows (NFC/NFD, letter case) get distinct paths, and
      // an attachment never lands on a page's file (an attachment x.md beside a page x).
      const key = target.normalize('NFC').toLowerCase();
      const holder = downloadKeys.get(key);
      const onPage = pagePaths().has(key);
      if (((holder !== undefined && holder !== filename) || onPage) && known === undefined) {
        const suffix = `-${createHash('sha256').update(filename).digest('hex').slice(0, 8)}`;
        const dot = target.lastIndexOf('.');
        target =
          dot > target.lastIndexOf('/') + 1
            ? `${target.slice(0, dot)}${suffix}${target.slice(dot)}`
            : `${target}${suffix}`;
      }
      downloadKeys.set(target.normalize('NFC').toLowerCase(), filename);
      downloads.set(filename, target);
      downloadedInto.set(target, filename);
      return encodeHref(relativeHref(docDir, target));
    },
  };
  return { ctx, uploads, missing, downloads };
}

/** Where a pulled attachment lands when the manifest has no place for it: `<page>.assets/<file>` beside the page's file. */
export function defaultAttachmentPath(docPath: string, filename: string): string {
  const safe = attachmentFileName(filename);
  if (docPath.endsWith('/')) return posix.join(docPath, '_assets', safe);
  const stem = posix.basename(docPath).replace(/\.md$/i, '');
  return posix.join(posix.dirname(docPath), `${stem}.assets`, safe);
}

/**
 * An attachment's file name as a safe local name, with the same rules as page files (state/paths.ts):
 * NFC, no unsafe characters, no leading dot, no Windows device name ("CON.png" → "CON_.png").
 */
const MAX_EXTENSION_BYTES = 32;

export function attachmentFileName(filename: string): string {
  const name = filename.normalize('NFC');
  const dot = name.lastIndexOf('.');
  // An "extension" longer than any real one is part of the name (it would not fit a file name otherwise).
  const hasExt = dot > 0 && Buffer.byteLength(name.slice(dot)) <= MAX_EXTENSION_BYTES;
  const ext = hasExt ? dashUnsafe(name.slice(dot), { spaces: true }) : '';
  const base = hasExt ? name.slice(0, dot) : name;
  return `${safeName(base, '', Buffer.byteLength(ext))}${ext}`;
}

/** The folder a document's relative links start from ("" = localRoot). A virtual folder "dir/" is its own folder. */
function folderOf(docPath: string): string {
  if (docPath.endsWith('/')) return docPath.slice(0, -1);
  const dir = posix.dirname(docPath);
  return dir === '.' ? '' : dir;
}

/** A relative href → posix path relative to localRoot, or null when it is absolute, a URL or leaves the root. */
function resolveRelative(docDir: string, href: string): string | null {
  if (href === '' || URL_SCHEME.test(href) || href.startsWith('/') || href.startsWith('#')) return null;
  // Segment by segment, the inverse of encodeHref: `%40` is `@` in a file name (decodeURI keeps it encoded).
  const parts = href
    .split('#')[0]!
    .split('?')[0]!
    .split('/')
    .map((part) => decodeSegment(part));
  if (parts.some((part) => /[/\\\0]/.test(part))) return null;
  const decoded = parts.join('/');
  if (decoded === '') return null;
  const trailingSlash = decoded.endsWith('/');
  const joined = posix.normalize(posix.join(docDir, decoded));
  if (joined === '..' || joined.startsWith('../') || joined.startsWith('/')) return null;
  if (joined === '.') return '';
  return trailingSlash && !joined.endsWith('/') ? `${joined}/` : joined;
}

/** `100%.png` as written is the file `100%.png`: a `%` that starts no escape stays itself. */
function decodeSegment(part: string): string {
  try {
    return decodeURIComponent(part.replace(/%(?![0-9a-fA-F]{2})/g, '%25'));
  } catch {
    return part; // an escape that is no UTF-8 (`%C3` alone): the name as written
  }
}

function linkCandidates(target: string): string[] {
  if (target === '') return ['index.md', 'README.md'];
  const dir = target.replace(/\/$/, '');
  if (target.endsWith('/')) return [`${dir}/index.md`, `${dir}/README.md`, `${dir}/`];
  return [target, `${target}.md`, `${target}/index.md`, `${target}/README.md`, `${target}/`];
}

function relativeHref(fromDir: string, target: string): string {
  const isFolder = target.endsWith('/');
  const rel = posix.relative(fromDir === '' ? '.' : fromDir, target.replace(/\/$/, '') || '.');
  if (isFolder) return rel === '' ? './' : `${rel}/`;
  return rel === '' ? posix.basename(target) : rel;
}

function encodeHref(href: string): string {
  return href
    .split('/')
    .map((part) => encodeURIComponent(part).replace(/%2E/gi, '.'))
    .join('/');
}
