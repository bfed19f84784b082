/** plan/: the pure decision: (local docs, manifest, remote tree, config) → ChangeSet. No I/O. */
export { plan, LOCAL_KINDS, REMOTE_KINDS, titleKey } from './plan.js';
