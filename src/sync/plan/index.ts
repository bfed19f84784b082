/** plan/: the pure decision: (local docs, manifest, remote tree, config) → ChangeSet. No I/O. */
export { plan, LOCAL_KINDS, REMOTE_KINDS, titleKey } from './plan.js';
export { notSyncedLines, syncedTree } from './content-tree.js';
export { assertNoMassDelete } from './mass-delete.js';
