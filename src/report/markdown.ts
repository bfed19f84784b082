/**
 * The change set as Markdown for a job summary, a PR comment or a PR body. The first line says pass
 * or fail and why; conflicts come next (title, link, who edited in Confluence and when, the
 * Confluence-side change as a diff, one way to resolve them); then what this run does in plain words;
 * the other direction and skipped rows are folded away. Everything that came from a title, a path
 * or a message goes through the sanitiser. Stays under maxBytes (diffs go first, then rows).
 */
import type { Change, ChangeSet } from '../sync/types.js';
import { countChanges, totalsLine } from './counts.js';
import { fenceFor } from './diff.js';
import { resolveAdvice, specialNote, type Face } from './explain.js';
import { htmlText, mdCell, mdCode, mdInline, mdLink, safeUrl } from './sanitise.js';
import type { RemoteEdit } from './types.js';
import { directionOf, resultOf, whatItDoes } from './words.js';

export interface MarkdownOptions {
  /** Upper bound for the whole text in UTF-8 bytes (GitHub: 1 MiB summary, 65 536 chars comment). */
  maxBytes?: number;
  /** A link for a local path (relative to localRoot), e.g. the file on GitHub; no link when absent. */
  fileUrl?: (localPath: string) => string | undefined;
  /** Heading level of the first line (default 2). */
  headingLevel?: number;
  /** Whether advice names Action inputs (default) or CLI flags. */
  face?: Face;
  /** Whether conflicts fail the run (default true): ❌ or ⚠️ on the first line. */
  failOnConflict?: boolean;
  /** Who edited conflicting pages in Confluence and what changed, by page id. */
  remoteEdits?: ReadonlyMap<string, RemoteEdit>;
  /** Page titles the change set does not carry (from the manifest): by local path and by page id. */
  titles?: { byPath: ReadonlyMap<string, string>; byId: ReadonlyMap<string, string> };
  /** Lines right under the first line (already Markdown, written by the caller). */
  intro?: string[];
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The first line: pass or fail, and why. */
export function verdictLine(cs: ChangeSet, failOnConflict = true): string {
  const conflicts = cs.changes.filter(isConflict);
  const failed = cs.changes.filter((c) => c.outcome === 'failed');
  const counts = countChanges(cs);
  if (failed.length > 0) {
    return `❌ ${plural(failed.length, 'change', 'changes')} failed${conflicts.length > 0 ? `, ${plural(conflicts.length, 'page is', 'pages are')} in conflict` : ''}`;
  }
  const mark = failOnConflict ? '❌' : '⚠️';
  if (cs.mode === 'check') {
    if (conflicts.length > 0) {
      return `${mark} ${plural(conflicts.length, 'page was', 'pages were')} edited in Confluence since the repository last saw ${conflicts.length === 1 ? 'it' : 'them'}`;
    }
    return '✅ Nothing in Confluence would be overwritten';
  }
  if (conflicts.length > 0) {
    return `${mark} ${plural(conflicts.length, 'page was', 'pages were')} edited on both sides and left untouched`;
  }
  const done = counts.created + counts.updated + counts.deleted + counts.moved;
  const would = cs.dryRun ? ' (dry run: nothing written)' : '';
  if (done === 0) return `✅ Nothing to do: the folder and Confluence are in step${would}`;
  if (cs.mode === 'pull') return `✅ ${plural(done, 'page', 'pages')} brought in from Confluence${would}`;
  if (cs.mode === 'push') return `✅ ${plural(done, 'page', 'pages')} sent to Confluence${would}`;
  return `✅ ${plural(done, 'change', 'changes')} made${would}`;
}

export function toMarkdown(cs: ChangeSet, options: MarkdownOptions = {}): string {
  const level = options.headingLevel ?? 2;
  const h = (extra: number) => '#'.repeat(Math.min(6, level + extra));
  const face = options.face ?? 'action';
  const head: string[] = [
    `${h(0)} ${verdictLine(cs, options.failOnConflict ?? true)}`,
    '',
    `confluence-sync **${cs.mode}**${cs.dryRun ? ' (dry run)' : ''} · space \`${mdCode(cs.spaceKey).slice(1, -1)}\` · ${totalsLine(countChanges(cs))}`,
    '',
    ...(options.intro ?? []).flatMap((l) => [l, '']),
  ];

  const sections: Section[] = [];
  const conflicts = cs.changes.filter(isConflict);
  if (conflicts.length > 0) {
    const title =
      cs.mode === 'check'
        ? `Edited in Confluence since the repository last saw ${conflicts.length === 1 ? 'it' : 'them'} (${conflicts.length})`
        : `Edited on both sides (${conflicts.length})`;
    sections.push({
      title: [`${h(1)} ⚠️ ${title}`, '', `**How to resolve:** ${resolveAdvice(cs.mode, face)}`, ''],
      header: [],
      rows: conflicts.map((c) => conflictBlock(c, options, h(2), true)),
      lite: conflicts.map((c) => conflictBlock(c, options, h(2), false)),
      footer: [],
    });
  }

  const failed = cs.changes.filter((c) => c.outcome === 'failed');
  if (failed.length > 0) {
    sections.push({
      title: [`${h(1)} ❌ Failed (${failed.length})`, ''],
      header: ['| Page | File | Error |', '| --- | --- | --- |'],
      rows: failed.map(
        (c) =>
          `| ${pageCell(c)} | ${fileCell(c, options)} | ${mdCell(c.error ? `${c.error.code} ${c.error.message}` : 'failed')} |`,
      ),
      footer: [''],
    });
  }

  const main = cs.changes.filter((c) => !isConflict(c) && c.outcome !== 'failed' && c.outcome !== 'skipped');
  if (main.length > 0) {
    sections.push({
      title: [`${h(1)} ${mainTitle(cs)} (${main.length})`, ''],
      header: ['| Change | Page | File | Where | Result |', '| --- | --- | --- | --- | --- |'],
      rows: main.map(
        (c) =>
          `| ${whatItDoes(c)} | ${pageCell(c)} | ${fileCell(c, options)} | ${whereCell(c, cs, options)} | ${mdCell(resultOf(c, cs))} |`,
      ),
      footer: [''],
    });
  }

  const folded = cs.changes.filter((c) => c.outcome === 'skipped');
  if (folded.length > 0) {
    const parentFailed = folded.filter((c) => resultOf(c, cs) === 'skipped: parent failed').length;
    const summary = [
      `Not part of this run (${folded.length})`,
      parentFailed > 0 ? `${parentFailed} skipped because the parent failed` : '',
    ]
      .filter(Boolean)
      .join(': ');
    sections.push({
      title: ['<details>', `<summary>${htmlText(summary)}</summary>`, ''],
      header: ['| Change | Page | File | Why not |', '| --- | --- | --- | --- |'],
      rows: folded.map(
        (c) => `| ${whatItDoes(c)} | ${pageCell(c)} | ${fileCell(c, options)} | ${mdCell(resultOf(c, cs))} |`,
      ),
      footer: ['', '</details>', ''],
    });
  }

  if (cs.changes.length === 0) head.push('The folder and Confluence are in step.', '');
  const tail: string[] = [];
  if (cs.warnings && cs.warnings.length > 0) {
    tail.push(`${h(1)} Warnings`, '', ...cs.warnings.map((w) => `- ${mdInline(w)}`), '');
  }
  return fitToBytes(head, sections, tail, options.maxBytes);
}

function mainTitle(cs: ChangeSet): string {
  if (cs.mode === 'check') return 'What merging would do in Confluence';
  if (cs.mode === 'pull') return 'Brought in from Confluence';
  if (cs.mode === 'push') return 'Sent to Confluence';
  return 'Changes';
}

export function isConflict(c: Change): boolean {
  return (
    c.outcome === 'conflict' || (c.kind === 'conflict' && c.outcome !== 'failed' && c.outcome !== 'skipped')
  );
}

/** One conflict: title with link and file, who edited it in Confluence and when, the diff folded. */
function conflictBlock(c: Change, options: MarkdownOptions, h: string, withDiff: boolean): string {
  const edit = c.pageId ? options.remoteEdits?.get(c.pageId) : undefined;
  const file = fileLink(c, options);
  const lines = [`${h} ${mdLink(c.title, c.url)}${file ? ` · ${file}` : ''}`, ''];
  lines.push(whoEdited(c, edit));
  const note = specialNote(c, options.face ?? 'action');
  if (note) lines.push('', mdInline(note));
  if (edit?.diff && withDiff) {
    const fence = fenceFor(edit.diff);
    lines.push(
      '',
      '<details>',
      `<summary>What changed in Confluence (version ${edit.baseVersion} → ${edit.currentVersion}), as Markdown</summary>`,
      '',
      `${fence}diff`,
      edit.diff,
      fence,
      '',
      '</details>',
    );
  } else if (edit?.diff && !withDiff) {
    lines.push('', '_The Confluence-side diff is left out: the report is too long. Open the page history._');
  } else if (edit?.diff === '') {
    lines.push(
      '',
      '_The page text is the same as the version the repository knows (only its metadata changed)._',
    );
  } else if (edit?.note) {
    lines.push('', `_${mdInline(edit.note)}_`);
  }
  lines.push('');
  return lines.join('\n');
}

function whoEdited(c: Change, edit: RemoteEdit | undefined): string {
  const side = c.local === 'changed' || c.local === 'new' ? 'The file changed in the repository; ' : '';
  if (c.remote === 'deleted') return `${side}the page was deleted in Confluence.`;
  if (!edit || edit.edits.length === 0) return `${side}${mdInline(c.reason)}`;
  const people = new Map<string, string>();
  for (const e of edit.edits) people.set(e.by, e.when);
  const who = [...people.entries()].map(([by, when]) => `**${mdInline(by)}** (${utcMinute(when)})`);
  const versions = `version ${edit.baseVersion} → ${edit.currentVersion}`;
  return `${side ? side.replace('; ', '. ') : ''}Edited in Confluence by ${who.join(', ')} · ${versions}, ${plural(edit.edits.length, 'edit', 'edits')}.`;
}

/** "2026-11-21 10:00 UTC" from an ISO time (as given when it is not one). */
function utcMinute(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? mdInline(iso) : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function pageCell(c: Change): string {
  return mdLink(titleText(c), c.url);
}

function titleText(c: Change): string {
  return c.previousTitle && c.previousTitle !== c.title ? `${c.previousTitle} → ${c.title}` : c.title;
}

function pathText(c: Change): string | undefined {
  if (c.previousPath && c.localPath && c.previousPath !== c.localPath)
    return `${c.previousPath} → ${c.localPath}`;
  return c.localPath ?? c.previousPath;
}

function fileLink(c: Change, options: MarkdownOptions): string | undefined {
  const path = pathText(c);
  if (!path) return undefined;
  const target = c.localPath ?? c.previousPath;
  const url = target && c.kind !== 'delete-local' ? options.fileUrl?.(target) : undefined;
  const code = mdCode(path);
  const target2 = safeUrl(url);
  return target2 ? `[${code}](${target2})` : code;
}

function fileCell(c: Change, options: MarkdownOptions): string {
  return fileLink(c, options) ?? '—';
}

/** Where a new or moved page lands: its parent's title ("top level" under the root page). */
function whereCell(c: Change, cs: ChangeSet, options: MarkdownOptions): string {
  if (directionOf(c) !== 'to-confluence' || (c.kind !== 'create-remote' && c.kind !== 'move-remote'))
    return '—';
  const parent = parentTitle(c, cs, options);
  return parent === undefined ? 'top level' : `under ${mdCell(parent)}`;
}

function parentTitle(c: Change, cs: ChangeSet, options: MarkdownOptions): string | undefined {
  if (c.parentPath) {
    return (
      cs.changes.find((x) => x.localPath === c.parentPath)?.title ??
      options.titles?.byPath.get(c.parentPath) ??
      c.parentPath
    );
  }
  if (c.parentId) return options.titles?.byId.get(c.parentId);
  return undefined;
}

interface Section {
  title: string[];
  header: string[];
  rows: string[];
  /** Shorter rows to use before dropping any (conflicts without their diffs). */
  lite?: string[];
  footer: string[];
}

function fitToBytes(
  head: string[],
  sections: Section[],
  tail: string[],
  maxBytes: number | undefined,
): string {
  const render = (keep: number[], lite: boolean, withTail: boolean): string => {
    const lines = [...head];
    sections.forEach((s, i) => {
      const rows = lite && s.lite ? s.lite : s.rows;
      const n = keep[i] ?? 0;
      const left = rows.length - n;
      lines.push(...s.title);
      if (n > 0) lines.push(...s.header, ...rows.slice(0, n));
      if (left > 0)
        lines.push(
          '',
          `… and ${left} more (not shown: the report is too long; the change-set output has them all).`,
        );
      lines.push(...s.footer);
      if (s.footer.length === 0) lines.push('');
    });
    if (withTail) lines.push(...tail);
    return `${lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd()}\n`;
  };
  const full = sections.map((s) => s.rows.length);
  let text = render(full, false, true);
  if (maxBytes === undefined || bytes(text) <= maxBytes) return text;
  text = render(full, true, true);
  if (bytes(text) <= maxBytes) return text;

  // Drop rows from the last section backwards (conflicts come first, so they are kept longest).
  const keep = [...full];
  for (let i = sections.length - 1; i >= 0; i--) {
    let lo = 0;
    let hi = keep[i] ?? 0;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      keep[i] = mid;
      if (bytes(render(keep, true, false)) <= maxBytes) lo = mid;
      else hi = mid - 1;
    }
    keep[i] = lo;
    text = render(keep, true, false);
    if (bytes(text) <= maxBytes) return text;
  }
  const marker = '\n… (truncated)\n';
  const limit = Math.max(0, maxBytes - bytes(marker));
  return (
    Buffer.from(text)
      .subarray(0, limit)
      .toString('utf8')
      .replace(/\uFFFD$/, '') + marker
  );
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
