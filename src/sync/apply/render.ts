/**
 * Markdown ⇄ storage for one page, with links and images resolved through the run's link index.
 */
import { readFrontmatterOf, titleFromLeadingHeading, toMarkdown, toStorage } from '../../convert/index.js';
import picomatch from 'picomatch';
import { SyncError } from '../../errors.js';
import type { Page } from '../../confluence/types.js';
import { localFileExists, type ApplyEnv, type RenderEnv } from './env.js';
import { docContext } from './link-context.js';
import { hasConflictMarkers } from './merge.js';
import type { LocalDoc, ManifestAttachment } from '../types.js';

/** The body of a page made for a folder without an index file: Confluence lists its children. */
export const FOLDER_PAGE_BODY =
  '<ac:structured-macro ac:name="children" ac:schema-version="2"><ac:parameter ac:name="all">true</ac:parameter></ac:structured-macro>';

export interface PushBody {
  storage: string;
  /** Attachment file name → local file (relative to localRoot). */
  uploads: Map<string, string>;
  /** Attachments still referred to whose recorded file is gone from disk (link-context.ts). */
  missing: Map<string, string>;
  labels: string[];
}

/**
 * Files a page may never pull into Confluence: anything under a dot-folder or named with a leading dot
 * (`.git/config` holds the job's token when localRoot is the repository), and anything excludePatterns
 * excludes.
 */
export function refusedSource(env: Pick<ApplyEnv, 'config'>): (path: string) => string | null {
  const excluded = excludedBy(env.config.excludePatterns);
  return (path) => {
    if (path.split('/').some((part) => part.startsWith('.'))) return 'hidden (a dot-file or dot-folder)';
    if (excluded(path)) return 'excluded by excludePatterns';
    return null;
  };
}

/** One matcher per pattern list (a run's config), not one compiled per pushed page. */
const matchers = new WeakMap<readonly string[], (path: string) => boolean>();

function excludedBy(patterns: readonly string[]): (path: string) => boolean {
  let matcher = matchers.get(patterns);
  if (!matcher) {
    matcher = picomatch(patterns.length > 0 ? [...patterns] : ['!**'], { dot: true });
    matchers.set(patterns, matcher);
  }
  return matcher;
}

/** `knownAttachments`: the page's attachments in the manifest, so a file renamed on disk keeps its Confluence name. */
export function renderForPush(
  env: RenderEnv,
  doc: LocalDoc,
  knownAttachments?: Record<string, ManifestAttachment>,
): PushBody {
  if (doc.kind === 'virtual-folder')
    return { storage: FOLDER_PAGE_BODY, uploads: new Map(), missing: new Map(), labels: [] };
  if (hasConflictMarkers(doc.content)) {
    throw new SyncError(
      'CS-043',
      `${doc.path} still has conflict markers (<<<<<<< local … >>>>>>> confluence)`,
      {
        hint: 'Edit the file to keep the text you want, remove the marker lines, then push again.',
      },
    );
  }
  const { ctx, uploads, missing } = docContext(doc.path, env.links, {
    fileExists: localFileExists(env),
    refuse: refusedSource(env),
    ...(knownAttachments ? { knownAttachments } : {}),
  });
  const result = toStorage(doc.content, ctx, { omitTitleHeading: true });
  return { storage: result.storage, uploads, missing, labels: normaliseLabels(result.labels ?? doc.labels) };
}

export interface PullBody {
  text: string;
  /** Attachment file name → local file (relative to localRoot) the Markdown points at. */
  downloads: Map<string, string>;
}

/**
 * A page as the Markdown file at docPath. The title is a leading `# title` heading for a new file and
 * for one whose title came from its leading heading; a file that named its page in front matter keeps
 * doing so. Front matter keeps the keys the local file already had (other than title and labels), then
 * the page's labels.
 */
export function renderForPull(
  env: ApplyEnv,
  page: Page,
  docPath: string,
  labels: readonly string[],
  options: { existing?: string; knownAttachments?: Record<string, ManifestAttachment> } = {},
): PullBody {
  const { ctx, downloads } = docContext(docPath, env.links, {
    fileExists: localFileExists(env),
    refuse: refusedSource(env),
    ...(options.knownAttachments ? { knownAttachments: options.knownAttachments } : {}),
  });
  const kept = options.existing === undefined ? {} : safeFrontmatter(options.existing);
  delete kept.title;
  delete kept.labels;
  const frontmatter: Record<string, unknown> = { title: page.title, ...kept };
  if (labels.length > 0) frontmatter.labels = [...labels];
  const asHeading = options.existing === undefined || titleIsLeadingHeading(options.existing);
  const text = toMarkdown(page.body, ctx, { frontmatter, ...(asHeading ? { title: page.title } : {}) });
  return { text, downloads };
}

/** The file's title comes from its leading heading (an unreadable file counts as new: heading too). */
export function titleIsLeadingHeading(markdown: string): boolean {
  try {
    return titleFromLeadingHeading(markdown);
  } catch {
    return true;
  }
}

function safeFrontmatter(markdown: string): Record<string, unknown> {
  try {
    return { ...readFrontmatterOf(markdown) };
  } catch {
    return {};
  }
}

export function normaliseLabels(labels: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const label of labels) {
    const clean = label.trim().toLowerCase().replace(/\s+/g, '-');
    if (clean) seen.add(clean);
  }
  return [...seen].sort();
}
