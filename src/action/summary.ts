/**
 * The job summary, the PR comment body and the PR body: the report's Markdown of the change set,
 * with links to the files on GitHub, notes from this run (the pull request it opened) and timing,
 * always under the size limit of where it goes (job summary 1 MiB, comment and PR body 65 536 chars).
 */
import { posix } from 'node:path';
import { mdCode, toMarkdown, type MarkdownOptions } from '../report/index.js';
import type { ChangeSet } from '../sync/types.js';
import type { GitHubEnv } from './github-env.js';

/** GitHub rejects a step summary over 1 MiB; keep a margin for what other steps add. */
export const MAX_SUMMARY_BYTES = 1024 * 1024 - 16 * 1024;

export interface SummaryContext {
  /** Profile name, shown when it is not "default" (matrix jobs). */
  profile: string;
  /** Milliseconds the whole step took (config, git, GitHub API included); omitted when unknown. */
  totalMs?: number;
  /** Link to the workflow run, if known. */
  runUrl?: string;
  /** Links file paths to GitHub: `${serverUrl}/${owner}/${repo}/blob/${ref}/` + path. */
  files?: { blobBase: string; localRoot: string };
  /** Lines shown under the report (e.g. "Pull request #12 updated."), already Markdown. */
  notes?: string[];
  /** One line shown under the first line (e.g. what a check means), already Markdown. */
  intro?: string;
  failOnConflict?: boolean;
  remoteEdits?: MarkdownOptions['remoteEdits'];
  titles?: MarkdownOptions['titles'];
}

export function renderReport(cs: ChangeSet, ctx: SummaryContext, maxBytes: number): string {
  const intro = [
    ...(ctx.profile === 'default' ? [] : [`Profile \`${mdCode(ctx.profile).slice(1, -1)}\`.`]),
    ...(ctx.intro ? [ctx.intro] : []),
  ];
  const foot = ['', ...(ctx.notes ?? []).flatMap((n) => [n, '']), `<sub>${timing(cs, ctx)}</sub>`, ''];
  const frame = Buffer.byteLength(foot.join('\n'), 'utf8');
  const files = ctx.files;
  const body = toMarkdown(cs, {
    maxBytes: Math.max(1024, maxBytes - frame - 2),
    headingLevel: 2,
    intro,
    failOnConflict: ctx.failOnConflict ?? true,
    ...(ctx.remoteEdits ? { remoteEdits: ctx.remoteEdits } : {}),
    ...(ctx.titles ? { titles: ctx.titles } : {}),
    ...(files
      ? {
          fileUrl: (path: string) =>
            `${files.blobBase}/${posix.join(files.localRoot, path).split('/').map(encodeURIComponent).join('/')}`,
        }
      : {}),
  });
  return [body.trimEnd(), ...foot].join('\n');
}

/** `https://github.com/owner/repo/blob/<ref>`: file links in reports. */
export function blobBase(gh: GitHubEnv, ref: string): string {
  const encoded = ref.split('/').map(encodeURIComponent).join('/');
  return `${gh.serverUrl}/${gh.repository.owner}/${gh.repository.repo}/blob/${encoded}`;
}

function timing(cs: ChangeSet, ctx: SummaryContext): string {
  const parts = [`Started ${cs.startedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}`];
  if (ctx.totalMs !== undefined) parts.push(`whole step ${seconds(ctx.totalMs)}`);
  if (ctx.runUrl) parts.push(`[workflow run](${ctx.runUrl})`);
  return parts.join(' · ');
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
