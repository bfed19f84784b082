/**
 * Safety, part 1 (issue 11 items 1, 2, 4, 10, 11): nothing a pull request or a page can change leads a
 * run to read or write outside the docs folder. Each case runs the CLI as a process against the
 * emulator and compares a listing of everything around the docs folder before and after.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expectNothingChanged, expectRefused, stopWorlds } from './catalogue.js';
import { changeFor, changesOf, cleanupSandboxes, sandboxWorld } from './sandbox.js';
import type { RepoConfig } from '../helpers/temp-repo.js';

afterEach(async () => {
  await stopWorlds();
  cleanupSandboxes();
});

type ManifestJson = { pages: Record<string, { localPath: string; title: string; version: number }> };

function editManifest(text: string, edit: (m: ManifestJson) => void): string {
  const manifest = JSON.parse(text) as ManifestJson;
  edit(manifest);
  return JSON.stringify(manifest, null, 2);
}

describe('1. manifest paths are validated on load', () => {
  const BAD_PATHS = [
    '../outside.md',
    '../../escape.md',
    'guide/../../../outside.md',
    '/etc/cs-absolute.md',
    'guide\\..\\..\\outside.md',
    'nul\u0000.md',
    '',
    '.',
    'guide//beta.md',
    './alpha.md',
    '../.git/config',
  ];

  it.each(BAD_PATHS)(
    'localPath %j → CS-030 naming the entry; pull, push and remote-first sync change nothing',
    async (bad) => {
      const { w, cli, outside } = await sandboxWorld({ pushed: true });
      const alpha = w.site.byTitle('Alpha');
      // A Confluence edit, so a pull or a remote-first sync would write the entry's file.
      w.site.emulator.editPage(alpha.id, { body: '<p>Edited in Confluence.</p>', title: 'Alpha renamed' });
      w.repo.write(
        '.confluence-sync.json',
        editManifest(w.repo.read('.confluence-sync.json'), (m) => {
          m.pages[alpha.id]!.localPath = bad;
        }),
      );
      const before = w.snapshot();
      const around = outside();
      for (const args of [['pull'], ['push'], ['sync', '--strategy', 'remote-first'], ['status']]) {
        const line = expectRefused(await cli(args), 'CS-030', new RegExp(`${alpha.id}`));
        expect(line).toMatch(/localPath/);
      }
      expect(outside()).toEqual(around);
      expectNothingChanged(w, before);
    },
  );

  it.each(['__proto__', 'constructor', 'prototype'])(
    'a page id %s in the manifest → CS-030 naming it, nothing changed',
    async (key) => {
      const { w, cli, outside } = await sandboxWorld({ pushed: true });
      const text = w.repo.read('.confluence-sync.json');
      const alpha = w.site.byTitle('Alpha');
      // JSON.parse makes "__proto__" an own key; written by hand, as a crafted pull request would.
      w.repo.write('.confluence-sync.json', text.replace(`"${alpha.id}": {`, `"${key}": {`));
      const before = w.snapshot();
      const around = outside();
      expectRefused(await cli(['pull']), 'CS-030', new RegExp(key));
      expectRefused(await cli(['push']), 'CS-030', new RegExp(key));
      expect(outside()).toEqual(around);
      expectNothingChanged(w, before);
    },
  );

  it('a folder entry moved outside by the manifest is refused, the repository folder stays', async () => {
    const { w, cli, outside } = await sandboxWorld({ pushed: true });
    const guide = w.site.byTitle('Guide');
    w.site.emulator.editPage(guide.id, { title: 'Guide moved' });
    w.repo.write(
      '.confluence-sync.json',
      editManifest(w.repo.read('.confluence-sync.json'), (m) => {
        for (const page of Object.values(m.pages))
          page.localPath = page.localPath.replace(/^guide\//, '../../guide/');
      }),
    );
    const before = w.snapshot();
    const around = outside();
    expectRefused(await cli(['pull']), 'CS-030', /localPath/);
    expect(outside()).toEqual(around);
    expectNothingChanged(w, before);
  });
});

describe('2. images and attachments come only from inside the docs folder', () => {
  it('with localRoot ".", ![x](.git/config) is refused (CS-048), the page fails alone, the token never leaves', async () => {
    const SECRET = 'AUTHORIZATION: basic c2VjcmV0LWpvYi10b2tlbi05OTE=';
    const { w, cli, outside } = await sandboxWorld({
      files: {
        'page.md': '# Page\n\nSee ![config](.git/config) and ![hidden](.secrets/key.png).\n',
        'other.md': '# Other\n\nPushed as usual.\n',
        '.secrets/key.png': 'PNG-HIDDEN-SECRET',
      },
    });
    w.repo.write('.git/config', `[http "https://github.com/"]\n\textraheader = ${SECRET}\n`);
    w.repo.writeConfig({ ...w.site.config, localRoot: '.' });
    const around = outside();
    const run = await cli(['push', '--json']);
    expect(run.code, run.stderr).toBe(1);
    const page = changeFor(run, 'Page');
    expect(page.outcome).toBe('failed');
    expect(page.error?.code).toBe('CS-048');
    expect(page.error?.message).toMatch(/\.git\/config|\.secrets/);
    expect(changeFor(run, 'Other').outcome).toBe('applied');
    for (const p of w.site.tree()) {
      for (const a of w.site.emulator.attachments(p.id)) expect(a.title).not.toMatch(/config|key\.png/);
      expect(p.body).not.toContain('c2VjcmV0');
    }
    expect(`${run.stdout}${run.stderr}`).not.toContain('c2VjcmV0');
    expect(outside()).toEqual(around);
  });

  it('an image matched by excludePatterns is refused (CS-048) and never uploaded', async () => {
    const { w, cli } = await sandboxWorld({
      files: {
        'docs/page.md': '# Page\n\n![plan](private/plan.png)\n',
        'docs/private/plan.png': 'PNG-PRIVATE-PLAN',
      },
    });
    w.repo.writeConfig({ ...w.site.config, excludePatterns: ['**/private/**'] } as RepoConfig);
    const run = await cli(['push', '--json']);
    expect(run.code, run.stderr).toBe(1);
    expect(changeFor(run, 'Page').error?.code).toBe('CS-048');
    for (const p of w.site.emulator.pages('DOCS'))
      expect(w.site.emulator.attachments(p.id).map((a) => a.title)).not.toContain('plan.png');
  });
});

describe('2b. hidden files are never read, whatever the config or the manifest says', () => {
  const SECRET = 'AUTHORIZATION: basic c2VjcmV0LWpvYi10b2tlbi05OTE=';

  it('includePatterns naming .git/config and .secrets/*: never read or published (a warning says so)', async () => {
    const { w, cli } = await sandboxWorld({
      files: {
        'docs/guide.md': '# Guide\n\nText.\n',
        '.secrets/prod.env': 'AWS_SECRET_ACCESS_KEY=FAKEsecret',
      },
    });
    w.repo.write('.git/config', `[http "https://github.com/"]\n\textraheader = ${SECRET}\n`);
    w.repo.writeConfig({
      ...w.site.config,
      localRoot: '.',
      includePatterns: ['docs/**/*.md', '.git/config', '.secrets/*'],
    } as RepoConfig);
    const run = await cli(['push', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(changesOf(run).map((c) => c.localPath)).toEqual(['docs/', 'docs/guide.md']);
    expect(`${run.stdout}${run.stderr}`).toMatch(/includePatterns name hidden files/);
    for (const p of w.site.emulator.pages('DOCS')) {
      expect(p.body).not.toContain('c2VjcmV0');
      expect(p.body).not.toContain('FAKEsecret');
    }
  });

  it("a manifest attachment path edited to .git/config or to another page's file: CS-030, nothing written", async () => {
    const { w, cli, outside } = await sandboxWorld({
      files: {
        'docs/guide.md': '# Guide\n\n![d](diagram.png)\n',
        'docs/diagram.png': 'PNG-1',
        'docs/other.md': '# Other\n\nPrecious.\n',
      },
    });
    w.repo.writeConfig({ ...w.site.config, localRoot: '.', includePatterns: ['docs/**/*.md'] } as RepoConfig);
    expect((await cli(['push'])).code).toBe(0);
    const guide = w.site.byTitle('Guide');
    for (const target of ['.git/config', 'docs/other.md']) {
      const manifest = JSON.parse(w.repo.read('.confluence-sync.json')) as {
        pages: Record<string, { attachments: Record<string, { localPath: string; version: number }> }>;
      };
      const attachment = manifest.pages[guide.id]!.attachments['diagram.png']!;
      const saved = { ...attachment };
      attachment.localPath = target;
      attachment.version = 0;
      w.repo.write('.confluence-sync.json', JSON.stringify(manifest, null, 2));
      w.site.emulator.editPage(guide.id, { body: `${w.site.byTitle('Guide').body}<p>edited</p>` });
      const gitConfig = w.repo.read('.git/config');
      const around = outside();
      const pull = await cli(['pull', '--json']);
      expect(pull.code, pull.stdout).toBe(1);
      expect(`${pull.stdout}${pull.stderr}`).toContain('CS-030');
      expect(w.repo.read('.git/config')).toBe(gitConfig);
      expect(w.repo.read('docs/other.md')).toBe('# Other\n\nPrecious.\n');
      expect(outside()).toEqual(around);
      manifest.pages[guide.id]!.attachments['diagram.png'] = saved;
      w.repo.write('.confluence-sync.json', JSON.stringify(manifest, null, 2));
    }
  });

  it('a pull never overwrites an image edited locally, even when Confluence has a newer version', async () => {
    const { w, cli } = await sandboxWorld({
      files: { 'docs/guide.md': '# Guide\n\n![d](diagram.png)\n', 'docs/diagram.png': 'PNG-1' },
    });
    expect((await cli(['push'])).code).toBe(0);
    const guide = w.site.byTitle('Guide');
    // a colleague uploads a new version in Confluence; meanwhile the image is edited locally
    const form = new FormData();
    form.append('file', new Blob(['PNG-FROM-CONFLUENCE'], { type: 'image/png' }), 'diagram.png');
    const v1 = `${w.site.emulator.url}/rest/api`;
    const upload = await fetch(`${v1}/content/${guide.id}/child/attachment`, {
      method: 'PUT',
      headers: {
        'X-Atlassian-Token': 'no-check',
        Authorization: `Basic ${Buffer.from('ci@example.com:emulator-token').toString('base64')}`,
      },
      body: form,
    });
    expect(upload.status).toBe(200);
    w.site.emulator.editPage(guide.id, { body: `${w.site.byTitle('Guide').body}<p>edited</p>` });
    w.repo.write('docs/diagram.png', 'PNG-EDITED-LOCALLY');
    const pull = await cli(['pull']);
    expect(pull.code, pull.stderr).toBe(0);
    expect(w.repo.read('docs/guide.md')).toContain('edited');
    expect(w.repo.read('docs/diagram.png')).toBe('PNG-EDITED-LOCALLY');
  });
});

