import type { Credentials, Flavor } from '../confluence/types.js';

export type ConflictStrategy = 'manual' | 'local-first' | 'remote-first' | 'merge';
export type OnLocalDelete = 'keep' | 'archive' | 'delete';

/** One resolved profile: what the engine runs with. Built by config/load.ts from file + env + flags. */
export interface SyncConfig {
  /** Absolute directory the relative paths below are resolved against (the repository root). */
  cwd: string;
  profileName: string;
  confluenceUrl: string;
  flavor?: Flavor;
  credentials: Credentials;
  spaceKey: string;
  /** The docs tree lives under this page; the space home page when absent. */
  parentPageId?: string;
  /** Relative to cwd. */
  localRoot: string;
  includePatterns: string[];
  excludePatterns: string[];
  concurrentOperations: number;
  conflictStrategy: ConflictStrategy;
  onLocalDelete: OnLocalDelete;
  /** Relative to cwd; default `.confluence-sync.json`. */
  manifestPath: string;
  /** Absolute path of the configuration file read, when there was one. */
  configFile?: string;
}
