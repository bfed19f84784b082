/**
 * Safety, part 3 (issue 11 items 3, 5, 8, 9): nobody's edit is lost, status and check predict what push
 * does, and pathological input fails one page with a clear code while the run goes on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { expectNothingChanged, intercept, stopWorlds } from './catalogue.js';
import { changeFor, cleanupSandboxes, sandboxWorld } from './sandbox.js';
import { normalizeStorageForm1 } from '../../src/convert/index.js';
import { REMOTE_HASH_FORM, remoteHashOf, sha256 } from '../../src/sync/apply/env.js';

afterEach(async () => {
  await stopWorlds();
  cleanupSandboxes();
});

describe('3. a manifest version bumped by hand does not hide a Confluence edit (body hash, or without one the version author)', () => {
  type Raw = {
    version: number;
    pages: Record<string, { version: number; remoteHash?: string; kind?: string }>;
  };
  const tamper = (w: Awaited<ReturnType<typeof sandboxWorld>>['w'], edit: (m: Raw) => void) => {
    const manifest = JSON.parse(w.repo.read('.confluence-sync.json')) as Raw;
    edit(manifest);
    w.repo.write('.confluence-sync.json', JSON.stringify(manifest, null, 2));
  };

  it.each([
    // The pull request: a local edit, and the manifest's version bumped to the current one.
    ['the hash kept', (_m: Raw, _id: string) => undefined],
    ['the hash removed', (m: Raw, id: string) => delete m.pages[id]!.remoteHash],
    [
      'the manifest declared schema 3 (no hashes)',
      (m: Raw) => {
        m.version = 3;
        for (const p of Object.values(m.pages)) delete p.kind;
      },
    ],
  ])('%s and the version bumped: check exits 2, push leaves the Confluence edit', async (_name, strip) => {
    const { w, cli } = await sandboxWorld({ pushed: true });
    const beta = w.site.byTitle('Beta');
    w.site.emulator.editPage(beta.id, { body: '<p>Edited in Confluence by a colleague.</p>' });
    const current = w.site.byTitle('Beta').version;
    w.repo.write('docs/guide/beta.md', '# Beta\n\nLocal edit that would overwrite the colleague.\n');
    tamper(w, (m) => {
      m.pages[beta.id]!.version = current;
      strip(m, beta.id);
    });
    const check = await cli(['check']);
    expect(check.code, check.stdout).toBe(2);
    const push = await cli(['push', '--json']);
    expect(push.code, push.stdout).toBe(2);
    expect(changeFor(push, 'Beta').outcome).toBe('conflict');
    expect(w.site.byTitle('Beta').body).toContain('Edited in Confluence by a colleague.');
  });

  it('a record without a hash whose newest version this tool wrote: the push goes ahead', async () => {
    const { w, cli } = await sandboxWorld({ pushed: true });
    const beta = w.site.byTitle('Beta');
    w.repo.write('docs/guide/beta.md', '# Beta\n\nA first local edit (version 2, written by the tool).\n');
    expect((await cli(['push'])).code).toBe(0);
    expect(w.site.byTitle('Beta').version).toBe(2);
    tamper(w, (m) => delete m.pages[beta.id]!.remoteHash);
    w.repo.write('docs/guide/beta.md', '# Beta\n\nA plain local edit.\n');
    const push = await cli(['push', '--json']);
    expect(push.code, push.stdout).toBe(0);
    expect(w.site.byTitle('Beta').body).toContain('A plain local edit.');
  });
});

describe('3b. a record that cannot vouch for its version: a way out, and no false alarm after an upgrade', () => {
  type Raw = { hashForm?: number; pages: Record<string, { remoteHash?: string }> };
  const edit = (w: Awaited<ReturnType<typeof sandboxWorld>>['w'], change: (m: Raw) => void) => {
    const manifest = JSON.parse(w.repo.read('.confluence-sync.json')) as Raw;
    change(manifest);
    w.repo.write('.confluence-sync.json', JSON.stringify(manifest, null, 2));
  };

  it.each([
    ['another hash', (m: Raw, id: string) => void (m.pages[id]!.remoteHash = 'a'.repeat(64))],
    ['no hash', (m: Raw, id: string) => delete m.pages[id]!.remoteHash],
  ])(
    'with %s after a pulled Confluence edit: the conflict names the way out, and both strategies take it',
    async (_name, strip) => {
      const { w, cli } = await sandboxWorld({ pushed: true });
      const beta = w.site.byTitle('Beta');
      w.site.emulator.editPage(beta.id, { body: '<p>Edited in Confluence by a colleague.</p>' });
      expect((await cli(['pull'])).code).toBe(0);
      edit(w, (m) => strip(m, beta.id));
      w.repo.write('docs/guide/beta.md', '# Beta\n\nLocal edit.\n');

      for (const args of [['push'], ['sync', '--strategy', 'merge']]) {
        const run = await cli([...args, '--json']);
        expect(run.code, run.stdout).toBe(2);
        expect(changeFor(run, 'Beta').conflict?.detail).toMatch(
          /push with --strategy local-first; to keep the page, run sync with --strategy remote-first/,
        );
      }
      expect(w.site.byTitle('Beta').body).toContain('Edited in Confluence by a colleague.');

      const taken = await cli(['sync', '--strategy', 'remote-first']);
      expect(taken.code, taken.stdout).toBe(0);
      expect(w.repo.read('docs/guide/beta.md')).toContain('Edited in Confluence by a colleague.');

      edit(w, (m) => strip(m, beta.id));
      w.repo.write('docs/guide/beta.md', '# Beta\n\nLocal edit, kept on purpose.\n');
      const kept = await cli(['push', '--strategy', 'local-first']);
      expect(kept.code, kept.stdout).toBe(0);
      expect(w.site.byTitle('Beta').body).toContain('Local edit, kept on purpose.');
      expect((await cli(['push'])).code).toBe(0);
    },
  );

  it('hashes recorded by a newer release are not read as Confluence edits', async () => {
    const { w, cli } = await sandboxWorld({ pushed: true });
    const beta = w.site.byTitle('Beta');
    // Every hash is "wrong" for this release's form; the newest versions were written by the tool.
    edit(w, (m) => {
      m.hashForm = REMOTE_HASH_FORM + 1;
      for (const page of Object.values(m.pages)) if (page.remoteHash) page.remoteHash = 'b'.repeat(64);
    });
    w.repo.write('docs/guide/beta.md', '# Beta\n\nA plain local edit.\n');
    const push = await cli(['push']);
    expect(push.code, push.stdout).toBe(0);
    expect(w.site.byTitle('Beta').body).toContain('A plain local edit.');
    const manifest = JSON.parse(w.repo.read('.confluence-sync.json')) as Raw;
    expect(manifest.hashForm).toBe(REMOTE_HASH_FORM);
    expect(manifest.pages[beta.id]!.remoteHash).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.pages[beta.id]!.remoteHash).not.toBe('b'.repeat(64));
  });

  // Form 1 (no `hashForm`): the manifests of releases before the page-link-title form (2). A page a
  // colleague edited in Confluence and the last release pulled: its version is a person's, so only its
  // body hash (form 1) vouches for it.
  const TITLE_LINK =
    '<ac:link><ri:page ri:content-title="Alpha"/><ac:plain-text-link-body><![CDATA[Alpha]]></ac:plain-text-link-body></ac:link>';
  const formOne = async () => {
    const { w, cli } = await sandboxWorld({ pushed: true });
    const beta = w.site.byTitle('Beta');
    w.site.emulator.editPage(beta.id, { body: `<p>Colleague's text, see ${TITLE_LINK}.</p>` });
    expect((await cli(['pull'])).code).toBe(0);
    const body = w.site.byTitle('Beta').body;
    expect(remoteHashOf(body)).not.toBe(sha256(normalizeStorageForm1(body)));
    edit(w, (m) => {
      delete m.hashForm;
      m.pages[beta.id]!.remoteHash = sha256(normalizeStorageForm1(body));
    });
    return { w, cli, beta };
  };

  it('after an upgrade, a pulled page edited locally pushes without a false conflict', async () => {
    const { w, cli, beta } = await formOne();
    w.repo.write('docs/guide/beta.md', '# Beta\n\nA plain local edit after the upgrade.\n');
    const push = await cli(['push', '--json']);
    expect(push.code, push.stdout).toBe(0);
    expect(w.site.byTitle('Beta').body).toContain('A plain local edit after the upgrade.');
    const manifest = JSON.parse(w.repo.read('.confluence-sync.json')) as Raw;
    expect(manifest.hashForm).toBe(REMOTE_HASH_FORM);
    expect(manifest.pages[beta.id]!.remoteHash).toBe(remoteHashOf(w.site.byTitle('Beta').body));
  });

  it('after an upgrade, a form-1 hash still catches a Confluence edit behind a version edited in the manifest', async () => {
    const { w, cli, beta } = await formOne();
    // a colleague edits again; a pull request bumps the manifest's version to hide it
    const { version } = w.site.emulator.editPage(beta.id, { body: '<p>Second colleague edit.</p>' });
    edit(w, (m) => void ((m.pages[beta.id] as { version?: number }).version = version));
    w.repo.write('docs/guide/beta.md', '# Beta\n\nLocal edit.\n');
    const push = await cli(['push', '--json']);
    expect(push.code, push.stdout).toBe(2);
    expect(w.site.byTitle('Beta').body).toContain('Second colleague edit.');
  });
});

describe('5. a file edited during the run is never overwritten or removed', () => {
  it('pull: an edit saved after the scan stays; the page is a conflict', async () => {
    const { w } = await sandboxWorld({ pushed: true });
    const alpha = w.site.byTitle('Alpha');
    w.site.emulator.editPage(alpha.id, { body: '<p>Confluence text.</p>' });
    const run = await w.cliWith(['pull', '--json'], (base) =>
      intercept(base, {
        getPages: async (ids) => {
          const pages = await base.getPages(ids);
          w.repo.write('docs/alpha.md', '# Alpha\n\nSaved by a person while the pull was running.\n');
          return pages;
        },
        getPage: async (id, version) => {
          const page = await base.getPage(id, version);
          w.repo.write('docs/alpha.md', '# Alpha\n\nSaved by a person while the pull was running.\n');
          return page;
        },
      }),
    );
    expect(run.code, run.stderr).toBe(2);
    expect(changeFor(run, 'Alpha').outcome).toBe('conflict');
    expect(w.repo.read('docs/alpha.md')).toContain('Saved by a person while the pull was running.');
  });

  it('pull: a file edited during the run is not removed when its page was trashed', async () => {
    const { w } = await sandboxWorld({ pushed: true });
    const alpha = w.site.byTitle('Alpha');
    w.site.emulator.deletePage(alpha.id);
    const run = await w.cliWith(['pull', '--json'], (base) =>
      intercept(base, {
        listContentTree: async (space, root, options) => {
          const tree = await base.listContentTree(space, root, options);
          w.repo.write('docs/alpha.md', '# Alpha\n\nEdited while the pull was running.\n');
          return tree;
        },
      }),
    );
    expect(run.code, run.stderr).toBe(2);
    expect(changeFor(run, 'Alpha').outcome).toBe('conflict');
    expect(w.repo.read('docs/alpha.md')).toContain('Edited while the pull was running.');
  });
  it('sync --strategy merge: an edit saved during the run is not merged over; Confluence is not written', async () => {
    const { w, cli } = await sandboxWorld({ pushed: true });
    w.repo.write('docs/alpha.md', '# Alpha\n\nFirst paragraph.\n\nMiddle paragraph.\n\nLast paragraph.\n');
    expect((await cli(['push'])).code).toBe(0);
    const alpha = w.site.byTitle('Alpha');
    w.site.emulator.editPage(alpha.id, {
      body: alpha.body.replace('First paragraph.', 'First paragraph, edited in Confluence.'),
    });
    const remoteBefore = w.site.byTitle('Alpha');
    w.repo.write(
      'docs/alpha.md',
      '# Alpha\n\nFirst paragraph.\n\nMiddle paragraph.\n\nLast paragraph, edited here.\n',
    );
    const saved =
      '# Alpha\n\nFirst paragraph.\n\nMiddle paragraph.\n\nLast paragraph, saved during the run.\n';
    const run = await w.cliWith(['sync', '--strategy', 'merge', '--json'], (base) =>
      intercept(base, {
        listContentTree: async (space, root, options) => {
          const tree = await base.listContentTree(space, root, options);
          w.repo.write('docs/alpha.md', saved);
          return tree;
        },
      }),
    );
    expect(run.code, run.stderr).toBe(2);
    expect(changeFor(run, 'Alpha')).toMatchObject({ kind: 'merge', outcome: 'conflict' });
    expect(w.repo.read('docs/alpha.md')).toBe(saved);
    const remoteAfter = w.site.byTitle('Alpha');
    expect(remoteAfter.version).toBe(remoteBefore.version);
    expect(remoteAfter.body).toBe(remoteBefore.body);
  });
});

describe('8. status and check predict what push will do', () => {
  it('a title already used elsewhere in the space: status says CS-010 (exit 1) like the push', async () => {
    const { w, cli } = await sandboxWorld({ pushed: true });
    const home = w.site.emulator.spaces().find((s) => s.key === 'DOCS')!.homepageId;
    w.site.emulator.createPage({
      spaceKey: 'DOCS',
      parentId: home,
      title: 'Taken Elsewhere',
      body: '<p>x</p>',
    });
    w.repo.write('docs/taken.md', '# Taken Elsewhere\n\nNew here.\n');
    for (const command of ['status', 'check']) {
      const run = await cli([command, '--json']);
      expect(run.code, run.stdout).toBe(1);
      expect(changeFor(run, 'Taken Elsewhere').error?.code).toBe('CS-010');
    }
    const before = w.snapshot();
    const push = await cli(['push', '--json']);
    expect(push.code).toBe(1);
    expect(changeFor(push, 'Taken Elsewhere').error?.code).toBe('CS-010');
    expectNothingChanged(w, before, { writes: false });
  });

  it('same title on both sides, different content: status predicts the conflict push reports (exit 2)', async () => {
    const { w, cli } = await sandboxWorld({ pushed: true });
    w.site.emulator.createPage({
      spaceKey: 'DOCS',
      parentId: w.site.rootId,
      title: 'Gamma',
      body: '<p>Written in Confluence.</p>',
    });
    w.repo.write('docs/gamma.md', '# Gamma\n\nWritten in the repository.\n');
    for (const command of ['status', 'check']) {
      const run = await cli([command, '--json']);
      expect(run.code, run.stdout).toBe(2);
      expect(changeFor(run, 'Gamma').kind).toBe('conflict');
    }
    const push = await cli(['push', '--json']);
    expect(push.code).toBe(2);
    expect(changeFor(push, 'Gamma').outcome).toBe('conflict');
  });

  it('same title on both sides, same content: status predicts a clean adoption (exit 0)', async () => {
    const { w, cli } = await sandboxWorld({ pushed: true });
    w.site.emulator.createPage({
      spaceKey: 'DOCS',
      parentId: w.site.rootId,
      title: 'Delta',
      body: '<p>Same on both sides.</p>',
    });
    w.repo.write('docs/delta.md', '# Delta\n\nSame on both sides.\n');
    const status = await cli(['status', '--json']);
    expect(status.code, status.stdout).toBe(0);
    expect(changeFor(status, 'Delta').kind).toBe('adopt');
    const push = await cli(['push']);
    expect(push.code, push.stdout).toBe(0);
  });
  it('same title on both sides, same content with a link to a synced page: exit 0 like the push', async () => {
    const { w, cli } = await sandboxWorld({ pushed: true });
    // What the push writes for `[Alpha](alpha.md)`: a page link, not the file name.
    w.site.emulator.createPage({
      spaceKey: 'DOCS',
      parentId: w.site.rootId,
      title: 'Epsilon',
      body: '<p>See <ac:link><ri:page ri:content-title="Alpha"/><ac:plain-text-link-body><![CDATA[Alpha]]></ac:plain-text-link-body></ac:link> first.</p>',
    });
    w.repo.write('docs/epsilon.md', '# Epsilon\n\nSee [Alpha](alpha.md) first.\n');
    for (const command of ['status', 'check']) {
      const run = await cli([command, '--json']);
      expect(run.code, run.stdout).toBe(0);
      expect(changeFor(run, 'Epsilon').kind).toBe('adopt');
    }
    const before = w.site.byTitle('Epsilon').version;
    const push = await cli(['push', '--json']);
    expect(push.code, push.stdout).toBe(0);
    expect(changeFor(push, 'Epsilon').outcome).toBe('applied');
    expect(w.site.byTitle('Epsilon').version).toBe(before);
  });
});

describe('9. pathological input fails its page alone, with a clear code', () => {
  it('a list 800 levels deep → CS-046 for that page; the other edit is pushed', async () => {
    const { w, cli } = await sandboxWorld({ pushed: true });
    const deep = Array.from({ length: 800 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
    w.repo.write('docs/deep.md', `# Deep\n\n${deep}\n`);
    w.repo.write('docs/alpha.md', '# Alpha\n\nEdited in the same run.\n');
    const started = Date.now();
    const run = await cli(['push', '--json']);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.code, run.stderr).toBe(1);
    expect(changesFor(run).find((c) => c.localPath === 'deep.md')?.error?.code).toBe('CS-046');
    expect(changeFor(run, 'Alpha').outcome).toBe('applied');
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/CS-099|RangeError/);
    expect(w.site.byTitle('Alpha').body).toContain('Edited in the same run.');
  });

  it('100 KB of *a*a… in one paragraph → CS-046 for that page (not minutes of CPU); the other edit is pushed', async () => {
    const { w, cli } = await sandboxWorld({ pushed: true });
    w.repo.write('docs/stars.md', `# Stars\n\n${'*a'.repeat(50_000)}\n`);
    w.repo.write('docs/alpha.md', '# Alpha\n\nEdited beside the stars.\n');
    const started = Date.now();
    const run = await cli(['push', '--json']);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.code, run.stderr).toBe(1);
    expect(changesFor(run).find((c) => c.localPath === 'stars.md')?.error?.code).toBe('CS-046');
    expect(changeFor(run, 'Alpha').outcome).toBe('applied');
  });

  it('a YAML alias bomb in front matter → CS-047 for that page; the run goes on', async () => {
    const { w, cli } = await sandboxWorld({ pushed: true });
    const levels = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const lines = levels.map((name, i) =>
      i === 0
        ? `${name}: &${name} ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`
        : `${name}: &${name} [${Array(9)
            .fill(`*${levels[i - 1]}`)
            .join(',')}]`,
    );
    w.repo.write('docs/bomb.md', `---\n${lines.join('\n')}\nlabels: *h\n---\n\n# Bomb\n\nText.\n`);
    w.repo.write('docs/alpha.md', '# Alpha\n\nEdited beside the bomb.\n');
    const started = Date.now();
    const run = await cli(['push', '--json']);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.code, run.stderr).toBe(1);
    const bomb = changesFor(run).find((c) => c.localPath === 'bomb.md');
    expect(bomb?.error?.code).toBe('CS-047');
    expect(changeFor(run, 'Alpha').outcome).toBe('applied');
  });

  it('a page body nested 3000 elements deep in Confluence → CS-046 on pull; the other pages are pulled', async () => {
    const { w, cli } = await sandboxWorld({ pushed: true });
    const alpha = w.site.byTitle('Alpha');
    w.site.emulator.createPage({
      spaceKey: 'DOCS',
      parentId: w.site.rootId,
      title: 'Nested',
      body: `${'<div>'.repeat(3000)}x${'</div>'.repeat(3000)}`,
    });
    w.site.emulator.editPage(alpha.id, { body: '<p>Alpha edited in Confluence.</p>' });
    const run = await cli(['pull', '--json']);
    expect(run.code, run.stderr).toBe(1);
    expect(changeFor(run, 'Nested').error?.code).toBe('CS-046');
    expect(w.repo.read('docs/alpha.md')).toContain('Alpha edited in Confluence.');
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/CS-099|RangeError/);
  });
});

function changesFor(run: {
  stdout: string;
}): { localPath?: string | null; error: { code: string } | null }[] {
  return (
    JSON.parse(run.stdout) as { changes: { localPath?: string | null; error: { code: string } | null }[] }
  ).changes;
}
