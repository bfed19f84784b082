/**
 * The last line of defence against symlinks (the scan refuses them too): apply never reads a file,
 * nor writes into a folder, that resolves outside localRoot.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localFileExists, writeLocal, type ApplyEnv } from '../../../src/sync/apply/env.js';
import { SyncError } from '../../../src/errors.js';

let base: string;
let env: ApplyEnv;
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'cs-env-'));
  mkdirSync(join(base, 'repo', 'docs', 'images'), { recursive: true });
  mkdirSync(join(base, 'outside'));
  writeFileSync(join(base, 'outside', 'secret.png'), 'OUTSIDE');
  writeFileSync(join(base, 'repo', 'docs', 'images', 'real.png'), 'inside');
  symlinkSync(join(base, 'outside', 'secret.png'), join(base, 'repo', 'docs', 'images', 'link.png'));
  symlinkSync(join(base, 'repo', 'docs', 'images', 'real.png'), join(base, 'repo', 'docs', 'alias.png'));
  symlinkSync(join(base, 'outside'), join(base, 'repo', 'docs', 'linked-dir'));
  // Only the fields these helpers read.
  env = { rootAbs: join(base, 'repo', 'docs'), config: { cwd: join(base, 'repo') } } as unknown as ApplyEnv;
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

describe('localFileExists', () => {
  it('sees real files and symlinks that stay inside, not symlinks out, folders or missing files', () => {
    const exists = localFileExists(env);
    expect(exists('images/real.png')).toBe(true);
    expect(exists('alias.png')).toBe(true);
    expect(exists('images/link.png')).toBe(false);
    expect(exists('linked-dir/secret.png')).toBe(false);
    expect(exists('images')).toBe(false);
    expect(exists('images/missing.png')).toBe(false);
  });
});

describe('writeLocal', () => {
  it('writes inside localRoot, creating folders', async () => {
    await writeLocal(env, 'new/deep/page.md', 'text');
    expect(readdirSync(join(base, 'repo', 'docs', 'new', 'deep'))).toEqual(['page.md']);
  });

  it('refuses to write through a symlinked folder that leaves localRoot (CS-041)', async () => {
    const error = await writeLocal(env, 'linked-dir/sub/page.md', 'text').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).code).toBe('CS-041');
    expect(readdirSync(join(base, 'outside'))).toEqual(['secret.png']);
  });
});
