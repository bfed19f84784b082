/**
 * The decision table for one page the manifest knows: local state × remote state × strategy → what to do.
 * A move or rename counts as a change on its side. Pages new on one side (create-*) or both (adopt) are
 * decided in plan.ts, which has the pairing.
 */
import type { ConflictStrategy, OnLocalDelete } from '../../config/types.js';
import type { ChangeKind } from '../types.js';

export type TrackedState = 'unchanged' | 'changed' | 'deleted';

export interface Cell {
  local: TrackedState;
  remote: TrackedState;
  strategy: ConflictStrategy;
  onLocalDelete: OnLocalDelete;
  /** The file is at another path than the manifest's (found by hash or title). */
  localMoved: boolean;
  /** The page's planned local path differs from where the file is (renamed or moved in Confluence). */
  remoteMoved: boolean;
}

export type Decision =
  | { kind: 'unchanged' }
  | { kind: 'forget' }
  | {
      kind: ChangeKind;
      /** What the strategy did with a both-sides change; absent when only one side changed. */
      resolution?: string;
    };

const DELETE_KIND: Record<OnLocalDelete, ChangeKind> = {
  keep: 'keep-remote',
  archive: 'archive-remote',
  delete: 'delete-remote',
};

export function decide(cell: Cell): Decision {
  const push: ChangeKind = cell.localMoved ? 'move-remote' : 'update-remote';
  const pull: ChangeKind = cell.remoteMoved ? 'move-local' : 'update-local';
  const onDelete = DELETE_KIND[cell.onLocalDelete];
  const { local, remote, strategy } = cell;

  if (local === 'unchanged') {
    // Unchanged page whose parent folder moves locally with a remote move: the file follows its parent.
    if (remote === 'unchanged') return cell.remoteMoved ? { kind: 'move-local' } : { kind: 'unchanged' };
    if (remote === 'changed') return { kind: pull };
    return { kind: 'delete-local' };
  }
  if (local === 'deleted') {
    if (remote === 'unchanged') return { kind: onDelete };
    if (remote === 'deleted') return { kind: 'forget' };
    // The file was deleted, the page was edited.
    if (strategy === 'local-first') return { kind: onDelete, resolution: 'the local deletion wins' };
    if (strategy === 'remote-first')
      return { kind: 'create-local', resolution: 'the file is restored from Confluence' };
    return { kind: 'conflict', resolution: strategy === 'merge' ? 'a deletion cannot be merged' : undefined };
  }
  // local changed
  if (remote === 'unchanged') return { kind: push };
  if (remote === 'changed') {
    if (strategy === 'local-first')
      return { kind: push, resolution: 'the local file wins; the Confluence edit is overwritten' };
    if (strategy === 'remote-first')
      return { kind: pull, resolution: 'the Confluence page wins; the local edit is overwritten' };
    if (strategy === 'merge') return { kind: 'merge', resolution: 'three-way merge of both edits' };
    return { kind: 'conflict' };
  }
  // local changed, page deleted in Confluence
  if (strategy === 'local-first')
    return { kind: 'create-remote', resolution: 'the page is re-created from the file' };
  if (strategy === 'remote-first')
    return { kind: 'delete-local', resolution: 'the deletion wins; the file is removed' };
  return { kind: 'conflict', resolution: strategy === 'merge' ? 'a deletion cannot be merged' : undefined };
}
