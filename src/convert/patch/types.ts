/** What a patch did to a page body, for the run's report. */

export interface LostAnchor {
  /** The marker's ac:ref: the inline comment it anchored. */
  ref: string;
  /** The text the comment was on. */
  text: string;
}

export interface PatchResult {
  /** The new body: the current storage with only the changed blocks rewritten. */
  storage: string;
  blocks: {
    /** Left byte for byte as they were. */
    kept: number;
    /** Rewritten from the Markdown in place of a block that was there. */
    changed: number;
    added: number;
    removed: number;
  };
  /** Inline comments whose marker moved into a rewritten block and was put back around its text. */
  reanchored: string[];
  /** Inline comments whose text was deleted: their marker is gone from the page. */
  lostAnchors: LostAnchor[];
}
