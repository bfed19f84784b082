/**
 * A run that would delete or detach most of the tracked pages is far more often an accident (a moved or
 * mistyped docs folder, a wrong parent, an emptied checkout) than an intent: it is refused unless the user
 * says so (`--allow-mass-delete`, input `allow-mass-delete: true`).
 */
import { SyncError } from '../../errors.js';
import type { Change } from '../types.js';

/** Deleted or detached, on either side. */
const REMOVING: ReadonlySet<Change['kind']> = new Set([
  'delete-remote',
  'archive-remote',
  'keep-remote',
  'delete-local',
]);

/** More than half of the tracked pages, and at least this many. */
export const MASS_DELETE_MIN = 5;

export function removals(changes: readonly Change[]): Change[] {
  return changes.filter((c) => REMOVING.has(c.kind) && (c.outcome === 'planned' || c.outcome === 'applied'));
}

export function isMassDelete(removing: number, tracked: number): boolean {
  return removing >= MASS_DELETE_MIN && removing * 2 > tracked;
}

/** CS-049 when the planned changes would remove a mass of the tracked pages and that was not allowed. */
export function assertNoMassDelete(changes: readonly Change[], tracked: number, allowed: boolean): void {
  const removing = removals(changes);
  if (allowed || !isMassDelete(removing.length, tracked)) return;
  const local = removing.filter((c) => c.kind === 'delete-local').length;
  const remote = removing.length - local;
  const sides = [
    remote > 0 ? `${remote} in Confluence (trash, archive or detach)` : '',
    local > 0 ? `${local} local files` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  throw new SyncError(
    'CS-049',
    `This run would remove ${removing.length} of the ${tracked} tracked pages (${sides}); nothing was changed.`,
    {
      hint: 'Check localRoot and that the docs folder is complete; if the deletions are intended, run again with --allow-mass-delete (action input allow-mass-delete: true).',
    },
  );
}
