/** Words for people: what a conflict is and what to do about it. */
import type { Change, SyncMode } from '../sync/types.js';

/** Where the reader sets a strategy: a CLI flag or an Action input. */
export type Face = 'cli' | 'action';

/** What changed on each side, one sentence. */
export function whatChanged(change: Change): string {
  return change.reason;
}

/** A conflict whose record cannot vouch for the page's version (sync/apply/verify-remote.ts). */
const UNVOUCHED = /cannot vouch for/;

/** What to do, one or two sentences. */
export function howToResolve(change: Change, face: Face = 'cli'): string {
  const use = (name: string) => (face === 'cli' ? `--strategy ${name}` : `conflict-strategy: ${name}`);
  const detail = change.conflict?.detail ?? '';
  if (/<<<<<<<|markers/i.test(detail)) {
    return 'Edit the file: keep what is right between the <<<<<<< / ======= / >>>>>>> markers, remove the markers, commit, then push.';
  }
  if (change.error?.code === 'CS-005' || /changed while|stale|409/i.test(detail)) {
    return 'The page changed in Confluence during this run: run the same command again.';
  }
  if (UNVOUCHED.test(detail)) {
    const page =
      face === 'cli'
        ? `run sync with ${use('remote-first')}`
        : 'run confluence-sync sync --strategy remote-first in a clone';
    return `The manifest cannot vouch for the page's version (edited by hand, or from an older release), so there is no merge base to trust and a pull brings nothing. Look at the page's history in Confluence, then keep the file (push with ${use('local-first')}) or keep the page (${page}).`;
  }
  if (change.local === 'changed' && change.remote === 'deleted') {
    return `The page was deleted in Confluence. To keep the file, push with ${use('local-first')} (the page is created again); to drop it, delete the file.`;
  }
  if (change.local === 'deleted' && change.remote === 'changed') {
    return `The file was deleted but the page was edited in Confluence. To keep the edit, pull with ${use('remote-first')} (the file is restored); to delete anyway, push with ${use('local-first')}.`;
  }
  return `Keep one side with ${use('local-first')} (the file wins) or ${use('remote-first')} (Confluence wins), or try ${use('merge')} (edits that do not overlap merge automatically).`;
}

/**
 * The one way out of a conflict for each mode, said once above the conflicts. In check mode the
 * colleague's edit must come in first: a "use local-first" here would overwrite it.
 */
export function resolveAdvice(mode: SyncMode, face: Face = 'action'): string {
  const pull = face === 'action' ? 'the scheduled pull' : '`confluence-sync pull`';
  const merge = face === 'action' ? '`conflict-strategy: merge`' : '`--strategy merge`';
  switch (mode) {
    case 'check':
      return `Let ${pull} bring the edit in first (or run that workflow now), then update this pull request on top of it, so it keeps the Confluence edit. Merging as it is would overwrite it.`;
    case 'push':
      return `Nothing was pushed for these pages. Let ${pull} bring the Confluence edit into the repository (with ${merge}, edits that do not overlap merge by themselves), merge that, and the next push sends the result.`;
    case 'pull':
    case 'sync':
    case 'status':
      return `The file and the page both changed, so neither was overwritten. Run with ${merge}: edits that do not overlap merge by themselves, overlapping ones are written into the file with conflict markers for a person to resolve${face === 'action' ? ' on the pull request branch' : ''}.`;
  }
}

/** A note for one conflict when it differs from the mode's advice (markers written, a side deleted). */
export function specialNote(change: Change, face: Face = 'action'): string | undefined {
  const detail = change.conflict?.detail ?? '';
  const deleted = change.local === 'deleted' || change.remote === 'deleted';
  if (
    /<<<<<<<|markers/i.test(detail) ||
    UNVOUCHED.test(detail) ||
    deleted ||
    change.error?.code === 'CS-005' ||
    /changed while|stale|409/i.test(detail)
  ) {
    return howToResolve(change, face);
  }
  return undefined;
}
