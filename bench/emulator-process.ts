/**
 * The parent's handle on the emulator child (bench/emulator-child.ts): the same operations as the
 * in-process Emulator, as async calls over IPC.
 */
import type { Flavor } from '../src/confluence/types.js';
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DirectAttachment, DirectPage, EmulatorStats, Faults } from '../test/emulator/index.js';

const CHILD = fileURLToPath(new URL('./emulator-child.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface RemoteEmulator {
  url: string;
  pid: number;
  stats(): Promise<EmulatorStats>;
  resetStats(): Promise<void>;
  setFaults(f: Faults | null): Promise<void>;
  createPage(p: { spaceKey: string; parentId?: string; title: string; body: string }): Promise<{
    id: string;
    version: number;
  }>;
  editPage(id: string, p: { title?: string; body?: string; parentId?: string }): Promise<{ version: number }>;
  getPage(id: string): Promise<DirectPage | undefined>;
  pages(spaceKey: string): Promise<DirectPage[]>;
  attachments(pageId: string): Promise<DirectAttachment[]>;
  /** root → sections of 50 → pages: n pages under rootId, seeded directly; their ids in order. */
  seedTree(rootId: string, n: number): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startEmulatorProcess(flavor: Flavor = 'cloud'): Promise<RemoteEmulator> {
  const child: ChildProcess = fork(CHILD, [], {
    execArgv: ['--import', TSX],
    env: { ...process.env, BENCH_FLAVOR: flavor },
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let exited = false;

  const url = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`the emulator process exited (${code}) before it was ready`)),
    );
    child.on(
      'message',
      (m: { ready?: boolean; url?: string; id?: number; result?: unknown; error?: string }) => {
        if (m.ready && m.url) return resolve(m.url);
        const waiter = m.id === undefined ? undefined : pending.get(m.id);
        if (!waiter || m.id === undefined) return;
        pending.delete(m.id);
        if (m.error !== undefined) waiter.reject(new Error(`emulator: ${m.error}`));
        else waiter.resolve(m.result);
      },
    );
  });
  child.removeAllListeners('exit');
  child.on('exit', () => {
    exited = true;
    for (const w of pending.values()) w.reject(new Error('the emulator process exited'));
    pending.clear();
  });

  const call = <T>(method: string, ...args: unknown[]): Promise<T> => {
    if (exited) return Promise.reject(new Error('the emulator process exited'));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, method, args });
    });
  };

  return {
    url,
    pid: child.pid ?? 0,
    stats: () => call('stats'),
    resetStats: () => call('resetStats'),
    setFaults: (f) => call('setFaults', f),
    createPage: (p) => call('createPage', p),
    editPage: (id, p) => call('editPage', id, p),
    getPage: (id) => call('getPage', id),
    pages: (key) => call('pages', key),
    attachments: (id) => call('attachments', id),
    seedTree: (rootId, n) => call('seedTree', rootId, n),
    stop: async () => {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await call('stop').catch(() => undefined);
      await gone;
    },
  };
}
