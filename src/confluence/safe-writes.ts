/**
 * Writes that must not happen twice. A create whose answer was lost may have created the page, so
 * it is never blindly repeated: the title is looked up first. An update repeated after a lost
 * answer meets its own first attempt as a 409; the page then tells whether that was us.
 */
import { SyncError } from '../errors.js';
import { isRequestError } from './errors-map.js';
import type { Transport } from './http.js';
import type { Page, PageSummary } from './types.js';

export interface CreateSteps {
  /** One POST; the transport does not repeat it after an ambiguous failure. */
  attempt: () => Promise<PageSummary>;
  /** The page with our title in the space, if any. */
  lookup: () => Promise<PageSummary | null>;
  /** The parent the page should end up under; null when it cannot be known. */
  expectedParentId: () => Promise<string | null>;
}

export async function createWithoutDuplicates(http: Transport, steps: CreateSteps): Promise<PageSummary> {
  let ambiguousBefore = false;
  for (let retry = 0; ; retry++) {
    try {
      return await steps.attempt();
    } catch (e) {
      const ambiguous = isRequestError(e) && e.ambiguous;
      // After a lost answer, "title taken" may well be our own first attempt.
      const takenByUs = isRequestError(e) && e.code === 'CS-010' && ambiguousBefore;
      if (!ambiguous && !takenByUs) throw e;
      ambiguousBefore = true;
      const existing = await steps.lookup();
      if (existing) {
        const parent = await steps.expectedParentId();
        if (parent === null || existing.parentId === parent) return existing;
      }
      if (takenByUs || retry >= http.retries) throw e;
      await http.sleep(http.backoffMs(retry + 1));
    }
  }
}

/**
 * Runs an update; if it ends in 409 only after a retry of a possibly-applied attempt, and the page
 * now holds exactly the version and title we wrote, the first attempt succeeded.
 */
export async function updateSurvivingLostAnswer(
  update: () => Promise<PageSummary>,
  expected: { version: number; title: string },
  read: () => Promise<Page>,
  trash?: () => Promise<void>,
): Promise<PageSummary> {
  let result: PageSummary;
  try {
    result = await update();
  } catch (e) {
    if (!(isRequestError(e) && e.code === 'CS-005' && e.afterAmbiguousRetry)) throw e;
    const page = await read();
    if (page.version !== expected.version || page.title !== expected.title) throw e;
    const { body: _body, ...summary } = page;
    return summary;
  }
  if (result.version !== expected.version) {
    // Confluence answers an update of a trashed page by restoring it, contents unchanged: the page was
    // deleted after this run listed it. Put it back in the trash and report the update as not applied.
    await trash?.();
    throw new SyncError(
      'CS-003',
      `The page "${expected.title}" was deleted in Confluence while this run was updating it; the update was not applied.`,
      { hint: 'Run again: the next run sees the deletion and treats it as a change made in Confluence.' },
    );
  }
  return result;
}
