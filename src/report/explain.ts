/** Words for people: what a conflict is and what to do about it. */
import type { Change } from '../sync/types.js';

/** What changed on each side, one sentence. */
export function whatChanged(change: Change): string {
  return change.reason;
}

/** What to do, one or two sentences. */
export function howToResolve(change: Change): string {
  const detail = change.conflict?.detail ?? '';
  if (/<<<<<<<|markers/i.test(detail)) {
    return 'Edit the file: keep what is right between the <<<<<<< / ======= / >>>>>>> markers, remove the markers, commit, then push.';
  }
  if (change.error?.code === 'CS-005' || /changed while|stale|409/i.test(detail)) {
    return 'The page changed in Confluence during this run: run the same command again.';
  }
  if (change.local === 'changed' && change.remote === 'deleted') {
    return 'The page was deleted in Confluence. To keep the file, run push with --strategy local-first (the page is created again); to drop it, delete the file.';
  }
  if (change.local === 'deleted' && change.remote === 'changed') {
    return 'The file was deleted but the page was edited in Confluence. To keep the edit, run pull with --strategy remote-first (the file is restored); to delete anyway, run push with --strategy local-first.';
  }
  return 'Keep one side with --strategy local-first (the file wins) or --strategy remote-first (Confluence wins), or try --strategy merge (edits that do not overlap merge automatically).';
}
