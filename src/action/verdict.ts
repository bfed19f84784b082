/** Whether the step fails, and the one line that says why. */
import { SyncError } from '../errors.js';
import type { SyncResult } from '../sync/types.js';
import type { RunMode } from './mode.js';

export function verdict(result: SyncResult, mode: RunMode, failOnConflict: boolean): string | undefined {
  const changes = result.changeSet.changes;
  if (result.exitCode === 1) {
    const failed = changes.filter((c) => c.outcome === 'failed');
    const first = failed[0]?.error;
    return (
      `${first?.code ?? 'CS-099'} ${failed.length} change(s) failed` +
      `${first ? `; first: ${first.message}` : ''} — see the job summary; rerun to retry them.`
    );
  }
  if (result.exitCode !== 2 || !failOnConflict) return undefined;
  if (mode === 'check') {
    const edited = changes.filter((c) => c.pageId !== undefined && c.remote === 'changed').length;
    return new SyncError(
      'CS-043',
      `${edited} page(s) were edited in Confluence since the repository last saw them; merging would overwrite those edits.`,
      {
        hint: 'Let the scheduled pull bring those edits into the repository (or run it now), update this pull request on top of them, then merge.',
      },
    ).toLine();
  }
  const conflicts = changes.filter((c) => c.outcome === 'conflict').length;
  return new SyncError('CS-043', `${conflicts} page(s) are in conflict and were left untouched.`, {
    hint: 'Resolve them as the job summary says, or set `conflict-strategy` to local-first, remote-first or merge.',
  }).toLine();
}
