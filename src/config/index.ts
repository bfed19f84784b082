export { loadConfig, DEFAULTS, DEFAULT_CONFIG_FILES } from './load.js';
export type { ConfigFlags, LoadConfigOptions } from './load.js';
export type { ConflictStrategy, OnLocalDelete, SyncConfig } from './types.js';
export { discoverConfig, gitTopLevel, shownPath, whereSearched } from './discover.js';
export type { Discovery } from './discover.js';
