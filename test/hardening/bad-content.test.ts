/**
 * Bad input catalogue, part 2: what is in the files and pages. Hostile titles coming from Confluence
 * are legal there, so a pull must turn them into safe, distinct file names inside the docs folder;
 * titles a person wrote in front matter that Confluence cannot hold, unreadable files, symlinks out
 * of the repository, oversized pages and broken storage are refused with a clear CS-xxx line, exit 1,
 * and nothing changed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  catalogueWorld,
  expectNothingChanged,
  expectRefused,
  startRewritingProxy,
  stopWorlds,
} from './catalogue.js';

const outside: string[] = [];
afterEach(async () => {
  await stopWorlds();
  for (const dir of outside.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const HOSTILE_TITLES = [
  '../../../escape',
  '..',
  'CI/CD',
  'C:\\Windows\\evil',
  'CON',
  'nul.txt',
  'LPT1',
  'tab\there',
  'bell\u0007and\u001bescape',
  'Caf\u00e9', // NFC
  'Cafe\u0301', // NFD: the same name once normalised
  'é'.repeat(255), // 255 characters, 510 bytes
  '.git',
  'index',
  ' spaces and dots. ',
];

describe('bad input: hostile page titles pulled from Confluence', () => {
  it.each(['cloud', 'datacenter'] as const)(
    '%s: every title becomes a distinct, safe file inside the docs folder; the round trip writes nothing',
    async (flavor) => {
      const w = await catalogueWorld({
        flavor,
        files: { 'docs/keep.md': '# Keep\n\nKept.\n' },
        pushed: true,
      });
      for (const title of HOSTILE_TITLES) {
        w.site.emulator.createPage({
          spaceKey: 'DOCS',
          parentId: w.site.rootId,
          title,
          body: `<p>Body of ${title.length} chars.</p>`,
        });
      }
      const docsBefore = w.repo.files('docs');
      const pull = await w.cli(['pull']);
      expect(pull.stderr).not.toMatch(/^error /m);
      expect(pull.stdout).not.toMatch(/CS-099/);
      expect(pull.code, pull.stdout).toBe(0);

      const added = w.repo.files('docs').filter((f) => !docsBefore.includes(f));
      expect(added).toHaveLength(HOSTILE_TITLES.length);
      expect(new Set(added.map((f) => f.normalize('NFC').toLowerCase())).size).toBe(added.length);
      for (const file of added) {
        const rel = relative(join(w.repo.dir, 'docs'), join(w.repo.dir, file));
        expect(rel.startsWith('..') || isAbsolute(rel), file).toBe(false);
        for (const part of file.split('/')) {
          expect(Buffer.byteLength(part), file).toBeLessThanOrEqual(255);
          expect(part, file).not.toMatch(/[\u0000-\u001f\u007f\\:*?"<>|]/);
          expect(part.split('.')[0], file).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/i);
          expect(part === '.git' || part === '..' || part === '.').toBe(false);
        }
      }
      // Nothing outside the repository's docs folder was touched.
      expect(readdirSync(w.repo.dir).sort()).toEqual([
        '.confluence-sync.json',
        '.confluence-sync.yml',
        '.git',
        'docs',
      ]);
      // The titles survive the round trip: a push and a sync find nothing to do.
      for (const command of ['push', 'sync']) {
        w.snapshot();
        const again = await w.cli([command]);
        expect(again.code, again.stdout).toBe(0);
        expect(w.writesSinceSnapshot(), command).toBe(0);
      }
    },
    60_000,
  );
});

describe('bad input: titles written in front matter that Confluence cannot hold', () => {
  it.each([
    ['NUL', 'title: "before\\0after"'],
    ['control characters', 'title: "bell\\aand\\x1bescape"'],
    ['more than 255 characters', `title: "${'x'.repeat(256)}"`],
  ])('%s → CS-044 naming the file, before any write', async (_name, line) => {
    const w = await catalogueWorld({ pushed: true });
    w.repo.write('docs/bad.md', `---\n${line}\n---\n\nText.\n`);
    w.repo.write('docs/alpha.md', '# Alpha\n\nEdited in the same run.\n');
    const before = w.snapshot();
    expectRefused(await w.cli(['push']), 'CS-044', /bad\.md/);
    expectNothingChanged(w, before);
  });

  it('two titles that normalise to the same name → CS-040 before any write', async () => {
    const w = await catalogueWorld({ pushed: true });
    w.repo.write('docs/nfc.md', '---\ntitle: "Caf\u00e9"\n---\n\nComposed.\n');
    w.repo.write('docs/nfd.md', '---\ntitle: "Cafe\u0301"\n---\n\nDecomposed.\n');
    const before = w.snapshot();
    expectRefused(await w.cli(['push']), 'CS-040', /nfc\.md.*nfd\.md|nfd\.md.*nfc\.md/);
    expectNothingChanged(w, before);
  });

  it('two files with the same title ignoring case → CS-040 before any write', async () => {
    const w = await catalogueWorld({ pushed: true });
    w.repo.write('docs/one.md', '---\ntitle: Release Notes\n---\n\nOne.\n');
    w.repo.write('docs/two.md', '---\ntitle: RELEASE NOTES\n---\n\nTwo.\n');
    const before = w.snapshot();
    expectRefused(await w.cli(['push']), 'CS-040', /one\.md.*two\.md/);
    expectNothingChanged(w, before);
  });
});

describe('bad input: files', () => {
  it.each([
    ['binary', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])],
    ['non-UTF-8 (Latin-1)', Buffer.from('# Caf\xe9 cr\xe8me\n\nVoil\xe0.\n', 'latin1')],
    ['UTF-16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# Hello\n', 'utf16le')])],
  ])('a %s .md file → CS-042 naming it', async (_name, bytes) => {
    const w = await catalogueWorld({ pushed: true });
    w.repo.write('docs/guide/broken.md', bytes);
    w.repo.write('docs/alpha.md', '# Alpha\n\nEdited in the same run.\n');
    const before = w.snapshot();
    for (const command of ['push', 'sync']) expectRefused(await w.cli([command]), 'CS-042', /broken\.md/);
    expectNothingChanged(w, before);
  });

  it.each([
    ['invalid front matter', '---\ntitle: [unclosed\n---\n\nText.\n'],
    [
      'a broken carry-through marker',
      '# Broken\n\n<!--cs:<ac:layout><ac:layout-section ac:type="single"><ac:layout-cell>-->\n\nx\n',
    ],
  ])('%s → CS-045 naming the file', async (_name, text) => {
    const w = await catalogueWorld({ pushed: true });
    w.repo.write('docs/guide/broken.md', text);
    const before = w.snapshot();
    const run = await w.cli(['push']);
    expect(run.code, run.stderr).toBe(1);
    expect(`${run.stdout}${run.stderr}`).toMatch(/CS-045[^\n]*(broken\.md|front matter|fits together)/);
    expect(`${run.stdout}${run.stderr}`).toMatch(/broken\.md/);
    expect(`${run.stdout}${run.stderr}`).not.toContain('CS-042');
    expectNothingChanged(w, before, { writes: false });
  });

  function outsideDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'cs-outside-'));
    outside.push(dir);
    writeFileSync(join(dir, 'secret.md'), '# Secret\n\nOUTSIDE-SECRET-8861\n');
    return dir;
  }

  it('a symlink to a file outside the repository → CS-041, exit 1, never read or uploaded', async () => {
    const w = await catalogueWorld({ pushed: true });
    const dir = outsideDir();
    symlinkSync(join(dir, 'secret.md'), join(w.repo.dir, 'docs/linked.md'));
    w.repo.write('docs/alpha.md', '# Alpha\n\nEdited in the same run.\n');
    const before = w.snapshot();
    const run = await w.cli(['push']);
    expect(`${run.stdout}${run.stderr}`).not.toContain('OUTSIDE-SECRET-8861');
    expect(JSON.stringify(w.site.tree())).not.toContain('OUTSIDE-SECRET-8861');
    expectRefused(run, 'CS-041', /linked\.md/);
    expectNothingChanged(w, before);
  });

  it('a symlink out of the repository is never read or uploaded (file, folder, or a FIFO that would block a read)', async () => {
    const w = await catalogueWorld({ pushed: true });
    const dir = outsideDir();
    mkdirSync(join(dir, 'folder'));
    writeFileSync(join(dir, 'folder', 'inner.md'), '# Inner\n\nOUTSIDE-SECRET-8861\n');
    execFileSync('mkfifo', [join(dir, 'pipe.md')]);
    symlinkSync(join(dir, 'secret.md'), join(w.repo.dir, 'docs/linked.md'));
    symlinkSync(join(dir, 'folder'), join(w.repo.dir, 'docs/linked-folder'));
    symlinkSync(join(dir, 'pipe.md'), join(w.repo.dir, 'docs/pipe.md'));
    const run = await w.cli(['push']);
    expect(`${run.stdout}${run.stderr}`).not.toContain('OUTSIDE-SECRET-8861');
    expect(`${run.stdout}${run.stderr}`).toMatch(/CS-041/);
    expect(JSON.stringify(w.site.tree())).not.toContain('OUTSIDE-SECRET-8861');
    expect(w.site.tree().map((p) => p.title)).not.toContain('Secret');
    expect(w.repo.read('.confluence-sync.json')).not.toMatch(/linked|pipe/);
  });

  it('a 5 MB page → CS-006 naming the file, exit 1, no page changed', async () => {
    const w = await catalogueWorld({ pushed: true });
    const line = 'a line of code in a very large page, repeated until it is over five megabytes\n';
    w.repo.write(
      'docs/huge.md',
      `# Huge\n\n\`\`\`\n${line.repeat(Math.ceil((5 * 1024 * 1024) / line.length))}\`\`\`\n`,
    );
    const before = w.snapshot();
    const run = await w.cli(['push']);
    expect(run.code).toBe(1);
    expect(`${run.stdout}${run.stderr}`).toMatch(
      /huge\.md[^\n]*CS-006|CS-006[^\n]*huge\.md|CS-006[^\n]*(too large|413)/i,
    );
    // Over Confluence's 5 MB request limit: refused before it is sent, so no write at all.
    expectNothingChanged(w, before);
  }, 60_000);

  it.each(['cloud', 'datacenter'] as const)(
    '%s: a page sent with a broken body fails alone (CS-012 naming it); the other pages are pulled',
    async (flavor) => {
      const w = await catalogueWorld({ flavor, pushed: true });
      const beta = w.site.byTitle('Beta');
      const alpha = w.site.byTitle('Alpha');
      w.site.emulator.editPage(beta.id, { body: '<p>Beta text, edited in Confluence.</p>' });
      w.site.emulator.editPage(alpha.id, { body: alpha.body.replace('</p>', ' Edited too.</p>') });
      const proxy = await startRewritingProxy(new URL(w.site.emulator.url).origin, (text) =>
        text.replace('<p>Beta text, edited in Confluence.</p>', '<p>Beta text, <b>edited</p><ac:macro'),
      );
      try {
        const origin = new URL(w.site.emulator.url).origin;
        w.repo.writeConfig({
          ...w.site.config,
          confluenceUrl: w.site.config.confluenceUrl.replace(origin, proxy.origin),
        });
        w.repo.write(
          '.confluence-sync.json',
          w.repo.read('.confluence-sync.json').split(origin).join(proxy.origin),
        );
        const betaBefore = w.repo.read('docs/guide/beta.md');
        const run = await w.cli(['pull', '--json']);
        expect(run.code, run.stderr).toBe(1);
        const result = JSON.parse(run.stdout) as {
          changes: { title: string; outcome: string; error?: { code: string; message: string } }[];
        };
        const byTitle = new Map(result.changes.map((c) => [c.title, c]));
        expect(byTitle.get('Beta')).toMatchObject({ outcome: 'failed', error: { code: 'CS-012' } });
        expect(byTitle.get('Beta')?.error?.message).toMatch(new RegExp(`page ${beta.id}.*not well-formed`));
        expect(byTitle.get('Alpha')).toMatchObject({ outcome: 'applied' });
        expect(w.repo.read('docs/guide/beta.md')).toBe(betaBefore);
        expect(w.repo.read('docs/alpha.md')).toContain('Edited too.');
      } finally {
        await proxy.stop();
      }
    },
  );

  it.each(['cloud', 'datacenter'] as const)(
    '%s: storage from the server that is not well-formed XML → CS-012, exit 1, no file changed',
    async (flavor) => {
      const w = await catalogueWorld({ flavor, pushed: true });
      const beta = w.site.byTitle('Beta');
      w.site.emulator.editPage(beta.id, { body: '<p>Beta text, edited in Confluence.</p>' });
      // The server sends the page cut off mid-tag, as a truncated response or a broken proxy would.
      const proxy = await startRewritingProxy(new URL(w.site.emulator.url).origin, (text) =>
        text.replace('<p>Beta text, edited in Confluence.</p>', '<p>Beta text, <b>edited</p><ac:macro'),
      );
      try {
        w.repo.writeConfig({
          ...w.site.config,
          confluenceUrl: w.site.config.confluenceUrl.replace(
            new URL(w.site.emulator.url).origin,
            proxy.origin,
          ),
        });
        // The manifest names the emulator's URL: same site, only the port differs; relink it to the proxy.
        const manifest = w.repo.read('.confluence-sync.json');
        w.repo.write(
          '.confluence-sync.json',
          manifest.split(new URL(w.site.emulator.url).origin).join(proxy.origin),
        );
        const before = w.snapshot();
        for (const command of ['pull', 'sync']) {
          const run = await w.cli([command]);
          expect(run.code, run.stdout).toBe(1);
          expect(`${run.stdout}${run.stderr}`).toMatch(
            new RegExp(`CS-012 [^\\n]*${beta.id}[^\\n]*not well-formed`),
          );
        }
        expectNothingChanged(w, before);
        expect(w.repo.read('docs/guide/beta.md')).toContain('Beta text.');
      } finally {
        await proxy.stop();
      }
    },
  );
});
