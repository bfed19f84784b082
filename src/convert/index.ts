/**
 * Markdown ⇄ Confluence storage format. Pure functions: the engine supplies a ConvertContext for
 * links and attachments; with an empty one, links and images are left as written.
 */
import { SyncError } from '../errors.js';
import { constructs } from './constructs/index.js';
import { readFrontmatter, writeFrontmatter } from './constructs/frontmatter.js';
import { parseMarkdown, stringifyMarkdown } from './md.js';
import { createWriteState } from './to-storage.js';
import { readStorage } from './to-markdown.js';
import { leadingHeading } from './leading.js';
import {
  firstHeadingOf,
  headingText,
  plainLeadingHeading,
  holdsHtml,
  leadingTitleIndex,
  titleAsHeading,
  titleHeadingIndex,
} from './title.js';
import type { ConvertContext, MarkdownOptions, StorageOptions, StorageResult } from './types.js';
import { firstImbalance } from './xml/balance.js';

export type { ConvertContext, MarkdownOptions, StorageOptions, StorageResult } from './types.js';
export { firstHeadingOf, frontmatterTitle, headingText } from './title.js';
export { normalizeStorage, normalizeStorageForm1, storageEquals } from './xml/canonical.js';
export { loadFrontMatterYaml } from './limits.js';

const markdownHandlers = Object.assign({}, ...constructs.map((c) => c.markdown ?? {}));

export function toStorage(
  source: string,
  ctx: ConvertContext = {},
  options: StorageOptions = {},
): StorageResult {
  const markdown = lineFeeds(source);
  const root = parseMarkdown(markdown);
  const yaml = root.children[0]?.type === 'yaml' ? root.children[0].value : null;
  const meta = readFrontmatter(yaml);
  const state = createWriteState(ctx, markdown, root);
  const firstHeading = firstHeadingOf(root);
  const omit = options.omitTitleHeading ? titleHeadingIndex(root, meta.frontmatter) : -1;
  const blocks = omit < 0 ? root.children : root.children.filter((_, i) => i !== omit);
  const storage = state.blocks(blocks);
  if (markdown.includes('cs:') || markdown.includes('data-cs')) assertBalanced(storage);
  return {
    storage,
    frontmatter: meta.frontmatter,
    ...(meta.title === undefined ? {} : { title: meta.title }),
    ...(meta.labels === undefined ? {} : { labels: meta.labels }),
    attachments: state.attachments,
    links: state.links,
    ...(firstHeading === undefined ? {} : { firstHeading }),
    ...(omit < 0 ? {} : { omittedTitleHeading: true }),
  };
}

/** Carried storage (block and inline markers) is pushed byte for byte, a CR in it included. */
const CARRIED = /<!--cs(?:64)?:[\s\S]*?-->|data-cs=(?:'[^']*'|"[^"]*")/g;

/**
 * CR and CRLF are line endings to Markdown, but a CR kept in a code block or HTML is a character no
 * pulled fence or block can spell: a file saved with CRLF (Windows, the TypeScript handbook) pushes
 * line feeds only, outside carried storage.
 */
function lineFeeds(markdown: string): string {
  if (!markdown.includes('\r')) return markdown;
  let out = '';
  let last = 0;
  for (const m of markdown.matchAll(CARRIED)) {
    out += markdown.slice(last, m.index).replace(/\r\n?/g, '\n') + m[0];
    last = m.index + m[0].length;
  }
  return out + markdown.slice(last).replace(/\r\n?/g, '\n');
}

export function toMarkdown(storage: string, ctx: ConvertContext = {}, options: MarkdownOptions = {}): string {
  const root = readStorage(storage, ctx);
  const body = root.children.length ? stringifyMarkdown(root, markdownHandlers) : '';
  if (options.title === undefined) return writeFrontmatter(options.frontmatter) + body;
  // The page's own title heading kept in the body because it holds HTML (an anchor): it is the file's title.
  const first = root.children[0];
  if (
    first?.type === 'heading' &&
    first.depth === 1 &&
    holdsHtml(first) &&
    headingText(first) === options.title
  )
    return writeFrontmatter(withoutTitle(options.frontmatter)) + body;
  const heading = titleAsHeading(options.title);
  const frontmatter = withoutTitle(options.frontmatter);
  if (heading === null) {
    return writeFrontmatter({ title: options.title, ...frontmatter }) + body;
  }
  return `${writeFrontmatter(frontmatter)}${heading}\n${body ? `\n${body}` : ''}`;
}

/**
 * Whether the page title of this Markdown comes from its leading level-1 heading (no front matter
 * title, the heading is the first block); `toStorage(…, { omitTitleHeading: true })` leaves it out of the
 * body unless it holds HTML.
 */
export function titleFromLeadingHeading(markdown: string): boolean {
  if (plainLeadingHeading(markdown) !== undefined) return true;
  // Only the blocks up to the first level-1 heading decide it: leadingHeading parses no further.
  const { root } = leadingHeading(markdown, (h) => headingText(h) !== '');
  const yaml = root.children[0]?.type === 'yaml' ? root.children[0].value : null;
  return leadingTitleIndex(root, readFrontmatter(yaml).frontmatter) >= 0;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)/;

/** Front matter and the first level-1 heading only, without converting the document. */
export function readMeta(markdown: string): {
  frontmatter: Record<string, unknown>;
  title?: string;
  labels?: string[];
  firstHeading?: string;
} {
  const fm = FRONT_MATTER.exec(markdown);
  const meta = readFrontmatter(fm ? fm[1]! : null);
  const firstHeading = findFirstHeadingCheaply(fm ? markdown.slice(fm[0].length) : markdown);
  return { ...meta, ...(firstHeading === undefined ? {} : { firstHeading }) };
}

/** readMeta's front matter alone (no heading search, so nothing is parsed as Markdown). */
export function readFrontmatterOf(markdown: string): Record<string, unknown> {
  const fm = FRONT_MATTER.exec(markdown);
  return readFrontmatter(fm ? fm[1]! : null).frontmatter;
}

function assertBalanced(storage: string): void {
  const problem = firstImbalance(storage);
  if (problem) {
    throw new SyncError(
      'CS-045',
      `The Confluence XML carried in this file no longer fits together: ${problem}.`,
      {
        hint: 'A <!--cs:…--> or data-cs marker was removed or edited; restore it from git history, or remove every marker of that element.',
      },
    );
  }
}

/** Scans lines for the first `# ` (or setext `===`) heading outside fenced code, then parses only that. */
function findFirstHeadingCheaply(markdown: string): string | undefined {
  const lines = markdown.split(/\r?\n/);
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === null) fence = f[1]!;
      else if (f[1]!.startsWith(fence[0]!) && f[1]!.length >= fence.length && line.trim() === f[1])
        fence = null;
      continue;
    }
    if (fence !== null) continue;
    const atx = /^ {0,3}#(?:[ \t]|$)/.test(line);
    const setext =
      /^ {0,3}=+[ \t]*$/.test(lines[i + 1] ?? '') && line.trim() !== '' && !/^ {0,3}[-*+>#]/.test(line);
    if (atx || setext) {
      const root = parseMarkdown(setext ? `${line}\n${lines[i + 1]}` : line);
      const h = firstHeadingOf(root);
      if (h !== undefined) return h;
    }
  }
  return undefined;
}

function withoutTitle(frontmatter: Record<string, unknown> | undefined): Record<string, unknown> {
  const rest = { ...frontmatter };
  delete rest.title;
  return rest;
}
