/**
 * Markdown parsed ahead of its conversion, while a run waits on the network (the tree listing, the
 * body reads): a push or pull is bound by its CPU once its per-page requests start, and the parse is
 * most of a page's conversion (a push converts each edited file; a pull first converts the file of
 * each pulled page, to see whether it already says what the page says). Parsing depends on the text alone (links and attachments are resolved later, when
 * the tree is written), so toStorage given the tree made here writes what it would have written
 * after parsing the text itself. Each tree is handed out once (`take`), so nothing shares it.
 */
import type { Root } from 'mdast';
import { lineFeeds } from './line-feeds.js';
import { parseMarkdown } from './md.js';

/** Larger texts are left to the conversion: one parse must not hold up the run's responses for long. */
export const AHEAD_MAX_TEXT = 64 * 1024;
/** Characters of Markdown whose trees may wait at once (a tree costs ~20× its text). */
export const AHEAD_MAX_TOTAL = 4 * 1024 * 1024;

export class MarkdownAhead {
  private readonly trees = new Map<string, Root>();
  private stopped = false;
  private held = 0;

  /**
   * Parses the texts one at a time, each in its own turn of the event loop so that responses are
   * handled between them, until all are parsed or `stop()`. Resolves when it ends.
   */
  async parse(texts: Iterable<string>): Promise<void> {
    for (const text of texts) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.stopped) return;
      if (text.length > AHEAD_MAX_TEXT || this.held + text.length > AHEAD_MAX_TOTAL) continue;
      if (this.trees.has(text)) continue;
      let tree: Root;
      try {
        tree = parseMarkdown(lineFeeds(text));
      } catch {
        continue; // the conversion meets (and reports) the same error
      }
      this.trees.set(text, tree);
      this.held += text.length;
    }
  }

  /** No more parsing; the trees made so far can still be taken. */
  stop(): void {
    this.stopped = true;
  }

  /** The tree of `parseMarkdown(lineFeeds(text))`, once; undefined when it was not made. */
  take(text: string): Root | undefined {
    const tree = this.trees.get(text);
    if (tree === undefined) return undefined;
    this.trees.delete(text);
    this.held -= text.length;
    return tree;
  }

  get size(): number {
    return this.trees.size;
  }
}
