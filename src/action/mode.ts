import { SyncError } from '../errors.js';
import type { ActionMode } from './inputs.js';

export type RunMode = Exclude<ActionMode, 'auto'>;

const BY_EVENT: Record<string, RunMode> = {
  push: 'push',
  schedule: 'pull',
  workflow_dispatch: 'pull',
  pull_request: 'check',
  pull_request_target: 'check',
};

/** `auto` picks the mode from the event that started the workflow. */
export function resolveMode(mode: ActionMode, eventName: string): RunMode {
  if (mode !== 'auto') return mode;
  const picked = BY_EVENT[eventName];
  if (!picked) {
    throw new SyncError(
      'CS-051',
      `Input \`mode\` is auto but the event "${eventName}" has no default mode.`,
      {
        hint: 'Set `mode:` to push, pull, sync or check for this workflow.',
      },
    );
  }
  return picked;
}

/**
 * Pulled files and the manifest that describes them must land together; only a commit does that.
 * A cached manifest next to pulled files that are not merged yet would make the next push send the
 * old text back over the Confluence edits.
 */
export function assertStorageFits(mode: RunMode, storage: 'commit' | 'cache'): void {
  if (storage === 'cache' && (mode === 'pull' || mode === 'sync')) {
    throw new SyncError(
      'CS-051',
      `Input \`manifest-storage\` is cache, which cannot be used with mode ${mode}.`,
      {
        hint: `Use manifest-storage: commit for ${mode}: the manifest must travel with the pulled files.`,
      },
    );
  }
}

/**
 * pull_request_target runs the base repository's workflow with its secrets on a pull request that
 * may come from anyone: only the read-only check may run there (no pushes, no pull requests, no writes).
 */
export function assertEventFits(mode: RunMode, eventName: string): void {
  if (eventName === 'pull_request_target' && mode !== 'check') {
    throw new SyncError('CS-051', `Mode ${mode} cannot run on pull_request_target; only check can.`, {
      hint: 'Use mode: check (or auto) on pull_request_target, and never check out the pull request head there.',
    });
  }
}
