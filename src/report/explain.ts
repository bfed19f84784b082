/** Words for people: what a conflict is and what to do about it. */
import type { Change } from '../sync/types.js';

/** Where the reader sets a strategy: a CLI flag or an Action input. */
export type Face = 'cli' | 'action';

/** What changed on each side, one sentence. */
export function whatChanged(change: Change): string {
  return change.reason;
}

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
  if (change.local === 'changed' && change.remote === 'deleted') {
    return `The page was deleted in Confluence. To keep the file, push with ${use('local-first')} (the page is created again); to drop it, delete the file.`;
  }
  if (change.local === 'deleted' && change.remote === 'changed') {
    return `The file was deleted but the page was edited in Confluence. To keep the edit, pull with ${use('remote-first')} (the file is restored); to delete anyway, push with ${use('local-first')}.`;
  }
  return `Keep one side with ${use('local-first')} (the file wins) or ${use('remote-first')} (Confluence wins), or try ${use('merge')} (edits that do not overlap merge automatically).`;
}