describe('4. a pulled page never overwrites a file the manifest does not track', () => {
  it('a page titled like an excluded file lands beside it; the excluded file is untouched', async () => {
    const { w, cli, outside } = await sandboxWorld({
      files: {
        'docs/alpha.md': '# Alpha\n\nAlpha text.\n',
        'docs/drafts.md': '# My drafts\n\nPRIVATE DRAFT, excluded from sync.\n',
        'docs/private/index.md': '# Private\n\nPRIVATE FOLDER PAGE.\n',
      },
      config: { excludePatterns: ['**/drafts.md', '**/private/**'] } as Partial<RepoConfig>,
      pushed: true,
    });
    const drafts = w.site.emulator.createPage({
      spaceKey: 'DOCS',
      parentId: w.site.rootId,
      title: 'drafts',
      body: '<p>Confluence drafts page.</p>',
    });
    const priv = w.site.emulator.createPage({
      spaceKey: 'DOCS',
      parentId: w.site.rootId,
      title: 'private',
      body: '<p>Confluence private page.</p>',
    });
    w.site.emulator.createPage({ spaceKey: 'DOCS', parentId: priv.id, title: 'Child', body: '<p>c</p>' });
    const around = outside();
    const run = await cli(['pull']);
    expect(run.code, `${run.stdout}${run.stderr}`).toBe(0);
    expect(w.repo.read('docs/drafts.md')).toContain('PRIVATE DRAFT');
    expect(w.repo.read('docs/private/index.md')).toContain('PRIVATE FOLDER PAGE');
    const manifest = w.repo.manifest();
    const draftsPath = manifest.pages[drafts.id]!.localPath;
    expect(draftsPath).not.toBe('drafts.md');
    expect(w.repo.read(`docs/${draftsPath}`)).toContain('Confluence drafts page.');
    expect(manifest.pages[priv.id]!.localPath).not.toBe('private/index.md');
    expect(outside()).toEqual(around);
  });
});

