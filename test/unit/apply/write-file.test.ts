import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeFileAndEmptyDirs, writeFileAtomic } from '../../../src/sync/state/docs-fs.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cs-write-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('creates folders, replaces the file whole and leaves no temp file behind', async () => {
    const file = join(root, 'a', 'b', 'page.md');
    await writeFileAtomic(file, 'first');
    await writeFileAtomic(file, new TextEncoder().encode('second'));
    expect(readFileSync(file, 'utf8')).toBe('second');
    expect(readdirSync(join(root, 'a', 'b'))).toEqual(['page.md']);
  });

  it('works for a name that already uses the 255 bytes a file name can have', async () => {
    const file = join(root, `${'x'.repeat(252)}.md`);
    await writeFileAtomic(file, 'long');
    expect(readFileSync(file, 'utf8')).toBe('long');
  });
});

describe('removeFileAndEmptyDirs', () => {
  it('removes the file and the folders it leaves empty, never the root or a folder still in use', async () => {
    mkdirSync(join(root, 'docs', 'a', 'b'), { recursive: true });
    writeFileSync(join(root, 'docs', 'a', 'b', 'page.md'), 'x');
    writeFileSync(join(root, 'docs', 'keep.md'), 'x');
    await removeFileAndEmptyDirs(join(root, 'docs', 'a', 'b', 'page.md'), join(root, 'docs'));
    expect(existsSync(join(root, 'docs', 'a'))).toBe(false);
    expect(readdirSync(join(root, 'docs'))).toEqual(['keep.md']);

    mkdirSync(join(root, 'docs', 'c'));
    writeFileSync(join(root, 'docs', 'c', 'only.md'), 'x');
    rmSync(join(root, 'docs', 'keep.md'));
    await removeFileAndEmptyDirs(join(root, 'docs', 'c', 'only.md'), join(root, 'docs'));
    expect(existsSync(join(root, 'docs'))).toBe(true);
    expect(readdirSync(join(root, 'docs'))).toEqual([]);
  });
});
