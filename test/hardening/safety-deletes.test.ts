/**
 * Safety, part 2 (issue 11 items 6 and 7): never delete on doubt. A missing, mistyped or unreadable docs
 * folder is an error, not "everything was deleted"; a run that would remove most tracked pages needs
 * --allow-mass-delete; a page absent from a listing is removed locally only when Confluence confirms by id.
 */
import type { ContentTree } from '../../src/confluence/types.js';
import { chmodSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expectNothingChanged, expectRefused, intercept, stopWorlds } from './catalogue.js';
import { changeFor, changesOf, cleanupSandboxes, runCliUnprivileged, sandboxWorld } from './sandbox.js';

afterEach(async () => {
  await stopWorlds();
  cleanupSandboxes();
});

const SIX = {
  'docs/a.md': '# A\n\na\n',
  'docs/b.md': '# B\n\nb\n',
  'docs/c.md': '# C\n\nc\n',
  'docs/guide/index.md': '# Guide\n\ng\n',
  'docs/guide/d.md': '# D\n\nd\n',
  'docs/guide/e.md': '# E\n\ne\n',
};

describe('6. a missing or unreadable localRoot deletes nothing', () => {
  it.each(['delete', 'keep', 'archive'])(
    'docs renamed (git mv docs documentation), onLocalDelete %s → CS-023 naming the folder and localRoot',
    async (onLocalDelete) => {
      const { w, cli, outside } = await sandboxWorld({ files: SIX, config: { onLocalDelete }, pushed: true });
      renameSync(join(w.repo.dir, 'docs'), join(w.repo.dir, 'documentation'));
      const before = w.snapshot();
      const around = outside();
      for (const command of ['push', 'sync', 'status', 'pull']) {
        expectRefused(await cli([command]), 'CS-023', /"docs".*localRoot|localRoot.*"docs"/);
      }
      expect(w.site.tree()).toHaveLength(6);
      expect(outside()).toEqual(around);
      expectNothingChanged(w, before);
    },
  );

  it('a typo in localRoot → CS-023, no page trashed or detached', async () => {
    const { w, cli } = await sandboxWorld({ files: SIX, config: { onLocalDelete: 'delete' }, pushed: true });
    w.repo.writeConfig({ ...w.site.config, localRoot: 'dcos', onLocalDelete: 'delete' });
    const before = w.snapshot();
    expectRefused(await cli(['push']), 'CS-023', /dcos/);
    expectNothingChanged(w, before);
  });

  it('an unreadable folder → CS-024 before any write, no page trashed', async () => {
    const { w, sandbox } = await sandboxWorld({
      files: SIX,
      config: { onLocalDelete: 'delete' },
      pushed: true,
    });
    w.repo.write('docs/a.md', '# A\n\nEdited: must not be pushed in a run that cannot see every file.\n');
    const before = w.snapshot();
    chmodSync(join(w.repo.dir, 'docs/guide'), 0o000);
    try {
      for (const command of ['push', 'sync']) {
        const run = await runCliUnprivileged([command], { cwd: w.repo.dir, env: w.site.env, sandbox });
        expectRefused(run, 'CS-024', /guide/);
      }
    } finally {
      chmodSync(join(w.repo.dir, 'docs/guide'), 0o755);
    }
    expect(w.site.tree()).toHaveLength(6);
    expectNothingChanged(w, before);
  });

  it.each(['delete', 'keep'])(
    'onLocalDelete %s: removing 4 of 6 tracked files is refused (CS-049) unless --allow-mass-delete',
    async (onLocalDelete) => {
      const { w, cli, outside } = await sandboxWorld({ files: SIX, config: { onLocalDelete }, pushed: true });
      for (const f of ['docs/a.md', 'docs/b.md', 'docs/c.md', 'docs/guide/e.md']) w.repo.remove(f);
      // Fewer than five would pass; four of six is more than half but under the floor of five.
      const small = await cli(['status']);
      expect(small.code, small.stderr).toBe(0);
      w.repo.remove('docs/guide/d.md');
      const before = w.snapshot();
      const around = outside();
      for (const command of ['push', 'sync', 'status']) {
        expectRefused(await cli([command]), 'CS-049', /5 of the 6 tracked pages/);
      }
      expectNothingChanged(w, before);
      expect(outside()).toEqual(around);
      const allowed = await cli(['push', '--allow-mass-delete', '--json']);
      expect(allowed.code, allowed.stderr).toBe(0);
      const removed = changesOf(allowed).filter((c) => c.outcome === 'applied');
      expect(removed).toHaveLength(5);
      expect(w.site.tree()).toHaveLength(onLocalDelete === 'delete' ? 1 : 6);
    },
  );
});

