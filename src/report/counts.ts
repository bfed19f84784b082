import type { Change, ChangeCounts, ChangeKind, ChangeSet } from '../sync/types.js';

const BUCKET: Record<ChangeKind, keyof ChangeCounts | null> = {
  'create-remote': 'created',
  'create-local': 'created',
  'update-remote': 'updated',
  'update-local': 'updated',
  merge: 'updated',
  adopt: 'updated',
  'move-remote': 'moved',
  'move-local': 'moved',
  'delete-remote': 'deleted',
  'archive-remote': 'deleted',
  'keep-remote': 'deleted',
  'delete-local': 'deleted',
  conflict: 'conflicts',
};

/**
 * Changes by what happened to them: failed and conflict outcomes count as such whatever their kind;
 * skipped changes (the other direction of a push or pull) are not counted.
 */
export function countChanges(cs: ChangeSet): ChangeCounts {
  const counts: ChangeCounts = {
    created: 0,
    updated: 0,
    deleted: 0,
    moved: 0,
    conflicts: 0,
    failed: 0,
    unchanged: cs.unchanged,
  };
  for (const change of cs.changes) {
    const bucket = bucketOf(change);
    if (bucket) counts[bucket]++;
  }
  return counts;
}

export function bucketOf(change: Change): keyof ChangeCounts | null {
  if (change.outcome === 'skipped') return null;
  if (change.outcome === 'failed') return 'failed';
  if (change.outcome === 'conflict') return 'conflicts';
  return BUCKET[change.kind];
}

/** "3 created, 1 updated, …, 12 unchanged" (every bucket, so readers can rely on the shape). */
export function totalsLine(counts: ChangeCounts): string {
  const conflicts = `${counts.conflicts} ${counts.conflicts === 1 ? 'conflict' : 'conflicts'}`;
  return [
    `${counts.created} created`,
    `${counts.updated} updated`,
    `${counts.deleted} deleted`,
    `${counts.moved} moved`,
    conflicts,
    `${counts.failed} failed`,
    `${counts.unchanged} unchanged`,
  ].join(', ');
}