describe('10. smaller ones', () => {
  it('a localRoot that is a symlink leading out of the repository is refused (CS-041)', async () => {
    const { w, cli, sandbox, outside } = await sandboxWorld({ pushed: true });
    const elsewhere = join(sandbox.dir, 'elsewhere-docs');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'secret.md'), '# Secret\n\nELSEWHERE-SECRET-5521\n');
    symlinkSync(elsewhere, join(w.repo.dir, 'linked-docs'));
    w.repo.writeConfig({ ...w.site.config, localRoot: 'linked-docs' });
    const before = w.snapshot();
    const around = outside();
    for (const command of ['push', 'pull', 'status']) {
      const run = await cli([command]);
      expectRefused(run, 'CS-041', /linked-docs/);
      expect(`${run.stdout}${run.stderr}`).not.toContain('ELSEWHERE-SECRET-5521');
    }
    expect(JSON.stringify(w.site.tree())).not.toContain('ELSEWHERE-SECRET-5521');
    expect(outside()).toEqual(around);
    expectNothingChanged(w, before);
  });

  it('a redirect to another host is refused (CS-025): the other host hears nothing, no credentials leave', async () => {
    const { w, cli, outside } = await sandboxWorld({ pushed: true });
    const heard: string[] = [];
    const sink = await listen(
      createServer((req, res) => {
        heard.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
        res.end('{}');
      }),
    );
    const emulatorOrigin = new URL(w.site.emulator.url).origin;
    const redirector = await listen(
      createServer((req, res) => {
        res.writeHead(302, { Location: `http://127.0.0.1:${sink.port}${req.url ?? '/'}` });
        res.end();
      }),
    );
    try {
      const proxied = w.site.config.confluenceUrl.replace(
        emulatorOrigin,
        `http://127.0.0.1:${redirector.port}`,
      );
      w.repo.writeConfig({ ...w.site.config, confluenceUrl: proxied });
      w.repo.write(
        '.confluence-sync.json',
        w.repo
          .read('.confluence-sync.json')
          .split(emulatorOrigin)
          .join(`http://127.0.0.1:${redirector.port}`),
      );
      const before = w.snapshot();
      const around = outside();
      const line = expectRefused(await cli(['sync']), 'CS-025', /redirect/i);
      expect(line).toContain(`127.0.0.1:${sink.port}`);
      expect(heard).toEqual([]);
      expect(outside()).toEqual(around);
      expectNothingChanged(w, before);
    } finally {
      await new Promise((r) => sink.server.close(r));
      await new Promise((r) => redirector.server.close(r));
    }
  });

  it('an invalid URL is refused without echoing the credentials in it', async () => {
    const { w, cli } = await sandboxWorld({ pushed: true });
    const before = w.snapshot();
    for (const url of [
      'https://ci:pasted-token-4242@exa mple.atlassian.net/wiki',
      'ci:pasted-token-4242@example.atlassian.net',
      'https://ci:p@ss/pasted-token-4242@host name/wiki',
    ]) {
      const run = await cli(['status'], { CONFLUENCE_URL: url });
      expect(run.code).toBe(1);
      expect(`${run.stdout}${run.stderr}`).toMatch(/CS-0(09|20)/);
      expect(`${run.stdout}${run.stderr}`).not.toContain('pasted-token-4242');
    }
    expectNothingChanged(w, before);
  });

  it('pulled attachment names: Windows device names are renamed and NFC/NFD spellings are one file', async () => {
    const { w, cli, outside } = await sandboxWorld({
      files: { 'docs/page.md': '# Page\n\n![a](Caf\u00e9.png)\n', 'docs/Caf\u00e9.png': 'NFC-BYTES' },
      pushed: true,
    });
    const page = w.site.byTitle('Page');
    const client = (await import('../../src/confluence/index.js')).createClient({
      baseUrl: w.site.config.confluenceUrl,
      credentials: { username: w.site.env.CONFLUENCE_USERNAME, token: w.site.env.CONFLUENCE_API_TOKEN! },
    });
    await client.uploadAttachment({
      pageId: page.id,
      filename: 'CON.png',
      data: Buffer.from('CON-BYTES'),
      mediaType: 'image/png',
    });
    await client.uploadAttachment({
      pageId: page.id,
      filename: 'Cafe\u0301.png',
      data: Buffer.from('NFD-BYTES'),
      mediaType: 'image/png',
    });
    w.site.emulator.editPage(page.id, {
      body: '<p><ac:image><ri:attachment ri:filename="CON.png" /></ac:image><ac:image><ri:attachment ri:filename="Cafe\u0301.png" /></ac:image><ac:image><ri:attachment ri:filename="Caf\u00e9.png" /></ac:image></p>',
    });
    const around = outside();
    const run = await cli(['pull']);
    expect(run.stdout + run.stderr).not.toMatch(/CS-099/);
    const files = w.repo.files('docs');
    for (const file of files)
      expect(file.split('/').pop()!.split('.')[0]).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/i);
    expect(
      files.some((f) => /CON_\.png$/.test(f)),
      files.join(', '),
    ).toBe(true);
    // One file per normalised path: the NFD spelling never lands on (or beside, as a twin of) the NFC one.
    const normalised = files.map((n) => n.normalize('NFC').toLowerCase());
    expect(new Set(normalised).size).toBe(normalised.length);
    expect(w.repo.read('docs/Caf\u00e9.png')).toBe('NFC-BYTES');
    expect(outside()).toEqual(around);
  });
});

async function listen(server: Server): Promise<{ server: Server; port: number }> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port };
}
