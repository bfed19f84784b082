/** Doctor results for people: one line per check in a terminal, a table in a job summary. */
import type { DoctorCheck, DoctorReport } from './types.js';

const MARK: Record<DoctorCheck['status'], string> = { ok: 'ok  ', fail: 'FAIL', warn: 'warn', skip: 'skip' };
const WIDTH = 12;

export function doctorText(report: DoctorReport): string {
  const lines = report.checks.map((c) => {
    const head = `${MARK[c.status]}  ${c.id.padEnd(WIDTH)}${c.message}`;
    return c.fix && (c.status === 'fail' || c.status === 'warn')
      ? `${head}\n${' '.repeat(6 + WIDTH)}→ ${c.fix}`
      : head;
  });
  const failed = report.checks.filter((c) => c.status === 'fail').length;
  lines.push('');
  lines.push(
    failed === 0
      ? 'All checks passed: try "confluence-sync status".'
      : `${failed} check${failed === 1 ? '' : 's'} failed: fix the first one, then run "confluence-sync doctor" again.`,
  );
  return `${lines.join('\n')}\n`;
}

export function doctorMarkdown(report: DoctorReport, escape: (text: string) => string = (t) => t): string {
  const icon: Record<DoctorCheck['status'], string> = { ok: '✅', fail: '❌', warn: '⚠️', skip: '⏭️' };
  const rows = report.checks.map(
    (c) => `| ${icon[c.status]} | ${c.id} | ${escape(c.message)} | ${c.fix ? escape(c.fix) : ''} |`,
  );
  return ['| | Check | Found | What to do |', '| --- | --- | --- | --- |', ...rows, ''].join('\n');
}
