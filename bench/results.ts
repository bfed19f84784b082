/**
 * What a benchmark run reports: one row per measured claim (figures, the goal, met or not) plus the raw
 * figures, written as bench/results.json and bench/results.md and printed as a table.
 */
import { cpus, loadavg, totalmem } from 'node:os';

export interface Row {
  scenario: string;
  /** The measured figures, for people ("6 requests, 0.21 s"). */
  figures: string;
  /** The goal in words; "" when the row only reports. */
  goal: string;
  /** true / false when there is a goal; null for rows that only report. */
  met: boolean | null;
}

export interface Machine {
  nproc: number;
  cpu: string;
  node: string;
  platform: string;
  memoryGiB: number;
  /** 1-minute load average at the start and the end: other work on the machine skews wall times. */
  loadStart: number;
  loadEnd?: number;
}

export interface Results {
  startedAt: string;
  command: string;
  quick: boolean;
  machine: Machine;
  durationSeconds?: number;
  rows: Row[];
  /** Every raw figure, by scenario. */
  raw: Record<string, unknown>;
  /** Longer output kept verbatim in results.md (e.g. the converter's own table). */
  appendix?: { title: string; body: string }[];
}

export function machine(): Machine {
  return {
    nproc: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadStart: round(loadavg()[0] ?? 0, 2),
  };
}

export function seconds(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`;
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function thousands(n: number): string {
  return n.toLocaleString('en-US');
}

export function markdownTable(rows: readonly Row[]): string {
  const lines = ['| Scenario | Measured | Goal | Met |', '| --- | --- | --- | --- |'];
  for (const r of rows) {
    const met = r.met === null ? '' : r.met ? 'yes' : '**no**';
    lines.push(`| ${cell(r.scenario)} | ${cell(r.figures)} | ${cell(r.goal)} | ${met} |`);
  }
  return `${lines.join('\n')}\n`;
}

export function machineLine(m: Machine): string {
  const load = m.loadEnd === undefined ? `${m.loadStart}` : `${m.loadStart} → ${m.loadEnd}`;
  return `${m.nproc} × ${m.cpu}, ${m.memoryGiB} GiB, Node ${m.node} (${m.platform}); 1-min load average ${load}`;
}

export function resultsMarkdown(results: Results): string {
  return [
    '# Benchmark results',
    '',
    `Run \`${results.command}\` at ${results.startedAt}${results.quick ? ' (quick mode: smaller trees)' : ''}, ` +
      `${results.durationSeconds === undefined ? '' : `took ${results.durationSeconds} s in all`}.`,
    '',
    `Machine: ${machineLine(results.machine)}.`,
    '',
    markdownTable(results.rows),
    'Every figure was measured in this run against the local Confluence emulator (test/emulator) in the same ' +
      'process tree; every ratio was computed from figures of this run. Raw figures: `bench/results.json`.',
    '',
    ...(results.appendix ?? []).flatMap((a) => [`## ${a.title}`, '', a.body, '']),
  ].join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
