/**
 * The change set as a console table, conflicts explained below it, and a totals line. Titles, paths,
 * messages and warnings come from pages and files: each goes through the sanitiser, so no control
 * character (a newline starting `::error::` in a CI log, an escape sequence) reaches the terminal.
 */
import type { Change, ChangeSet } from '../sync/types.js';
import { countChanges, totalsLine } from './counts.js';
import { howToResolve, whatChanged } from './explain.js';
import { EMPTY, outcomeOf, pathOf, seconds, titleOf } from './format.js';
import { logLine as shown } from './sanitise.js';

export interface TextOptions {
  /** ANSI colours (a TTY). Default false. */
  color?: boolean;
}

const WIDTH = { kind: 14, title: 40, path: 56, page: 12 };

export function toText(cs: ChangeSet, options: TextOptions = {}): string {
  const paint = painter(options.color === true);
  const lines: string[] = [];
  const mode = `${cs.mode}${cs.dryRun ? ' (dry run)' : ''}`;
  lines.push(paint.bold(shown(`confluence-sync ${mode} · space ${cs.spaceKey} · ${cs.confluenceUrl}`)));

  if (cs.changes.length === 0) {
    lines.push('Nothing to do: the folder and Confluence are in step.');
  } else {
    const rows = cs.changes.map((c) => [
      c.kind,
      shown(titleOf(c)),
      shown(pathOf(c)),
      shown(c.pageId ?? EMPTY),
      outcomeOf(c),
    ]);
    const widths = [
      fit(
        rows.map((r) => r[0]!),
        'KIND',
        WIDTH.kind,
      ),
      fit(
        rows.map((r) => r[1]!),
        'TITLE',
        WIDTH.title,
      ),
      fit(
        rows.map((r) => r[2]!),
        'PATH',
        WIDTH.path,
      ),
      fit(
        rows.map((r) => r[3]!),
        'PAGE',
        WIDTH.page,
      ),
    ];
    const row = (cells: string[]) =>
      cells.map((cell, i) => (i < widths.length ? pad(clip(cell, widths[i]!), widths[i]!) : cell)).join('  ');
    lines.push('');
    const outcomeWidth = Math.max(...rows.map((r) => r[4]!.length), 'OUTCOME'.length);
    const urlHeader = cs.changes.some((c) => c.url)
      ? `${' '.repeat(outcomeWidth - 'OUTCOME'.length)}  URL`
      : '';
    lines.push(paint.dim(row(['KIND', 'TITLE', 'PATH', 'PAGE', 'OUTCOME']) + urlHeader));
    cs.changes.forEach((change, i) => {
      const cells = rows[i]!;
      const text = row(cells);
      const outcome = cells[4]!;
      const url = change.url
        ? `${' '.repeat(outcomeWidth - outcome.length)}  ${paint.dim(shown(change.url))}`
        : '';
      lines.push(text.slice(0, text.length - outcome.length) + paint.outcome(change, outcome) + url);
    });
  }

  const conflicts = cs.changes.filter((c) => c.outcome === 'conflict');
  if (conflicts.length > 0) {
    lines.push('');
    lines.push(paint.yellow(`Conflicts (${conflicts.length}): nothing was overwritten for these pages.`));
    for (const c of conflicts) lines.push(...explainConflict(c));
  }

  const failed = cs.changes.filter((c) => c.outcome === 'failed');
  if (failed.length > 0) {
    lines.push('');
    lines.push(paint.red(`Failed (${failed.length}):`));
    for (const c of failed)
      lines.push(shown(`  ${pathOf(c)}: ${c.error ? `${c.error.code} ${c.error.message}` : 'failed'}`));
  }

  if (cs.warnings && cs.warnings.length > 0) {
    lines.push('');
    lines.push('Warnings:');
    for (const w of cs.warnings) lines.push(shown(`  ${w}`));
  }

  const skipped = cs.changes.filter((c) => c.outcome === 'skipped').length;
  const moved = cs.attachments;
  const files = [
    moved && moved.uploaded > 0
      ? `${moved.uploaded} attachment${moved.uploaded === 1 ? '' : 's'} uploaded`
      : '',
    moved && moved.downloaded > 0
      ? `${moved.downloaded} attachment${moved.downloaded === 1 ? '' : 's'} downloaded`
      : '',
  ].filter(Boolean);
  lines.push('');
  lines.push(
    `Totals: ${totalsLine(countChanges(cs))}${skipped > 0 ? `; ${skipped} skipped (other direction)` : ''}` +
      (files.length > 0 ? `; ${files.join(', ')}` : '') +
      (cs.durationMs > 0 ? ` in ${seconds(cs.durationMs)}` : ''),
  );
  return `${lines.join('\n')}\n`;
}

function explainConflict(c: Change): string[] {
  const where = [c.localPath ?? c.previousPath, c.pageId ? `page ${c.pageId}` : undefined]
    .filter(Boolean)
    .join(', ');
  const out = [`  ! ${c.title} (${where})`, `    What changed: ${whatChanged(c)}`];
  if (c.conflict?.detail) out.push(`    Strategy ${c.conflict.strategy}: ${c.conflict.detail}`);
  out.push(`    What to do: ${howToResolve(c)}`);
  if (c.url) out.push(`    ${c.url}`);
  return out.map(shown);
}

function fit(values: string[], header: string, max: number): number {
  return Math.min(max, Math.max(header.length, ...values.map((v) => [...v].length)));
}

function clip(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, width - 1).join('')}…`;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

function painter(on: boolean) {
  const wrap = (code: string) => (text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);
  const green = wrap('32');
  const yellow = wrap('33');
  const red = wrap('31');
  const dim = wrap('2');
  return {
    bold: wrap('1'),
    dim,
    yellow,
    red,
    outcome(change: Change, text: string): string {
      if (change.outcome === 'applied') return green(text);
      if (change.outcome === 'conflict') return yellow(text);
      if (change.outcome === 'failed') return red(text);
      if (change.outcome === 'skipped') return dim(text);
      return text;
    },
  };
}
