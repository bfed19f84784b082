import { describe, expect, it } from 'vitest';
import { hasConflictMarkers, mergeMarkdown } from '../../../src/sync/apply/merge.js';

const base = [
  '# Guide',
  '',
  'Intro paragraph.',
  '',
  '## Setup',
  '',
  'Run the installer.',
  '',
  '## Use',
  '',
  'Open the app.',
  '',
].join('\n');

describe('mergeMarkdown', () => {
  it('merges edits to different paragraphs from both sides', () => {
    const local = base.replace('Intro paragraph.', 'Intro paragraph, edited in git.');
    const remote = base.replace('Open the app.', 'Open the app from the menu.');
    const result = mergeMarkdown(base, local, remote);
    expect(result.clean).toBe(true);
    expect(result.conflicts).toBe(0);
    expect(result.text).toContain('Intro paragraph, edited in git.');
    expect(result.text).toContain('Open the app from the menu.');
    expect(hasConflictMarkers(result.text)).toBe(false);
  });

  it('takes an edit made on one side only', () => {
    const remote = base.replace('Run the installer.', 'Run the new installer.');
    expect(mergeMarkdown(base, base, remote)).toEqual({ clean: true, text: remote, conflicts: 0 });
    expect(mergeMarkdown(base, remote, base)).toEqual({ clean: true, text: remote, conflicts: 0 });
  });

  it('treats the same edit on both sides as no conflict', () => {
    const both = base.replace('Open the app.', 'Open it.');
    expect(mergeMarkdown(base, both, both)).toEqual({ clean: true, text: both, conflicts: 0 });
  });

  it('marks overlapping edits with git-style markers, local first', () => {
    const local = base.replace('Run the installer.', 'Run the installer as admin.');
    const remote = base.replace('Run the installer.', 'Run setup.exe.');
    const result = mergeMarkdown(base, local, remote);
    expect(result.clean).toBe(false);
    expect(result.conflicts).toBe(1);
    expect(result.text).toContain(
      [
        '<<<<<<< local',
        'Run the installer as admin.',
        '=======',
        'Run setup.exe.',
        '>>>>>>> confluence',
      ].join('\n'),
    );
    expect(result.text.startsWith('# Guide\n\nIntro paragraph.')).toBe(true);
    expect(hasConflictMarkers(result.text)).toBe(true);
  });

  it('counts each overlapping region', () => {
    const local = base.replace('Intro paragraph.', 'A').replace('Open the app.', 'B');
    const remote = base.replace('Intro paragraph.', 'C').replace('Open the app.', 'D');
    expect(mergeMarkdown(base, local, remote).conflicts).toBe(2);
  });

  it('keeps Windows line endings of the local file', () => {
    const crlf = (s: string) => s.replace(/\n/g, '\r\n');
    const local = crlf(base.replace('Intro paragraph.', 'Intro.'));
    const remote = base.replace('Open the app.', 'Open.');
    const result = mergeMarkdown(base, local, remote);
    expect(result.clean).toBe(true);
    expect(result.text).toBe(
      crlf(base.replace('Intro paragraph.', 'Intro.').replace('Open the app.', 'Open.')),
    );
  });
});

describe('hasConflictMarkers', () => {
  it('needs all three marker lines at the start of a line', () => {
    expect(hasConflictMarkers('<<<<<<< local\na\n=======\nb\n>>>>>>> confluence\n')).toBe(true);
    expect(hasConflictMarkers('text with <<<<<<< inside\n=======\n>>>>>>> x')).toBe(false);
    expect(hasConflictMarkers('Heading\n=======\n')).toBe(false);
    expect(hasConflictMarkers('<<<<<<< HEAD\r\na\r\n=======\r\nb\r\n>>>>>>> other\r\n')).toBe(true);
  });
});
