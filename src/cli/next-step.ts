/** The line that ends `status`: the command that would apply what it just showed. */
import type { ChangeSet } from '../sync/types.js';

const TO_CONFLUENCE = new Set([
  'create-remote',
  'update-remote',
  'move-remote',
  'delete-remote',
  'archive-remote',
]);
const TO_FILES = new Set(['create-local', 'update-local', 'move-local', 'delete-local']);

export function nextStep(cs: ChangeSet): string {
  const planned = cs.changes.filter((c) => c.outcome === 'planned' || c.outcome === 'conflict');
  const conflicts = planned.filter((c) => c.kind === 'conflict' || c.outcome === 'conflict').length;
  const push = planned.some((c) => TO_CONFLUENCE.has(c.kind));
  const pull = planned.some((c) => TO_FILES.has(c.kind));
  const both = planned.some((c) => c.kind === 'merge' || c.kind === 'adopt');
  if (conflicts > 0) {
    return `Next: settle the ${conflicts === 1 ? 'conflict' : `${conflicts} conflicts`} with "confluence-sync sync --strategy merge" (or local-first / remote-first), or edit one side.`;
  }
  if ((push && pull) || both) return 'Next: run "confluence-sync sync" to apply both directions.';
  if (push) return 'Next: run "confluence-sync push" to publish these changes.';
  if (pull) return 'Next: run "confluence-sync pull" to bring these changes into the files.';
  return 'Next: nothing to run; the folder and Confluence are in step.';
}
