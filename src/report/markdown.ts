/**
 * The change set as Markdown for a job summary or a PR comment: counts, conflicts first (with how to
 * resolve them), then every change, with links to pages and files. Stays under maxBytes by dropping rows
 * from the end and saying how many were left out.
 */
import type { Change, ChangeSet } from '../sync/types.js';
import { countChanges } from './counts.js';
import { howToResolve, whatChanged, type Face } from './explain.js';
import { EMPTY, outcomeOf, pathOf, seconds, titleOf } from './format.js';

export interface MarkdownOptions {
  /** Upper bound for the whole text in UTF-8 bytes (GitHub: 1 MiB summary, 65 536 chars comment). */
  maxBytes?: number;
  /** A link for a local path (relative to localRoot), e.g. the file on GitHub; no link when absent. */
  fileUrl?: (localPath: string) => string | undefined;
  /** Heading level of the title (default 3). */
  headingLevel?: number;
  /** Whether advice names Action inputs (default) or CLI flags. */
  face?: Face;
}

export function toMarkdown(cs: ChangeSet, options: MarkdownOptions = {}): string {
  const level = options.headingLevel ?? 3;
  const h = (extra: number) => '#'.repeat(Math.min(6, level + extra));
  const counts = countChanges(cs);
  const head: string[] = [
    `${h(0)} confluence-sync ${cs.mode}${cs.dryRun ? ' (dry run)' : ''} · space ${escape(cs.spaceKey)}`,
    '',
    `| Created | Updated | Deleted | Moved | Conflicts | Failed | Unchanged |`,
    `| ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
    `| ${counts.created} | ${counts.updated} | ${counts.deleted} | ${counts.moved} | ${counts.conflicts} | ${counts.failed} | ${counts.unchanged} |`,
    '',
  ];
  if (cs.durationMs > 0) head.push(`Finished in ${seconds(cs.durationMs)} against ${cs.confluenceUrl}.`, '');

  const conflicts = cs.changes.filter((c) => c.outcome === 'conflict');
  const sections: { title: string[]; header: string[]; rows: string[]; footer: string[] }[] = [];
  if (conflicts.length > 0) {
    sections.push({
      title: [
        `${h(1)} ⚠️ Conflicts (${conflicts.length})`,
        '',
        'Nothing was overwritten for these pages.',
        '',
      ],
      header: ['| File | Page | What changed | How to resolve |', '| --- | --- | --- | --- |'],
      rows: conflicts.map(
        (c) =>
          `| ${fileCell(c, options)} | ${pageCell(c)} | ${escape(whatChanged(c))} | ${escape(howToResolve(c, options.face ?? 'action'))} |`,
      ),
      footer: [''],
    });
  }
  const failed = cs.changes.filter((c) => c.outcome === 'failed');
  if (failed.length > 0) {
    sections.push({
      title: [`${h(1)} ❌ Failed (${failed.length})`, ''],
      header: ['| File | Page | Error |', '| --- | --- | --- |'],
      rows: failed.map(
        (c) =>
          `| ${fileCell(c, options)} | ${pageCell(c)} | ${escape(c.error ? `${c.error.code} ${c.error.message}` : 'failed')} |`,
      ),
      footer: [''],
    });
  }
  const listed = cs.changes.filter((c) => c.outcome !== 'conflict' && c.outcome !== 'failed');
  if (listed.length > 0) {
    sections.push({
      title: [`${h(1)} Changes (${listed.length})`, ''],
      header: ['| Change | Title | File | Page | Outcome |', '| --- | --- | --- | --- | --- |'],
      rows: listed.map(
        (c) =>
          `| ${c.kind} | ${escape(titleOf(c))} | ${fileCell(c, options)} | ${pageCell(c)} | ${outcomeOf(c)} |`,
      ),
      footer: [''],
    });
  }
  if (cs.changes.length === 0) head.push('Nothing to do: the folder and Confluence are in step.', '');
  const tail: string[] = [];
  if (cs.warnings && cs.warnings.length > 0) {
    tail.push(`${h(1)} Warnings`, '', ...cs.warnings.map((w) => `- ${escape(w)}`), '');
  }

  return fitToBytes(head, sections, tail, options.maxBytes);
}

function fitToBytes(
  head: string[],
  sections: { title: string[]; header: string[]; rows: string[]; footer: string[] }[],
  tail: string[],
  maxBytes: number | undefined,
): string {
  const render = (keep: number[], withTail: boolean): string => {
    const lines = [...head];
    sections.forEach((s, i) => {
      const n = keep[i] ?? 0;
      const left = s.rows.length - n;
      if (n === 0 && s.rows.length > 0) {
        lines.push(...s.title, `… and ${left} more (not shown: the report is too long).`, '');
        return;
      }
      lines.push(...s.title, ...s.header, ...s.rows.slice(0, n));
      if (left > 0) lines.push('', `… and ${left} more (not shown: the report is too long).`);
      lines.push(...s.footer);
    });
    if (withTail) lines.push(...tail);
    return `${lines.join('\n').trimEnd()}\n`;
  };
  const full = sections.map((s) => s.rows.length);
  let text = render(full, true);
  if (maxBytes === undefined || bytes(text) <= maxBytes) return text;

  // Drop rows from the last section backwards (conflicts come first, so they are kept longest).
  const keep = [...full];
  let withTail = false;
  for (let i = sections.length - 1; i >= 0; i--) {
    // Binary search the largest row count of section i that fits.
    let lo = 0;
    let hi = keep[i] ?? 0;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      keep[i] = mid;
      if (bytes(render(keep, withTail)) <= maxBytes) lo = mid;
      else hi = mid - 1;
    }
    keep[i] = lo;
    text = render(keep, withTail);
    if (bytes(text) <= maxBytes) return text;
  }
  // Even the headings do not fit: cut the text itself.
  withTail = false;
  text = render(keep, withTail);
  const marker = '\n… (truncated)\n';
  const limit = Math.max(0, maxBytes - bytes(marker));
  return (
    Buffer.from(text)
      .subarray(0, limit)
      .toString('utf8')
      .replace(/\uFFFD$/, '') + marker
  );
}

function pageCell(c: Change): string {
  if (!c.pageId) return EMPTY;
  return c.url ? `[${c.pageId}](${c.url})` : c.pageId;
}

function fileCell(c: Change, options: MarkdownOptions): string {
  const path = pathOf(c);
  if (path === EMPTY) return EMPTY;
  const target = c.localPath ?? c.previousPath;
  const url = target && c.kind !== 'delete-local' ? options.fileUrl?.(target) : undefined;
  const code = `\`${path.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
  return url ? `[${code}](${url})` : code;
}

/** Table-cell safe: pipes escaped, newlines flattened, Markdown specials in titles neutralised. */
function escape(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/([\\`*_[\]<>|])/g, '\\$1')
    .replace(/^#/, '\\#');
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