describe('6b. manifest entries that name neither a page nor a file do not dilute the share', () => {
  it('8 made-up entries padded in, 5 of 6 real files removed: still refused (CS-049)', async () => {
    const { w, cli } = await sandboxWorld({ files: SIX, config: { onLocalDelete: 'delete' }, pushed: true });
    const manifest = JSON.parse(w.repo.read('.confluence-sync.json')) as {
      pages: Record<string, Record<string, unknown>>;
    };
    const real = Object.values(manifest.pages)[0]!;
    for (let i = 0; i < 8; i++)
      manifest.pages[`99000${i}`] = {
        ...real,
        id: `99000${i}`,
        title: `Ghost ${i}`,
        localPath: `ghost-${i}.md`,
      };
    w.repo.write('.confluence-sync.json', JSON.stringify(manifest, null, 2));
    for (const f of ['docs/a.md', 'docs/b.md', 'docs/c.md', 'docs/guide/e.md', 'docs/guide/d.md'])
      w.repo.remove(f);
    expectRefused(await cli(['push']), 'CS-049', /5 of the 6 tracked pages/);
    expect(w.site.tree()).toHaveLength(6);
  });
});

/** The listed tree without one page: what a partial listing looks like. */
function without(tree: ContentTree, id: string): ContentTree {
  return { pages: tree.pages.filter((p) => p.id !== id), others: tree.others };
}

describe('7. a page is gone remotely only when Confluence confirms it by id', () => {
  it('a page missing from a partial listing keeps its file: CS-035 for that page, exit 1', async () => {
    const { w, sandbox } = await sandboxWorld({ files: SIX, pushed: true });
    const b = w.site.byTitle('B');
    const before = w.snapshot();
    const run = await w.cliWith(['pull', '--json'], (base) =>
      intercept(base, {
        // As a Data Center listing does when a page is trashed between two offset requests.
        listContentTree: async (space, root, options) =>
          without(await base.listContentTree(space, root, options), b.id),
      }),
    );
    expect(run.code, run.stderr).toBe(1);
    const change = changeFor(run, 'B');
    expect(change.outcome).toBe('failed');
    expect(change.error?.code).toBe('CS-035');
    expect(w.repo.read('docs/b.md')).toBe('# B\n\nb\n');
    expect(w.repo.manifest().pages[b.id]).toBeDefined();
    expectNothingChanged(w, before, { writes: false });
    expect(sandbox.dir).toBeTruthy();
  });

  it('a page whose lookup fails (5xx) is not deleted either', async () => {
    const { w } = await sandboxWorld({ files: SIX, pushed: true });
    const b = w.site.byTitle('B');
    const run = await w.cliWith(['pull', '--json'], (base) =>
      intercept(base, {
        listContentTree: async (space, root, options) =>
          without(await base.listContentTree(space, root, options), b.id),
        getPage: async (id, version) => {
          if (id === b.id) throw Object.assign(new Error('server fell over'), { code: 'EBOOM' });
          return base.getPage(id, version);
        },
      }),
    );
    expect(run.code).toBe(1);
    expect(changeFor(run, 'B').error?.code).toBe('CS-035');
    expect(w.repo.exists('docs/b.md')).toBe(true);
  });

  it('a page really trashed in Confluence is removed locally (the positive evidence)', async () => {
    const { w, cli, outside } = await sandboxWorld({ files: SIX, pushed: true });
    const b = w.site.byTitle('B');
    w.site.emulator.deletePage(b.id);
    const around = outside();
    const run = await cli(['pull', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(changeFor(run, 'B')).toMatchObject({ kind: 'delete-local', outcome: 'applied' });
    expect(w.repo.exists('docs/b.md')).toBe(false);
    expect(outside()).toEqual(around);
  });
});
