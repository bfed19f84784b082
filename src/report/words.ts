/** Plain words for what a change does, and why a row is not part of this run. */
import type { Change, ChangeKind, ChangeSet, SyncMode } from '../sync/types.js';

const WHAT: Record<ChangeKind, string> = {
  'create-remote': 'New page',
  'update-remote': 'Page updated',
  'move-remote': 'Page moved or renamed',
  'delete-remote': 'Page moved to the trash',
  'archive-remote': 'Page archived',
  'keep-remote': 'Page kept, no longer synced',
  'create-local': 'New file',
  'update-local': 'File updated',
  'move-local': 'File moved or renamed',
  'delete-local': 'File deleted',
  merge: 'Both sides merged',
  adopt: 'Existing page linked to the file',
  conflict: 'Edited on both sides',
};

export function whatItDoes(change: Change): string {
  return change.attachmentsOnly ? 'Attached files updated' : WHAT[change.kind];
}

const REMOTE_KINDS = new Set<ChangeKind>([
  'create-remote',
  'update-remote',
  'move-remote',
  'delete-remote',
  'archive-remote',
  'keep-remote',
]);

/** The direction of a change: to Confluence, to the repository, or both. */
export function directionOf(change: Change): 'to-confluence' | 'to-repository' | 'both' {
  if (change.kind === 'merge' || change.kind === 'conflict' || change.kind === 'adopt') return 'both';
  return REMOTE_KINDS.has(change.kind) ? 'to-confluence' : 'to-repository';
}

/** The change set's change at a local path (a parent created in the same run). */
function changeAt(cs: ChangeSet, path: string): Change | undefined {
  return cs.changes.find((c) => c.localPath === path);
}

/** Why a skipped change was not done: its parent failed, the run stopped, or it is the other direction. */
export function skipReason(change: Change, cs: ChangeSet): string {
  if (change.outcome !== 'skipped') return '';
  if (change.parentPath) {
    const parent = changeAt(cs, change.parentPath);
    if (parent && (parent.outcome === 'failed' || (parent.outcome === 'skipped' && parent.error))) {
      return 'skipped: parent failed';
    }
  }
  if (change.error) return `not attempted (${change.error.code})`;
  return otherDirection(change, cs.mode);
}

function otherDirection(change: Change, mode: SyncMode): string {
  const dir = directionOf(change);
  if (mode === 'push' && dir === 'to-repository') return 'other direction: the scheduled pull brings it in';
  if (mode === 'pull' && dir === 'to-confluence') return 'other direction: the push after merge sends it';
  return 'not part of this run';
}

/** Outcome in words, for the "Result" column. */
export function resultOf(change: Change, cs: ChangeSet): string {
  switch (change.outcome) {
    case 'planned':
      return cs.mode === 'check' || cs.dryRun ? 'would be done' : 'planned';
    case 'applied':
      return 'done';
    case 'failed':
      return `failed${change.error ? ` (${change.error.code})` : ''}`;
    case 'conflict':
      return 'left untouched';
    case 'skipped':
      return skipReason(change, cs);
  }
}
