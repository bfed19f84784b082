import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { check } from '../../../scripts/check-cycles.js';

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

function fixture(files: Record<string, string>): string {
  root = mkdtempSync(join(tmpdir(), 'cycles-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('scripts/check-cycles', () => {
  it('passes a tree whose arrows all point down', () => {
    const dir = fixture({
      'cli/main.ts': "import { runSync } from '../sync/engine.js';\n",
      'sync/engine.ts': "import { plan } from './plan/index.js';\nimport type { X } from './types.js';\n",
      'sync/plan/index.ts': "export { plan } from './plan.js';\n",
      'sync/plan/plan.ts': "import { load } from '../state/manifest.js';\nexport const plan = load;\n",
      'sync/state/manifest.ts':
        "import { SyncError } from '../../errors.js';\nexport const load = SyncError;\n",
      'sync/types.ts': 'export type X = number;\n',
      'errors.ts': 'export class SyncError {}\n',
    });
    expect(check(dir)).toEqual([]);
  });

  it('finds a cycle, type-only imports included', () => {
    const dir = fixture({
      'sync/apply/a.ts': "import { b } from './b.js';\n",
      'sync/apply/b.ts': "import type { c } from './c.js';\n",
      'sync/apply/c.ts': "export { a } from './a.js';\n",
    });
    const findings = check(dir);
    expect(findings.map((f) => f.kind)).toEqual(['cycle']);
    expect(findings[0]!.message).toContain('sync/apply/a.ts');
  });

  it('finds an upward import inside sync and between layers', () => {
    const dir = fixture({
      'sync/state/scan.ts': "import { isActionable } from '../apply/queue.js';\n",
      'sync/apply/queue.ts': 'export const isActionable = 1;\n',
      'config/load.ts': "import type { ChangeSet } from '../sync/types.js';\n",
      'sync/types.ts': 'export type ChangeSet = number;\n',
    });
    expect(check(dir).map((f) => [f.kind, f.message.split(':')[0]])).toEqual([
      ['upward', 'config/load.ts imports sync/types.ts'],
      ['upward', 'sync/state/scan.ts imports sync/apply/queue.ts'],
    ]);
  });

  it('finds an import between rooms on the same floor', () => {
    const dir = fixture({
      'convert/index.ts': "import { client } from '../confluence/client.js';\n",
      'confluence/client.ts': 'export const client = 1;\n',
    });
    expect(check(dir).map((f) => f.kind)).toEqual(['sideways']);
  });

  it('finds a sync/ module that touches node:fs outside docs-fs', () => {
    const dir = fixture({
      'sync/state/docs-fs.ts': "export { readFile } from 'node:fs/promises';\n",
      'sync/state/scan.ts': "import { readFile } from './docs-fs.js';\nexport const scan = readFile;\n",
      'sync/apply/local.ts': "import { rename } from 'node:fs/promises';\nexport const move = rename;\n",
    });
    expect(check(dir).map((f) => [f.kind, f.message.split(':')[0]])).toEqual([
      ['fs', 'sync/apply/local.ts imports node'],
    ]);
  });
});
