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
