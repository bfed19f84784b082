/**
 * Remote titles → local paths. A title can contain anything; a file name cannot. Names produced here are
 * valid on Linux, macOS and Windows, unique among siblings ignoring case, and never leave localRoot.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { SyncError } from '../../errors.js';

const MAX_NAME_BYTES = 255;
/** Separators, Windows-reserved characters, controls (C0, DEL, C1), and bidi controls that disguise a name. */
const UNSAFE =
  /[/\\:*?"<>|\u0000-\u001f\u007f-\u009f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
/** Windows device names, reserved with any extension too ("nul.txt"). */
const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/i;
/** Names the scan reads as "this folder's page": a leaf page must not land on one. */
const FOLDER_PAGE_NAMES = /^(index|readme)$/i;

/** Characters no file name holds, each replaced by "-" (whitespace too when `spaces`: an extension has none). */
export function dashUnsafe(text: string, options: { spaces?: boolean } = {}): string {
  const dashed = text.replace(UNSAFE, '-');
  return options.spaces ? dashed.replace(/\s/g, '-') : dashed;
}

/**
 * A title as a safe file (or folder, with ext "") name: unsafe characters become "-", no trailing dot or
 * space, no leading dot, NFC, no reserved device name, at most 255 UTF-8 bytes including `reserveBytes`
 * for a later suffix.
 */
export function safeName(title: string, ext = '.md', reserveBytes = 0): string {
  let name = title
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .replace(UNSAFE, '-')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (name === '') name = 'untitled';
  const stem = name.split('.')[0] ?? '';
  if (RESERVED.test(stem.trimEnd())) name = `${stem.trimEnd()}_${name.slice(stem.length)}`;
  if (ext !== '' && FOLDER_PAGE_NAMES.test(name)) name = `${name}-page`;
  name = truncateBytes(name, MAX_NAME_BYTES - byteLength(ext) - reserveBytes).replace(/[.\s]+$/, '');
  return `${name || 'untitled'}${ext}`;
}

/**
 * Where a page pulled from Confluence goes: under its parent's folder, as `name.md`, or as `name/index.md`
 * when it has children. `taken` holds the lower-cased paths already used (files and `dir/` folders, every
 * folder on the way included);
 * on a clash the page id is appended, so the name does not depend on the order pages are seen in.
 */
export function localPathForPage(page: {
  id: string;
  title: string;
  /** The parent page's local doc path (null = the root page). */
  parentPath: string | null;
  hasChildren: boolean;
  taken: ReadonlySet<string>;
}): string {
  const folder = folderOf(page.parentPath);
  const free = (path: string): boolean => {
    // A leaf x.md next to a folder x/ would become that folder's page: neither may exist yet.
    if (!page.hasChildren)
      return !page.taken.has(path.toLowerCase()) && !page.taken.has(`${path.slice(0, -3)}/`.toLowerCase());
    const dir = path.slice(0, -'index.md'.length);
    return !page.taken.has(dir.toLowerCase()) && !page.taken.has(`${dir.slice(0, -1)}.md`.toLowerCase());
  };
  const named = (suffix: string): string => {
    if (page.hasChildren) return `${folder}${safeName(page.title, '', byteLength(suffix))}${suffix}/index.md`;
    if (suffix === '') return `${folder}${safeName(page.title, '.md')}`;
    return `${folder}${safeName(page.title, '', byteLength(`${suffix}.md`))}${suffix}.md`;
  };
  for (const suffix of ['', `-${page.id}`]) {
    const path = named(suffix);
    if (free(path)) return path;
  }
  // Both the title and title-id are taken (only in a deliberately odd tree): count up from 2.
  for (let n = 2; ; n++) {
    const path = named(`-${page.id}-${n}`);
    if (free(path)) return path;
  }
}

/**
 * The folder (with trailing slash, "" for localRoot) that holds a doc's child docs:
 * `guide/index.md`, `guide/README.md` and `guide/` → `guide/`; a leaf `guide.md` → `guide/` (its sibling folder).
 * A top-level `index.md` is a leaf (the root folder is the root page itself): → `index/`.
 */
export function folderOf(docPath: string | null): string {
  if (docPath === null || docPath === '') return '';
  if (docPath.endsWith('/')) return docPath;
  const slash = docPath.lastIndexOf('/');
  const dir = docPath.slice(0, slash + 1);
  const file = docPath.slice(slash + 1);
  // Only inside a folder is index.md / README.md that folder's page; at the top it is an ordinary page.
  if (dir !== '' && /^(index|readme)\.md$/i.test(file)) return dir;
  return `${dir}${file.replace(/\.md$/i, '')}/`;
}

/** The absolute path of `path` (relative to root); CS-041 when it would leave root. */
export function assertInside(root: string, path: string): string {
  const absoluteRoot = resolve(root);
  const absolute = resolve(absoluteRoot, path);
  const rel = relative(absoluteRoot, absolute);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) || path.includes('\0')) {
    throw new SyncError('CS-041', `The path "${path}" leaves the docs folder.`, {
      hint: 'Only paths inside localRoot are synced; check the page title or the link.',
    });
  }
  return absolute;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function truncateBytes(text: string, maxBytes: number): string {
  if (byteLength(text) <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const size = byteLength(ch);
    if (bytes + size > maxBytes) break;
    out += ch;
    bytes += size;
  }
  return out;
}
