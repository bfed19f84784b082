/**
 * Inline comments as Confluence Cloud keeps them: the comment is its own record, its anchor is an
 * `ac:inline-comment-marker` wrapped around the selected text in the page body, and making one does
 * NOT create a page version (the current version's body gains the marker in place). A comment whose
 * marker is no longer in the body reports resolution status `dangling`.
 */
import { randomUUID } from 'node:crypto';
import { countText, markerRefs, wrapOccurrence } from '../../src/convert/patch/markers.js';
import { badRequest } from './api-error.js';
import { currentVersion, type InlineCommentRecord, type InlineResolution } from './model.js';
import type { Store } from './store.js';

export interface NewInlineComment {
  pageId: string;
  body: string;
  textSelection: string;
  textSelectionMatchCount: number;
  textSelectionMatchIndex: number;
}

export type ResolutionStatus = InlineResolution | 'dangling';

export function addInlineComment(
  store: Store,
  input: NewInlineComment,
  authorId: string,
  now = new Date().toISOString(),
): InlineCommentRecord {
  const page = store.livePage(input.pageId);
  const version = currentVersion(page);
  const found = countText(version.body, input.textSelection);
  if (found === 0) throw badRequest(`The text selection "${input.textSelection}" is not in the page`);
  if (input.textSelectionMatchCount !== found) {
    throw badRequest(
      `textSelectionMatchCount is ${input.textSelectionMatchCount} but the page has ${found} matches of the text selection`,
    );
  }
  if (input.textSelectionMatchIndex < 0 || input.textSelectionMatchIndex >= found) {
    throw badRequest('textSelectionMatchIndex must be at least 0 and less than textSelectionMatchCount');
  }
  const markerRef = randomUUID();
  const body = wrapOccurrence(version.body, input.textSelection, input.textSelectionMatchIndex, markerRef);
  if (body === null) throw badRequest('The text selection cannot be highlighted (it crosses an element)');
  version.body = body;
  const comment: InlineCommentRecord = {
    id: store.allocateId(),
    pageId: page.id,
    body: input.body,
    markerRef,
    originalSelection: input.textSelection,
    resolution: 'open',
    createdAt: now,
    authorId,
  };
  page.inlineComments = [...(page.inlineComments ?? []), comment];
  store.noteChange();
  return comment;
}

export function inlineComments(store: Store, pageId: string): InlineCommentRecord[] {
  return store.livePage(pageId).inlineComments ?? [];
}

export function findInlineComment(store: Store, id: string): InlineCommentRecord | undefined {
  for (const page of store.data.pages) {
    const found = page.inlineComments?.find((c) => c.id === id);
    if (found) return found;
  }
  return undefined;
}

/** open / resolved / reopened as set, or dangling when the page body no longer holds its marker. */
export function resolutionStatus(store: Store, comment: InlineCommentRecord): ResolutionStatus {
  const page = store.findPage(comment.pageId);
  if (!page || !markerRefs(currentVersion(page).body).has(comment.markerRef)) return 'dangling';
  return comment.resolution;
}
