export { loadConfig, DEFAULTS, DEFAULT_CONFIG_FILES } from './load.js';
export type { ConfigFlags, LoadConfigOptions } from './load.js';
export type { ConflictStrategy, OnLocalDelete, SyncConfig } from './types.js';
