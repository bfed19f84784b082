/**
 * The setting the runSync-level apply tests share: a fresh in-process emulator (Cloud) with a Root page,
 * a temp repository whose docs live in `docs/`, and a config pointing the one at the other.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { SyncConfig } from '../../../src/config/types.js';
import { createClient } from '../../../src/confluence/create-client.js';
import type { ConfluenceClient } from '../../../src/confluence/types.js';
import type { Manifest } from '../../../src/sync/types.js';
import { startEmulator, type Emulator } from '../../emulator/index.js';

const CREDENTIALS = { username: 'ci@example.com', token: 'emulator-token' };

export interface ApplyWorld {
  readonly emulator: Emulator;
  /** The repository (config.cwd). */
  readonly dir: string;
  /** The page the docs tree hangs under. */
  readonly rootId: string;
  /** Absolute path of a file under docs/. */
  abs(path: string): string;
  write(path: string, text: string): void;
  manifest(): Manifest;
  config(overrides?: Partial<SyncConfig>): SyncConfig;
  /** A real client for the emulator (to wrap or to call directly). */
  client(): ConfluenceClient;
}

/** Registers beforeEach/afterEach; the returned world is fresh in every test. */
export function useApplyWorld(name: string): ApplyWorld {
  let state: { emulator: Emulator; dir: string; rootId: string } | undefined;
  const current = () => {
    if (!state) throw new Error('useApplyWorld: used outside a test');
    return state;
  };
  beforeEach(async () => {
    const emulator = await startEmulator({ flavor: 'cloud' });
    const rootId = emulator.createPage({ spaceKey: 'DOCS', title: 'Root', body: '<p>root</p>' }).id;
    state = { emulator, rootId, dir: mkdtempSync(join(tmpdir(), `cs-${name}-`)) };
  });
  afterEach(async () => {
    const { emulator, dir } = current();
    state = undefined;
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const abs = (path: string) => join(current().dir, 'docs', path);
  return {
    get emulator() {
      return current().emulator;
    },
    get dir() {
      return current().dir;
    },
    get rootId() {
      return current().rootId;
    },
    abs,
    write(path, text) {
      mkdirSync(dirname(abs(path)), { recursive: true });
      writeFileSync(abs(path), text);
    },
    manifest: () =>
      JSON.parse(readFileSync(join(current().dir, '.confluence-sync.json'), 'utf8')) as Manifest,
    config: (overrides = {}) => ({
      cwd: current().dir,
      profileName: 'default',
      confluenceUrl: current().emulator.url,
      flavor: 'cloud',
      credentials: CREDENTIALS,
      spaceKey: 'DOCS',
      parentPageId: current().rootId,
      localRoot: 'docs',
      includePatterns: ['**/*.md'],
      excludePatterns: [],
      concurrentOperations: 3,
      conflictStrategy: 'manual',
      onLocalDelete: 'keep',
      manifestPath: '.confluence-sync.json',
      ...overrides,
    }),
    client: () =>
      createClient({ baseUrl: current().emulator.url, flavor: 'cloud', credentials: CREDENTIALS }),
  };
}
