/** The step's outputs and the warning annotations people see on the files. */
import { writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { countChanges, howToResolve, toJson } from '../report/index.js';
import type { Change, ChangeCounts, ChangeSet } from '../sync/types.js';

export interface OutputSink {
  setOutput(name: string, value: string): void;
}

export interface AnnotationSink {
  warning(message: string, properties: { title: string; file?: string }): void;
}

/** Writes the JSON change set to `dir` and returns its path. */
export function writeChangeSetFile(cs: ChangeSet, dir: string, name: string): string {
  const file = join(dir, `confluence-sync-${name.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
  writeFileSync(file, toJson(cs));
  return file;
}

export function setCountOutputs(sink: OutputSink, counts: ChangeCounts): void {
  sink.setOutput('created', String(counts.created));
  sink.setOutput('updated', String(counts.updated));
  sink.setOutput('deleted', String(counts.deleted));
  sink.setOutput('moved', String(counts.moved));
  sink.setOutput('conflicts', String(counts.conflicts));
}

export { countChanges };

/** One warning per conflicting file, pinned to the file (path relative to the repository root). */
export function annotateConflicts(sink: AnnotationSink, cs: ChangeSet, localRoot: string): number {
  const conflicts = cs.changes.filter(isConflict);
  for (const c of conflicts) {
    const path = c.localPath ?? c.previousPath;
    const page = c.url ? ` (${c.url})` : '';
    sink.warning(`"${c.title}"${page}: ${c.reason.replace(/\.?$/, '.')} ${howToResolve(c, 'action')}`, {
      title: 'Confluence conflict',
      ...(path ? { file: posix.join(localRoot, path) } : {}),
    });
  }
  return conflicts.length;
}

function isConflict(c: Change): boolean {
  return c.kind === 'conflict' || c.outcome === 'conflict';
}
