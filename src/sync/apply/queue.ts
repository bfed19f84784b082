/**
 * Applies a planned ChangeSet: bounded concurrency (concurrentOperations requests in flight, see
 * request-gate.ts), parents before children (a child waits for the change that creates or moves
 * its parent), deletions last and deepest first. Every change ends with an outcome; a stale version (409) or a file with conflict
 * markers becomes a conflict for that page only. Credentials, permission and circuit-breaker
 * failures stop the run: what is left is marked skipped.
 */
import pLimit from 'p-limit';
import { SyncError, toSyncError } from '../../errors.js';
import type { ApplyEnv } from './env.js';
import { FATAL, NotAttempted, gateRequests } from './request-gate.js';
import { adopt, conflict, merge } from './both.js';
import { deleteLocal, pullPage } from './local.js';
import { archiveRemote, createRemote, deleteRemote, keepRemote, updateRemote } from './remote.js';
import {
  adoptFolder,
  createFolderRemote,
  folderConflict,
  pullFolder,
  removeFolderRemote,
  updateFolderRemote,
} from './folders.js';
import { isActionable, type Change, type ChangeKind, type ProgressEvent } from '../types.js';

const HANDLERS: Record<ChangeKind, (env: ApplyEnv, change: Change) => Promise<void>> = {
  'create-remote': createRemote,
  'update-remote': (env, change) => updateRemote(env, change),
  'move-remote': (env, change) => updateRemote(env, change),
  'delete-remote': deleteRemote,
  'archive-remote': archiveRemote,
  'keep-remote': keepRemote,
  'create-local': pullPage,
  'update-local': pullPage,
  'move-local': pullPage,
  'delete-local': deleteLocal,
  merge,
  adopt,
  conflict,
};

/** Changes about a Cloud folder (no body, no labels): keep-remote and delete-local work as for a page. */
const FOLDER_HANDLERS: Partial<Record<ChangeKind, (env: ApplyEnv, change: Change) => Promise<void>>> = {
  'create-remote': createFolderRemote,
  'update-remote': updateFolderRemote,
  'move-remote': updateFolderRemote,
  'delete-remote': removeFolderRemote,
  'archive-remote': removeFolderRemote,
  'create-local': pullFolder,
  'update-local': pullFolder,
  'move-local': pullFolder,
  merge: folderConflict,
  adopt: adoptFolder,
  conflict: folderConflict,
};

function handlerFor(change: Change): (env: ApplyEnv, change: Change) => Promise<void> {
  return (change.nodeKind === 'folder' ? FOLDER_HANDLERS[change.kind] : undefined) ?? HANDLERS[change.kind];
}

interface Attempted {
  durable: Promise<void>;
}

const REMOVALS = new Set<ChangeKind>(['delete-remote', 'archive-remote', 'delete-local']);
/**
 * Changes under way at once, per request slot: while `concurrency` requests are in flight, as many
 * more changes convert, hash and write their files (see request-gate.ts).
 */
const CHANGES_PER_REQUEST_SLOT = 2;

export interface ApplyOptions {
  concurrency: number;
  onProgress?: (event: ProgressEvent) => void;
}

export async function applyChanges(env: ApplyEnv, changes: Change[], options: ApplyOptions): Promise<void> {
  const todo = changes.filter(isActionable);
  env.store.deferSaves = true;
  try {
    await applyAll(env, todo, options);
  } finally {
    env.store.deferSaves = false;
  }
}

