import { describe, expect, it } from 'vitest';
import { createProgress } from '../../../src/cli/progress.js';

const sink = () => {
  const chunks: string[] = [];
  return { chunks, write: (t: string) => void chunks.push(t) };
};

describe('progress', () => {
  it('prints plain lines when not on a terminal, skipping "started" events', () => {
    const out = sink();
    const p = createProgress(out, false);
    p.update({ phase: 'list', done: 0, total: 1 });
    p.update({ phase: 'list', done: 1, total: 1, message: '12 pages' });
    p.update({ phase: 'apply', done: 1, total: 3, message: 'Guide' });
    p.done();
    expect(out.chunks.join('')).toBe('list 1/1 12 pages\napply 1/3 Guide\n');
  });

  it('redraws one bar on a terminal and clears it at the end', () => {
    const out = sink();
    const p = createProgress(out, true);
    p.update({ phase: 'apply', done: 1, total: 2, message: 'A' });
    p.update({ phase: 'apply', done: 2, total: 2, message: 'B' });
    p.done();
    expect(out.chunks).toHaveLength(3);
    expect(out.chunks[0]).toMatch(/^\r\x1b\[2Kapply █{12}░{12} 1\/2 A$/);
    expect(out.chunks[1]).toMatch(/█{24} 2\/2 B$/);
    expect(out.chunks[2]).toBe('\r\x1b[2K');
    expect(out.chunks.join('')).not.toContain('\n');
  });
});
