/**
 * The two whole-document checks every known Markdown input goes through (equivalence.test.ts,
 * leading.test.ts, and corpus.test.ts for the corpus, where one parse serves both): the patched
 * micromark gives the reference's tree, and the title read on a prefix agrees with the whole document.
 */
import type { Root } from 'mdast';
import { readFrontmatter } from '../../../src/convert/constructs/frontmatter.js';
import { firstHeadingOf, titleFromLeadingHeading, toStorage } from '../../../src/convert/index.js';
import { parseMarkdown } from '../../../src/convert/md.js';
import { leadingTitleIndex } from '../../../src/convert/title.js';
import type { MarkdownInput } from './inputs.js';
import { withReferenceEditMap } from './reference-edit-map.js';

export type TitleRead = { heading: string | undefined; leading: boolean } | { error: string };

function caught<T>(read: () => T): T | { error: string } {
  try {
    return read();
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** The parse, or the error it ends with (the same error on both sides is agreement). */
export function parsed(markdown: string): Root | { error: string } {
  return caught(() => parseMarkdown(markdown));
}

export function titleOfTree(root: Root | { error: string }): TitleRead {
  if ('error' in root) return root;
  return caught(() => {
    const yaml = root.children[0]?.type === 'yaml' ? root.children[0].value : null;
    return {
      heading: firstHeadingOf(root),
      leading: leadingTitleIndex(root, readFrontmatter(yaml).frontmatter) >= 0,
    };
  });
}

export function titleOfPrefix(markdown: string): TitleRead {
  return caught(() => ({ heading: firstHeadingOf(markdown), leading: titleFromLeadingHeading(markdown) }));
}

export function titleAgrees(markdown: string, tree: Root | { error: string } = parsed(markdown)): boolean {
  return JSON.stringify(titleOfPrefix(markdown)) === JSON.stringify(titleOfTree(tree));
}

function storageOf(markdown: string): string {
  try {
    return toStorage(markdown).storage;
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

/**
 * The patched and the reference EditMap give the same tree (positions included) and, `withStorage`,
 * the same storage. `tree` is the patched parse when the caller has it already.
 */
export function sameAsReference(
  markdown: string,
  options: { withStorage: boolean; tree?: Root | { error: string } },
): boolean {
  const patched = JSON.stringify(options.tree ?? parsed(markdown));
  const reference = withReferenceEditMap(() => JSON.stringify(parsed(markdown)));
  if (patched !== reference) return false;
  return !options.withStorage || storageOf(markdown) === withReferenceEditMap(() => storageOf(markdown));
}

export const names = (inputs: readonly MarkdownInput[], keep: (input: MarkdownInput) => boolean): string[] =>
  inputs.filter(keep).map((input) => input.name);
