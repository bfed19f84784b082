/**
 * The page title a Markdown file states: front matter `title`, else the text of its first level-1
 * heading. The scan (src/sync/local-meta.ts) and the converter use these same functions, so the heading
 * push leaves out of the body is exactly the one the page was named after.
 */
import type { Heading, Nodes, Root } from 'mdast';
import { leadingHeading } from './leading.js';
import { parseMarkdown, stringifyMarkdown } from './md.js';

const NO_HANDLERS = {};

/** Front matter `title` when it names the page (a non-blank string or a number). */
export function frontmatterTitle(frontmatter: Record<string, unknown>): string | undefined {
  const title = frontmatter.title;
  if (typeof title === 'number') return String(title);
  if (typeof title === 'string' && title.trim() !== '') return title.trim();
  return undefined;
}

/** A heading's text as a title: raw HTML left out, runs of white space as one space, trimmed. */
export function headingText(node: Nodes): string {
  return plainText(node).replace(/\s+/g, ' ').trim();
}

function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'html') return node.value;
  if ('children' in node) return node.children.map((child) => plainText(child as Nodes)).join('');
  return '';
}

/** The text of the first top-level level-1 heading that has text. */
export function firstHeadingOf(markdownOrTree: string | Root): string | undefined {
  if (typeof markdownOrTree === 'string') {
    const plain = plainLeadingHeading(markdownOrTree);
    if (plain !== undefined) return plain;
    const { heading } = leadingHeading(markdownOrTree, (h) => headingText(h) !== '');
    return heading && headingText(heading);
  }
  for (const node of markdownOrTree.children) {
    if (node.type === 'heading' && node.depth === 1) {
      const text = headingText(node);
      if (text !== '') return text;
    }
  }
  return undefined;
}

/**
 * The index in root.children of the heading the page is named after, when the document has no
 * front matter title and its first block (after front matter) is that heading; otherwise -1.
 */
export function leadingTitleIndex(root: Root, frontmatter: Record<string, unknown>): number {
  if (frontmatterTitle(frontmatter) !== undefined) return -1;
  const index = root.children[0]?.type === 'yaml' ? 1 : 0;
  const node = root.children[index];
  return node?.type === 'heading' && node.depth === 1 && headingText(node) !== '' ? index : -1;
}

/**
 * That heading when push leaves it out of the body (Confluence shows the title above the body), or -1.
 * A heading holding HTML (`# Project <a id="top"></a>`) stays in the body: the title cannot hold it.
 */
export function titleHeadingIndex(root: Root, frontmatter: Record<string, unknown>): number {
  const index = leadingTitleIndex(root, frontmatter);
  return index >= 0 && !holdsHtml(root.children[index]!) ? index : -1;
}

export function holdsHtml(node: Nodes): boolean {
  return node.type === 'html' || ('children' in node && node.children.some((child) => holdsHtml(child)));
}

/**
 * `# title` with Markdown syntax escaped, or null when the title cannot come back unchanged from a
 * heading (leading or trailing spaces, runs of white space, line breaks): such a title goes in front
 * matter instead.
 */
export function titleAsHeading(title: string): string | null {
  if (title === '' || title !== headingText({ type: 'text', value: title })) return null;
  if (PLAIN_TITLE.test(title)) return `# ${title}`;
  return titleThroughMarkdown(title);
}

/**
 * Words of letters and digits with a little punctuation between single spaces: nothing Markdown
 * would escape or read as syntax in a heading, so the heading is `# ` and the title as it is (a
 * property test checks this against the way through the serialiser and parser below).
 */
export const PLAIN_TITLE = /^[\p{L}\p{N}.,;?()'-]+(?: [\p{L}\p{N}.,;?()'-]+)*$/u;

/**
 * The title of a document whose very first line is `# ` and a plain title (PLAIN_TITLE): that line is a
 * top-level level-1 heading whatever follows, and its text is the title, so no parse is needed. This is
 * how most files start (and how a pull writes them). Undefined for anything else.
 */
export function plainLeadingHeading(markdown: string): string | undefined {
  const line = /^# ([^\n]*?)[ \t]*(?:\r?\n|$)/.exec(markdown);
  return line && PLAIN_TITLE.test(line[1]!) ? line[1]! : undefined;
}

/** `# title` as the Markdown serialiser escapes it, if it reads back as exactly that title. */
export function titleThroughMarkdown(title: string): string | null {
  const heading: Heading = { type: 'heading', depth: 1, children: [{ type: 'text', value: title }] };
  const line = stringifyMarkdown({ type: 'root', children: [heading] }, NO_HANDLERS).replace(/\n+$/, '');
  if (line.includes('\n')) return null;
  const back = parseMarkdown(`${line}\n`);
  return back.children.length === 1 && firstHeadingOf(back) === title ? line : null;
}
