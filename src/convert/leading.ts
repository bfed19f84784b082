/**
 * The first level-1 heading without parsing the whole document. Block structure is decided line by
 * line going forward, so the blocks up to a line are the same whether the parser sees the rest of
 * the document or not. A top-level level-1 heading ends on a line that can make one (`# …`, or a
 * `===` underline), so parsing the document only up to such lines finds the same first heading as
 * a whole-document parse. What can reach back from later lines falls back to the whole document:
 * link reference and footnote definitions (a heading with `[` in it), front matter (its closing
 * fence may come later), a byte order mark, and bare CR line endings (the line scan below knows
 * LF and CRLF only).
 */
import type { Heading, Root } from 'mdast';
import { parseMarkdown } from './md.js';

/** Lines that can end a level-1 heading: ATX `#`, or a setext `=` underline (up to 3 spaces in). */
const CANDIDATE = /^ {0,3}(?:#(?:[ \t]|\r?$)|=+[ \t]*\r?$)/gm;
/** Prefix parses tried before parsing the whole document instead. */
const MAX_PREFIXES = 3;

export interface LeadingHeading {
  /** The tree the heading was found in: the whole document's or a prefix's. */
  root: Root;
  /** The first top-level level-1 heading whose text `hasText` accepts, if any. */
  heading: Heading | undefined;
}

/** The first top-level level-1 heading that has text, found on the shortest prefix that is sure to agree. */
export function leadingHeading(markdown: string, hasText: (heading: Heading) => boolean): LeadingHeading {
  const first = (root: Root): Heading | undefined =>
    root.children.find((n): n is Heading => n.type === 'heading' && n.depth === 1 && hasText(n));
  const whole = (): LeadingHeading => {
    const root = parseMarkdown(markdown);
    return { root, heading: first(root) };
  };
  if (/^(?:\uFEFF|---|\+\+\+)/.test(markdown) || /\r(?!\n)/.test(markdown)) return whole();
  const candidates = new RegExp(CANDIDATE.source, CANDIDATE.flags);
  for (let tries = 0; tries < MAX_PREFIXES; tries++) {
    const match = candidates.exec(markdown);
    // No line left that can end a level-1 heading: the prefixes tried so far have seen every one.
    if (!match) return { root: parseMarkdown(''), heading: undefined };
    const newline = markdown.indexOf('\n', match.index);
    const end = newline < 0 ? markdown.length : newline + 1;
    const root = parseMarkdown(markdown.slice(0, end));
    const heading = first(root);
    if (heading) {
      const { start, end: stop } = heading.position!;
      return markdown.slice(start.offset, stop.offset).includes('[') ? whole() : { root, heading };
    }
    candidates.lastIndex = end;
  }
  return whole();
}
