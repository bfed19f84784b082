/** apply/: carrying out a ChangeSet on both sides: the queue, local and remote writes, attachments, bodies. */
export type { ApplyEnv } from './env.js';
export { forgetStaleHashes } from './env.js';
export { ManifestStore } from './store.js';
export { applyChanges } from './queue.js';
export { addAttachmentChanges, inPaths } from './attachments.js';
export { buildLinkIndex } from './link-context.js';
export { assertReadableBody, fetchBodies, pageIdsNeedingBodies } from './remote-bodies.js';
export { hasConflictMarkers } from './merge.js';
export { confirmGone, confirmRemoteAbsences, hiddenPages } from './confirm-gone.js';
export { verifyRemoteHashes } from './verify-remote.js';
export { predictLostAnchors, predictWrites } from './predict.js';
export { countingTransfers, type TransferCount } from './transfer-count.js';
export { lostAnchorsWarning } from './push-patch.js';
export { missingFilesWarning } from './attachments.js';
