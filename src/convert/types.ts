/**
 * The converter's contract with the engine. The converter does no I/O: everything it needs to
 * know about other pages and files comes through ConvertContext, which may be empty (links and
 * images are then left as they are).
 */

export interface PageRef {
  title: string;
  /** Absent = the same space. */
  spaceKey?: string;
}

export interface ConvertContext {
  /** md → storage: a relative link href (as written, without #anchor), e.g. "../guide/setup.md" → the page it names. */
  resolvePageLink?(href: string): PageRef | null;
  /** md → storage: a relative image/file path → the attachment file name on this page. */
  resolveAttachment?(src: string): string | null;
  /** storage → md: a page reference → a relative Markdown href (no anchor), or null to keep an opaque form. */
  pageToHref?(ref: PageRef): string | null;
  /** storage → md: an attachment file name of this page → a relative local path. */
  attachmentToPath?(filename: string): string | null;
}

export interface AttachmentRef {
  /** As written in the Markdown (relative to the document). */
  src: string;
  /** The attachment's file name on the page. */
  filename: string;
}

export interface LinkRef {
  /** As written in the Markdown. */
  href: string;
  page: PageRef;
  anchor?: string;
}

export interface StorageResult {
  storage: string;
  /** From front matter `title`. */
  title?: string;
  /** From front matter `labels` (a list or a comma-separated string). */
  labels?: string[];
  /** Every front matter key (title and labels included). */
  frontmatter: Record<string, unknown>;
  attachments: AttachmentRef[];
  links: LinkRef[];
  /** The first level-1 heading's text, when there is one (the engine's title fallback). */
  firstHeading?: string;
  /** True when the heading the title came from was left out of the body (StorageOptions.omitTitleHeading). */
  omittedTitleHeading?: boolean;
}

export interface StorageOptions {
  /**
   * Leave out the leading level-1 heading when the page title comes from it (no front matter title):
   * Confluence shows the title above the body already.
   */
  omitTitleHeading?: boolean;
}

export interface MarkdownOptions {
  /** Written as YAML front matter at the top, when non-empty. */
  frontmatter?: Record<string, unknown>;
  /**
   * The page title, written as a leading `# title` heading (escaped so that it reads back exactly),
   * or as front matter `title` when it cannot survive as a heading. Any `title` in frontmatter is ignored.
   */
  title?: string;
}