async function applyAll(env: ApplyEnv, todo: Change[], options: ApplyOptions): Promise<void> {
  const concurrency = Math.max(1, options.concurrency);
  const gate = gateRequests(env.client, concurrency);
  const limit = pLimit(concurrency * CHANGES_PER_REQUEST_SLOT);
  let done = 0;
  let stoppedBy: SyncError | null = null;
  const report = (change: Change): void => {
    done += 1;
    options.onProgress?.({ phase: 'apply', done, total: todo.length, message: change.title });
  };

  const skip = (change: Change, by: SyncError): void => {
    change.outcome = 'skipped';
    change.error = { code: by.code, message: `Not attempted: the run stopped after ${by.code}.` };
  };

  const fail = (change: Change, e: unknown, sent: boolean): void => {
    if (e instanceof NotAttempted) {
      stoppedBy ??= e.stoppedBy;
      // Nothing of this change reached Confluence: it was not attempted. Else it stopped half-way.
      if (!sent) return skip(change, e.stoppedBy);
    }
    const error = e instanceof NotAttempted ? e.stoppedBy : toSyncError(e);
    if (error.code === 'CS-005' || error.code === 'CS-043') {
      change.outcome = 'conflict';
      change.conflict = {
        strategy: env.strategy,
        detail:
          error.code === 'CS-005'
            ? 'The page changed in Confluence while this run was writing it: run sync again to see both sides.'
            : error.toLine(),
      };
    } else {
      change.outcome = 'failed';
      // The code travels in its own field; reports print "CS-xxx message".
      change.error = { code: error.code, message: error.toLine().slice(error.code.length + 1) };
      if (FATAL.has(error.code)) stoppedBy ??= error;
    }
    env.log(`${change.kind} ${change.localPath ?? change.title}: ${error.code} ${error.message}`);
  };

  /** A change is done once the manifest save that carries it is on disk (its slot is free meanwhile). */
  const settle = async (change: Change, { durable }: Attempted): Promise<void> => {
    try {
      await durable;
    } catch (e) {
      if (change.outcome === 'applied') fail(change, e, true);
    }
    report(change);
  };

  /** Runs one change in its slot; resolves (freeing the slot) with the save it must wait for. */
  const attempt = async (change: Change): Promise<Attempted> => {
    const done = { durable: Promise.resolve() };
    stoppedBy ??= gate.stoppedBy();
    if (stoppedBy) {
      skip(change, stoppedBy);
      return done;
    }
    const parent = change.parentPath ? changeAt.get(change.parentPath) : undefined;
    if (parent?.kind === 'create-remote' && parent.outcome !== 'applied' && change.kind === 'create-remote') {
      change.outcome = 'skipped';
      change.error = {
        code: parent.error?.code ?? 'CS-043',
        message: `Not attempted: its parent page (${change.parentPath}) was not created.`,
      };
      return done;
    }
    const requests = gate.client();
    try {
      await handlerFor(change)({ ...env, client: requests.client }, change);
      if (change.outcome === 'planned') change.outcome = 'applied';
    } catch (e) {
      fail(change, e, requests.sent());
    }
    // Wrapped: an async function returning the bare promise would wait for it, holding the slot.
    return { durable: env.store.durable() };
  };
  const run = (change: Change): Promise<void> =>
    limit(() => attempt(change)).then((durable) => settle(change, durable));

  // Writes and moves: each waits for the change that creates or moves its parent, then takes a slot.
  const byPath = new Map<string, Promise<void>>();
  const changeAt = new Map(todo.flatMap((c) => (c.localPath ? [[c.localPath, c] as const] : [])));
  const running: Promise<void>[] = [];
  for (const change of todo.filter((c) => !REMOVALS.has(c.kind))) {
    const parent = change.parentPath ? byPath.get(change.parentPath) : undefined;
    const task = (parent ?? Promise.resolve()).then(() => run(change));
    if (change.localPath) byPath.set(change.localPath, task);
    running.push(task);
  }
  await Promise.all(running);

  // Removals: deepest first, so a folder's page goes after the pages under it.
  const removals = todo.filter((c) => REMOVALS.has(c.kind));
  const depths = [...new Set(removals.map(depthOf))].sort((a, b) => b - a);
  for (const depth of depths) {
    await Promise.all(removals.filter((c) => depthOf(c) === depth).map((c) => run(c)));
  }
}

function depthOf(change: Change): number {
  return (change.localPath ?? change.previousPath ?? '').replace(/\/$/, '').split('/').length;
}
