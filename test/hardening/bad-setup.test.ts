/**
 * Bad input catalogue, part 1: configuration, manifest, URL, credentials, permissions, space and
 * parent. Each case: one clear `error CS-xxx … — …` line, exit 1, no file and no page changed.
 */
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogueWorld, expectNothingChanged, expectRefused, stopWorlds } from './catalogue.js';

afterEach(stopWorlds);

const PROFILE_YAML = (url: string, extra: string) =>
  `activeProfile: default\nprofiles:\n  default:\n    confluenceUrl: ${url}\n    spaceKey: DOCS\n    localRoot: docs\n${extra}`;

/** A loopback port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('bad input: configuration', () => {
  it('malformed YAML → CS-021 naming the line', async () => {
    const w = await catalogueWorld({ pushed: true });
    w.repo.write('.confluence-sync.yml', 'activeProfile: default\nprofiles: [unclosed\n  default: {}\n');
    const before = w.snapshot();
    expectRefused(await w.cli(['push']), 'CS-021', /line \d+/);
    expectNothingChanged(w, before);
  });

  it('an unknown key → CS-020 naming the key and suggesting the right one', async () => {
    const w = await catalogueWorld({ pushed: true });
    w.repo.write(
      '.confluence-sync.yml',
      PROFILE_YAML(w.site.config.confluenceUrl, '    concurentOperations: 2\n'),
    );
    const before = w.snapshot();
    expectRefused(await w.cli(['sync']), 'CS-020', /concurentOperations.*concurrentOperations/);
    expectNothingChanged(w, before);
  });

  it.each([
    ['concurrentOperations: many', /concurrentOperations/],
    ['conflictStrategy: overwrite-everything', /conflictStrategy/],
    ['includePatterns: 42', /includePatterns/],
    ['parentPageId: [1, 2]', /parentPageId/],
  ])('a wrong type or value (%s) → CS-020 naming the key', async (line, key) => {
    const w = await catalogueWorld({ pushed: true });
    w.repo.write('.confluence-sync.yml', PROFILE_YAML(w.site.config.confluenceUrl, `    ${line}\n`));
    const before = w.snapshot();
    expectRefused(await w.cli(['sync']), 'CS-020', key);
    expectNothingChanged(w, before);
  });
});

describe('bad input: manifest', () => {
  const damages: Record<string, { code: string; damage: (text: string) => string }> = {
    corrupt: { code: 'CS-030', damage: (text) => `{ "version": 2, "pages": ${text.slice(0, 10)}` },
    truncated: { code: 'CS-030', damage: (text) => text.slice(0, Math.floor(text.length / 2)) },
    'not-a-manifest': { code: 'CS-030', damage: () => JSON.stringify({ hello: 'world' }) },
    'future-version': { code: 'CS-031', damage: (text) => text.replace(/"version": ?\d+/, '"version": 99') },
  };
  it.each(Object.keys(damages))(
    '%s manifest → clear error, and the manifest is kept as it is',
    async (name) => {
      const { code, damage } = damages[name]!;
      const w = await catalogueWorld({ pushed: true });
      w.repo.write('.confluence-sync.json', damage(w.repo.read('.confluence-sync.json')));
      w.repo.write('docs/alpha.md', '# Alpha\n\nEdited, must not be pushed with a broken manifest.\n');
      const before = w.snapshot();
      for (const command of ['push', 'pull', 'sync', 'status']) {
        expectRefused(await w.cli([command]), code, /manifest/i);
      }
      expectNothingChanged(w, before);
    },
  );
});

describe('bad input: where Confluence is and who we are', () => {
  it('an unreachable URL → CS-002 after the retries, nothing written', async () => {
    const w = await catalogueWorld();
    w.repo.writeConfig({ ...w.site.config, confluenceUrl: `http://127.0.0.1:${await closedPort()}/wiki` });
    const before = w.snapshot();
    // Same main() as the CLI, with short retry waits (the real ones add up to ~20 s).
    const run = await w.cliWith(['sync'], (client) => client);
    expectRefused(run, 'CS-002', /could not be reached/);
    expectNothingChanged(w, before);
  });

  it('an http:// URL to a non-loopback host is refused before any request (CS-009)', async () => {
    const w = await catalogueWorld();
    w.repo.writeConfig({ ...w.site.config, confluenceUrl: 'http://confluence.example.com/wiki' });
    const before = w.snapshot();
    const requests = w.site.emulator.stats().total;
    const run = await w.cli(['push']);
    expectRefused(run, 'CS-009', /https/);
    expect(w.site.emulator.stats().total).toBe(requests);
    expectNothingChanged(w, before);
  });

  it('a URL with a user and password in it is refused (CS-009), without repeating them', async () => {
    const w = await catalogueWorld({ pushed: true });
    const url = w.site.config.confluenceUrl.replace('http://', 'http://ci%40example.com:pasted-token-77@');
    w.repo.writeConfig({ ...w.site.config, confluenceUrl: url });
    const before = w.snapshot();
    const line = expectRefused(await w.cli(['sync']), 'CS-009', /credentials/);
    expect(line).not.toContain('pasted-token-77');
    expectNothingChanged(w, before);
  });

  it.each(['cloud', 'datacenter'] as const)('%s: a wrong token → CS-001', async (flavor) => {
    const w = await catalogueWorld({ flavor, pushed: true });
    w.repo.write('docs/alpha.md', '# Alpha\n\nEdited.\n');
    const before = w.snapshot();
    const run = await w.cli(['sync'], { ...w.site.env, CONFLUENCE_API_TOKEN: 'not-the-token-4711' });
    expectRefused(run, 'CS-001', /401/);
    expectNothingChanged(w, before);
  });

  it('no write permission (403) → CS-004 for the page, exit 1, no page or file changed', async () => {
    const w = await catalogueWorld({ config: { spaceKey: 'READ', parentPageId: undefined } });
    const before = w.snapshot();
    const run = await w.cli(['push']);
    expect(run.code).toBe(1);
    expect(`${run.stdout}${run.stderr}`).toMatch(/CS-004 .*(permission|not allowed|may not|forbidden|403)/i);
    // One code per line: "CS-004 CS-004 …" reads like a bug.
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/(CS-\d{3}) \1/);
    // The refused requests reached Confluence (only the server knows the permissions); nothing changed.
    expectNothingChanged(w, before, { writes: false });
  });

  it('an unknown space → CS-003 naming the space', async () => {
    const w = await catalogueWorld({ config: { spaceKey: 'NOSUCH', parentPageId: undefined } });
    const before = w.snapshot();
    expectRefused(await w.cli(['push']), 'CS-003', /NOSUCH/);
    expectNothingChanged(w, before);
  });

  it.each(['cloud', 'datacenter'] as const)(
    '%s: an unknown parent page → CS-003 naming it',
    async (flavor) => {
      const w = await catalogueWorld({ flavor, config: { parentPageId: '987654321' } });
      const before = w.snapshot();
      expectRefused(await w.cli(['push']), 'CS-003', /987654321/);
      expectNothingChanged(w, before);
    },
  );

  it('a parent page in another space → CS-003, nothing created there', async () => {
    const w = await catalogueWorld();
    const readHome = w.site.emulator.spaces().find((s) => s.key === 'READ')!.homepageId;
    w.repo.writeConfig({ ...w.site.config, parentPageId: readHome });
    const before = w.snapshot();
    expectRefused(await w.cli(['push']), 'CS-003', new RegExp(readHome));
    expectNothingChanged(w, before);
  });
});
