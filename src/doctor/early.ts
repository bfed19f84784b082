/**
 * When a run stops before the engine wrote anything because of the setup (config, site, credentials,
 * space, manifest), the doctor's checks say more than the one error line: the Action puts them in
 * the job summary. This decides which failures those are.
 */
import { isSyncError } from '../errors.js';

const SETUP_CODES = new Set([
  'CS-001', // credentials
  'CS-002', // site unreachable
  'CS-003', // space or parent page not found
  'CS-004', // no permission
  'CS-009', // URL
  'CS-020', // config
  'CS-021',
  'CS-022',
  'CS-023',
  'CS-030', // manifest
  'CS-031',
  'CS-032',
]);

export function isSetupFailure(e: unknown): boolean {
  return isSyncError(e) && SETUP_CODES.has(e.code);
}
