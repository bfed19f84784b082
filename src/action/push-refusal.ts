/**
 * A push GitHub refused because of branch protection or a ruleset (GH006, GH013, required signatures,
 * changes only through a pull request): retrying cannot help, so it becomes one CS-050 line that says
 * what was already written and what to do.
 */
import { SyncError } from '../errors.js';

const PROTECTED =
  /GH006|GH013|protected branch|required signatures|verified signatures|must be made through a pull request|repository rule violations|push declined due to repository rule/i;

export function isProtectedRefusal(stderr: string): boolean {
  return PROTECTED.test(stderr);
}

/** The remote's own reason, one line (the `remote: error:` line when there is one). */
export function remoteReason(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.replace(/^remote:\s*/, '').trim())
    .filter((l) => l !== '');
  return (lines.find((l) => PROTECTED.test(l)) ?? lines.at(-1) ?? '').replace(/^error:\s*/, '');
}

export function protectedBranchError(branch: string, stderr: string, what: string): SyncError {
  return new SyncError(
    'CS-050',
    `GitHub refused to push ${what} to ${branch}: the branch is protected (${remoteReason(stderr)}).` +
      (/manifest/.test(what)
        ? ' The pages were written to Confluence; the manifest that records them was not saved, so the next run will see them as changed.'
        : ''),
    {
      hint:
        'Pass a github-token of a user or app allowed to bypass the rule, or use manifest-storage: cache ' +
        '(push-only setups), or let the scheduled pull carry the manifest in its pull request. See "Protected branches" in docs/action.md.',
    },
  );
}
