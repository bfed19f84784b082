import { describe, expect, it } from 'vitest';
import { doctorMarkdown, doctorText, isSetupFailure, type DoctorReport } from '../../../src/doctor/index.js';
import { SyncError } from '../../../src/errors.js';

const report: DoctorReport = {
  ok: false,
  checks: [
    {
      id: 'config',
      status: 'ok',
      message: '.confluence-sync.yml, profile "default": space DOCS, docs folder docs',
    },
    {
      id: 'credentials',
      status: 'fail',
      code: 'CS-001',
      message: 'CS-001 Confluence rejected the credentials for ci@example.com at host (401).',
      fix: 'Check CONFLUENCE_API_TOKEN.',
    },
    { id: 'space', status: 'skip', message: 'not checked (an earlier check failed)' },
  ],
};

describe('doctor output', () => {
  it('text: one line per check, the fix under a failure, a closing line', () => {
    expect(doctorText(report).split('\n')).toEqual([
      'ok    config      .confluence-sync.yml, profile "default": space DOCS, docs folder docs',
      'FAIL  credentials CS-001 Confluence rejected the credentials for ci@example.com at host (401).',
      '                  → Check CONFLUENCE_API_TOKEN.',
      'skip  space       not checked (an earlier check failed)',
      '',
      '1 check failed: fix the first one, then run "confluence-sync doctor" again.',
      '',
    ]);
  });

  it('markdown: a table for the job summary, every cell through the given escaper', () => {
    const md = doctorMarkdown(report, (t) => t.replace(/\|/g, '\\|').replace(/@/g, '&#64;'));
    expect(md).toContain(
      '| ❌ | credentials | CS-001 Confluence rejected the credentials for ci&#64;example.com at host (401). | Check CONFLUENCE_API_TOKEN. |',
    );
    expect(md.split('\n')[0]).toBe('| | Check | Found | What to do |');
  });

  it('a setup failure is one the doctor can explain (config, site, credentials, space, manifest)', () => {
    expect(isSetupFailure(new SyncError('CS-001', 'x'))).toBe(true);
    expect(isSetupFailure(new SyncError('CS-020', 'x'))).toBe(true);
    expect(isSetupFailure(new SyncError('CS-040', 'x'))).toBe(false);
    expect(isSetupFailure(new Error('x'))).toBe(false);
  });
});
