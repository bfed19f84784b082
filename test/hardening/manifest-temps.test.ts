import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyManifest, loadManifest, saveManifest } from '../../src/sync/state/manifest.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('manifest temp files left by a killed run', () => {
  it('the next save removes those of dead processes and keeps a live writer’s and unrelated files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-temps-'));
    dirs.push(dir);
    const manifest = join(dir, '.confluence-sync.json');
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    const stale = `..confluence-sync.json.${deadPid}.1700000000000.tmp`; // "." + the manifest name
    const live = `..confluence-sync.json.${process.pid}.1700000000001.tmp`;
    const other = '.other.json.1.2.tmp';
    for (const name of [stale, live, other]) writeFileSync(join(dir, name), '{"half": ');

    saveManifest(manifest, emptyManifest('http://127.0.0.1:1/wiki', 'DOCS', '42'));

    const names = readdirSync(dir);
    expect(names).not.toContain(stale);
    expect(names).toContain(live);
    expect(names).toContain(other);
    expect(existsSync(manifest)).toBe(true);
    expect(
      loadManifest(manifest, { confluenceUrl: 'http://127.0.0.1:1/wiki', spaceKey: 'DOCS' }).rootPageId,
    ).toBe('42');
  });
});
