/**
 * The local side: every Markdown file under localRoot matching the include globs and not the exclude
 * globs, hashed, titled, and placed in the tree. A folder's page is its `index.md` (or `README.md`),
 * else a sibling `<folder>.md`, else a virtual folder doc `dir/` (a page that lists its children).
 */
import { createHash } from 'node:crypto';
import { readFile, readdir, realpath, stat, type Dirent } from './docs-fs.js';
import { join, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import type { SyncConfig } from '../../config/types.js';
import { SyncError } from '../../errors.js';
import { readLocalMeta } from './local-meta.js';
import type { LocalDoc, Manifest } from '../types.js';

export interface ScanResult {
  /** Sorted by path. */
  docs: LocalDoc[];
  /** Things skipped, for the report (symlinks, README.md beside index.md). */
  warnings: string[];
  /**
   * Paths on disk that are not docs (excluded or not included files, excluded folders as `dir/`,
   * symlinks): a pulled page must never be written over one of them.
   */
  others?: string[];
}

type ScanConfig = Pick<SyncConfig, 'cwd' | 'localRoot' | 'includePatterns' | 'excludePatterns'>;

interface FileEntry {
  path: string;
  bytes: Buffer;
}

/** Files read at the same time: enough to hide disk latency, few enough to stay far from EMFILE. */
const READ_CONCURRENCY = 32;

/**
 * `allowMissingRoot`: a localRoot that does not exist is an empty docs folder (a first pull creates it);
 * otherwise it is an error (CS-023), never "every file was deleted". Any folder or file that cannot be
 * read stops the scan (CS-024) before anything is written.
 */
export async function scanLocal(
  config: ScanConfig,
  manifest: Manifest,
  options: { allowMissingRoot?: boolean } = {},
): Promise<ScanResult> {
  const root = resolve(config.cwd, config.localRoot);
  const include = picomatch(config.includePatterns);
  const exclude = picomatch(config.excludePatterns.length > 0 ? config.excludePatterns : ['!**'], {
    dot: true,
  });
  const warnings: string[] = [];
  const hidden = config.includePatterns.filter((p) => p.split('/').some((part) => part.startsWith('.')));
  if (hidden.length > 0)
    warnings.push(
      `includePatterns name hidden files (${hidden.join(', ')}): files and folders whose names start with a dot are never synced.`,
    );
  const others: string[] = [];
  const found: { path: string; abs: string }[] = [];

  let realRoot: string;
  try {
    realRoot = await realpath(root);
    if (!(await stat(realRoot)).isDirectory()) {
      throw new SyncError('CS-023', `localRoot "${config.localRoot}" is not a folder.`, {
        hint: 'Set localRoot in .confluence-sync.yml to the docs folder; nothing was read or written.',
      });
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && options.allowMissingRoot === true)
      return { docs: [], warnings };
    if (e instanceof SyncError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new SyncError(
      'CS-023',
      `The docs folder "${config.localRoot}" (localRoot) ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`}.`,
      {
        hint: `Fix localRoot in .confluence-sync.yml (was the folder moved or renamed?); nothing was changed, no page deleted.`,
        cause: e,
      },
    );
  }

  const walk = async (dirAbs: string, dirRel: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dirAbs, { withFileTypes: true });
    } catch (e) {
      throw unreadable(`${config.localRoot}/${dirRel}`.replace(/\/+$/, ''), 'folder', e);
    }
    for (const entry of entries.sort((a, b) => compare(a.name, b.name))) {
      const rel = dirRel === '' ? entry.name : `${dirRel}/${entry.name}`;
      const abs = join(dirAbs, entry.name);
      // Hidden files and folders (.git holds the job's token, .env secrets) are never read, whatever
      // includePatterns says.
      if (entry.name.startsWith('.')) {
        others.push(entry.isDirectory() ? `${rel}/` : rel);
        continue;
      }
      if (entry.isSymbolicLink()) {
        others.push(rel);
        if (exclude(rel) || exclude(`${rel}/`)) continue;
        const warning = await checkSymlink(abs, rel, realRoot);
        if (warning) warnings.push(warning);
        continue;
      }
      if (entry.isDirectory()) {
        if (exclude(rel) || exclude(`${rel}/`)) {
          others.push(`${rel}/`);
          continue;
        }
        await walk(abs, rel);
      } else if (entry.isFile() && include(rel) && !exclude(rel)) {
        found.push({ path: rel, abs });
      } else {
        others.push(rel);
      }
    }
  };
  await walk(root, '');
  const known = new Map(Object.values(manifest.pages).map((p) => [p.localPath, p]));
  const pulledCopies = attachmentCopies(found, known);
  for (const path of pulledCopies) {
    others.push(path);
    warnings.push(`${path} is in a page's attachments folder: an attachment, not synced as a page.`);
  }
  const docFiles = found.filter((f) => !pulledCopies.has(f.path));

  const files: FileEntry[] = [];
  for (let i = 0; i < docFiles.length; i += READ_CONCURRENCY) {
    const batch = docFiles.slice(i, i + READ_CONCURRENCY);
    const read = await Promise.all(
      batch.map(async (f) => {
        try {
          return { path: f.path, bytes: await readFile(f.abs) };
        } catch (e) {
          throw unreadable(`${config.localRoot}/${f.path}`, 'file', e);
        }
      }),
    );
    files.push(...read);
  }

  const docs = files.map((file) => fileDoc(file, known.get(file.path)));
  const tree = placeInTree(docs, warnings);
  return { docs: tree.sort((a, b) => compare(a.path, b.path)), warnings, others };
}

/**
 * Files in the folder a pull puts a page's attachments in (`page.assets/` beside `page.md`, `_assets/` in
 * a folder page's folder): a pulled attachment named `notes.md` is not a page, even once the page stops
 * linking to it. A file the manifest tracks as a page stays one.
 */
function attachmentCopies(found: { path: string }[], tracked: Map<string, unknown>): Set<string> {
  const paths = new Set(found.map((f) => f.path));
  const copies = new Set<string>();
  for (const { path } of found) {
    if (tracked.has(path)) continue;
    const parts = path.split('/');
    for (let i = 0; i < parts.length - 1; i++) {
      const folder = parts[i]!;
      const dir = parts.slice(0, i).join('/');
      const page = folder.endsWith('.assets')
        ? `${dir ? `${dir}/` : ''}${folder.slice(0, -'.assets'.length)}.md`
        : null;
      if (folder === '_assets' || (page !== null && (paths.has(page) || tracked.has(page)))) {
        copies.add(path);
        break;
      }
    }
  }
  return copies;
}

function fileDoc(file: FileEntry, known: Manifest['pages'][string] | undefined): LocalDoc {
  if (file.bytes.includes(0)) {
    throw new SyncError('CS-042', `${file.path} looks binary (it contains NUL bytes), not Markdown text.`, {
      hint: 'Remove it from the docs folder or add it to excludePatterns.',
    });
  }
  let content: string;
  try {
    content = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
  } catch {
    throw new SyncError('CS-042', `${file.path} is not valid UTF-8 text.`, {
      hint: 'Save it as UTF-8 (or add it to excludePatterns).',
    });
  }
  const hash = sha256(file.bytes);
  const doc: LocalDoc = {
    path: file.path,
    kind: isFolderIndexName(file.path) ? 'folder-index' : 'file',
    content,
    hash,
    title: '',
    labels: [],
    parentPath: null,
  };
  if (known && known.contentHash === hash && known.title !== '') {
    // Unchanged since the last sync: no need to parse it again.
    doc.title = known.title;
    doc.labels = [...known.labels];
    return doc;
  }
  let meta: ReturnType<typeof readLocalMeta>;
  try {
    meta = readLocalMeta(content, file.path);
  } catch (e) {
    // Over a limit (nesting, front matter): the page fails alone when it is converted; the scan goes on.
    if (!(e instanceof SyncError) || (e.code !== 'CS-046' && e.code !== 'CS-047')) throw e;
    meta = { frontmatter: {}, labels: known ? [...known.labels] : [] };
    if (known) meta.title = known.title;
  }
  doc.title = meta.title ?? meta.firstHeading ?? fallbackTitle(file.path);
  doc.labels = meta.labels;
  return doc;
}

/** Folder pages (index/README, sibling file or virtual) and every doc's parentPath. */
function placeInTree(files: LocalDoc[], warnings: string[]): LocalDoc[] {
  const byPath = new Map(files.map((d) => [d.path, d]));
  // Lower-cased path → the first doc with it, for the index/README lookups in any letter case.
  const byLowerPath = new Map<string, LocalDoc>();
  for (const doc of files) {
    const lower = doc.path.toLowerCase();
    if (!byLowerPath.has(lower)) byLowerPath.set(lower, doc);
  }
  const folders = new Set<string>(); // "a/b/" for every folder holding a doc
  for (const doc of files) {
    const parts = doc.path.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(`${parts.slice(0, i).join('/')}/`);
  }

  const folderPage = new Map<string, string | null>([['', null]]);
  const virtuals: LocalDoc[] = [];
  for (const folder of [...folders].sort()) {
    const index =
      byPath.get(`${folder}index.md`) ??
      byPath.get(`${folder}README.md`) ??
      byLowerPath.get(`${folder}index.md`.toLowerCase()) ??
      byLowerPath.get(`${folder}readme.md`.toLowerCase());
    if (index) {
      if (index.path.toLowerCase().endsWith('/index.md')) {
        const readme = byLowerPath.get(`${folder}readme.md`.toLowerCase());
        if (readme) {
          warnings.push(
            `${readme.path} is an ordinary page: ${index.path} is the page of the folder ${folder}.`,
          );
          readme.kind = 'file';
        }
      }
      index.kind = 'folder-index';
      folderPage.set(folder, index.path);
      continue;
    }
    const sibling = byPath.get(`${folder.slice(0, -1)}.md`);
    if (sibling) {
      folderPage.set(folder, sibling.path);
      continue;
    }
    const virtual: LocalDoc = {
      path: folder,
      kind: 'virtual-folder',
      content: '',
      hash: '',
      title: folder.slice(0, -1).split('/').pop() ?? folder,
      labels: [],
      parentPath: null,
    };
    virtuals.push(virtual);
    folderPage.set(folder, folder);
  }

  const all = [...files, ...virtuals];
  const children = new Map<string, string[]>();
  for (const doc of all) {
    const own = doc.kind === 'file' ? doc.path : containing(doc.path);
    const parentFolder = doc.kind === 'file' ? folderPart(doc.path) : parentFolderOf(own);
    doc.parentPath = folderPage.get(parentFolder) ?? null;
    const names = children.get(parentFolder) ?? [];
    names.push(doc.kind === 'file' ? (doc.path.split('/').pop() ?? doc.path) : `${own.split('/').pop()}/`);
    children.set(parentFolder, names);
  }
  // A virtual folder's hash covers the names of its children (its generated body lists them) but not its
  // own location, so a moved folder is recognised by its hash like a moved file.
  for (const v of virtuals) v.hash = sha256(Buffer.from((children.get(v.path) ?? []).sort().join('\n')));
  return all;
}

/** A folder or file the scan cannot read: the run stops, as a missing file must never read as a deleted one. */
function unreadable(path: string, what: 'folder' | 'file', e: unknown): SyncError {
  const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
  return new SyncError('CS-024', `The ${what} ${path} cannot be read (${code}).`, {
    hint: `Make it readable (or add it to excludePatterns); nothing was changed, no page deleted.`,
    cause: e,
  });
}

function isFolderIndexName(path: string): boolean {
  return /\/(index|readme)\.md$/i.test(path);
}

/** "a/b/index.md" → "a/b"; "a/b/" → "a/b". */
function containing(path: string): string {
  return path.endsWith('/') ? path.slice(0, -1) : path.slice(0, path.lastIndexOf('/'));
}

/** "a/b/c.md" → "a/b/". */
function folderPart(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

/** "a/b" → "a/"; "a" → "". */
function parentFolderOf(own: string): string {
  return own.slice(0, own.lastIndexOf('/') + 1);
}

/** The file name without extension; a folder's index file takes the folder's name. */
function fallbackTitle(path: string): string {
  if (isFolderIndexName(path)) return containing(path).split('/').pop() ?? path;
  const name = path.split('/').pop() ?? path;
  return name.replace(/\.[^.]+$/, '') || name;
}

/**
 * Symlinks are never followed. One that leaves the docs folder stops the run (CS-041): its target is never
 * read, and the rest of the run does not go on as if the link were not there.
 */
async function checkSymlink(abs: string, rel: string, realRoot: string): Promise<string | undefined> {
  let target: string;
  try {
    target = await realpath(abs);
  } catch {
    return `${rel}: skipped, it is a broken symlink.`;
  }
  if (target !== realRoot && !target.startsWith(`${realRoot}${sep}`)) {
    throw new SyncError('CS-041', `${rel} is a symlink that leaves the docs folder.`, {
      hint: 'Replace the link with the file itself, or add it to excludePatterns; nothing was read or written.',
    });
  }
  return `${rel}: skipped, it is a symlink (its target inside the docs folder is synced on its own).`;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
