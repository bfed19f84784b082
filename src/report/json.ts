/**
 * The change set as JSON for machines (`--json`, the action's change-set file). The shape is documented
 * in the README ("JSON report"); any incompatible change bumps schemaVersion.
 */
import type { Change, ChangeCounts, ChangeSet } from '../sync/types.js';
import { countChanges } from './counts.js';

export const REPORT_SCHEMA_VERSION = 1;

export interface JsonChange {
  kind: Change['kind'];
  outcome: Change['outcome'];
  title: string;
  previousTitle: string | null;
  pageId: string | null;
  url: string | null;
  localPath: string | null;
  previousPath: string | null;
  local: Change['local'];
  remote: Change['remote'];
  fromVersion: number | null;
  toVersion: number | null;
  reason: string;
  conflict: { strategy: string; detail: string } | null;
  error: { code: string; message: string } | null;
}

export interface JsonReport {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  mode: ChangeSet['mode'];
  dryRun: boolean;
  spaceKey: string;
  confluenceUrl: string;
  startedAt: string;
  durationMs: number;
  counts: ChangeCounts;
  changes: JsonChange[];
  warnings: string[];
  /** Attachment files uploaded / downloaded in this run (zero for plans). */
  attachments: { uploaded: number; downloaded: number };
}

export function toJsonReport(cs: ChangeSet): JsonReport {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    mode: cs.mode,
    dryRun: cs.dryRun,
    spaceKey: cs.spaceKey,
    confluenceUrl: cs.confluenceUrl,
    startedAt: cs.startedAt,
    durationMs: cs.durationMs,
    counts: countChanges(cs),
    changes: cs.changes.map((c) => ({
      kind: c.kind,
      outcome: c.outcome,
      title: c.title,
      previousTitle: c.previousTitle ?? null,
      pageId: c.pageId ?? null,
      url: c.url ?? null,
      localPath: c.localPath ?? null,
      previousPath: c.previousPath ?? null,
      local: c.local,
      remote: c.remote,
      fromVersion: c.fromVersion ?? null,
      toVersion: c.toVersion ?? null,
      reason: c.reason,
      conflict: c.conflict ? { strategy: c.conflict.strategy, detail: c.conflict.detail } : null,
      error: c.error ? { code: c.error.code, message: c.error.message } : null,
    })),
    warnings: [...(cs.warnings ?? [])],
    attachments: { uploaded: cs.attachments?.uploaded ?? 0, downloaded: cs.attachments?.downloaded ?? 0 },
  };
}

/** Pretty-printed (2 spaces), no trailing newline. */
export function toJson(cs: ChangeSet): string {
  return JSON.stringify(toJsonReport(cs), null, 2);
}
