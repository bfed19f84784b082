/** Plain data the reports take beside the change set. */

/** One version of a page made in Confluence after the version the repository knows. */
export interface PageEdit {
  version: number;
  /** Display name of the person (as Confluence shows it). */
  by: string;
  /** ISO time. */
  when: string;
}

/** What happened to a page in Confluence since the repository last saw it (base → current). */
export interface RemoteEdit {
  baseVersion: number;
  currentVersion: number;
  /** The versions after the base, oldest first (may be empty when the history could not be read). */
  edits: PageEdit[];
  /** Unified diff of the page as Markdown, base → current; '' when the text is the same. */
  diff?: string;
  /** Why there is no diff or no history (one sentence), when something could not be read. */
  note?: string;
}
