/** state/: what is on disk: the manifest, the scanned docs folder, local paths, the one file-system module. */
export { loadManifest, saveManifestAsync } from './manifest.js';
export { scanLocal } from './scan.js';
