/** The step's outputs and the warning annotations people see on the files. */
import { writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { countChanges, isConflict, logLine, toJson } from '../report/index.js';
import { resolveAdvice, specialNote } from '../report/explain.js';
import type { ChangeCounts, ChangeSet } from '../sync/types.js';

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

/** GitHub shows at most 10 warning annotations per step; the rest are dropped silently. */
export const MAX_WARNINGS_PER_STEP = 10;
/** Conflict annotations at most, so operational warnings always have room. */
export const MAX_CONFLICT_ANNOTATIONS = 8;

/**
 * Warnings held back until the end of the step, then written in the order people need them:
 * operational warnings first (a manifest not saved, a comment not written), then at most 8 conflict
 * annotations pinned to their files, then one "N more in the job summary" when there are more.
 */
export class WarningBudget {
  private readonly operational: string[] = [];

  warn(message: string): void {
    this.operational.push(logLine(message));
  }

  flush(sink: AnnotationSink & { info(message: string): void }, cs: ChangeSet, localRoot: string): void {
    const shown = this.operational.slice(0, MAX_WARNINGS_PER_STEP);
    for (const w of shown) sink.warning(w, { title: 'confluence-sync' });
    for (const w of this.operational.slice(MAX_WARNINGS_PER_STEP)) sink.info(`Warning: ${w}`);
    const conflicts = cs.changes.filter(isConflict);
    const slots = MAX_WARNINGS_PER_STEP - shown.length;
    const fits = conflicts.length <= Math.min(MAX_CONFLICT_ANNOTATIONS, slots);
    const n = fits ? conflicts.length : Math.max(0, Math.min(MAX_CONFLICT_ANNOTATIONS, slots - 1));
    const advice = resolveAdvice(cs.mode);
    for (const c of conflicts.slice(0, n)) {
      const path = c.localPath ?? c.previousPath;
      const page = c.url ? ` (${c.url})` : '';
      const note = specialNote(c) ?? advice;
      sink.warning(logLine(`"${c.title}"${page}: ${c.reason.replace(/\.?$/, '.')} ${note}`), {
        title: 'Confluence conflict',
        ...(path ? { file: posix.join(localRoot, path) } : {}),
      });
    }
    const more = conflicts.length - n;
    if (more > 0) {
      const line = `${more} more page(s) in conflict: see the job summary.`;
      if (slots - n > 0) sink.warning(line, { title: 'Confluence conflict' });
      else sink.info(line);
    }
  }
}
