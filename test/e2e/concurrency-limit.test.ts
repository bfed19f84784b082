/**
 * `concurrentOperations` is the most requests Confluence sees in flight at once (docs/configuration.md),
 * for a user who lowered it for a rate limit: counted by the emulator over a whole push of edited pages,
 * the listing, the bodies read beside it (Data Center: batches side by side) and the writes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { startSite, type Flavor, type TestSite } from '../helpers/emulator.js';
import { createTempRepo, type TempRepo } from '../helpers/temp-repo.js';

const PAGES = 30;
const open: { site: TestSite; repo: TempRepo }[] = [];

afterEach(async () => {
  for (const { site, repo } of open.splice(0)) {
    await site.emulator.stop();
    repo.cleanup();
  }
});

function files(version: string): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: PAGES }, (_, i) => [`docs/page-${i}.md`, `# Page ${i}\n\nText ${version}.\n`]),
  );
}

/** The most requests in flight during a push of every page edited (the pages exist and are synced). */
async function peakOfEditedPush(
  flavor: Flavor,
  concurrentOperations: number,
  newerManifest = false,
): Promise<number> {
  const site = await startSite(flavor);
  const repo = createTempRepo(files('one'));
  open.push({ site, repo });
  repo.writeConfig({ ...site.config, concurrentOperations });
  expect((await runCli(['push'], { cwd: repo.dir, env: site.env })).code).toBe(0);
  for (const [path, text] of Object.entries(files('two'))) repo.write(path, text);
  if (newerManifest) {
    // hashes of a newer release are forgotten: each page is then checked by who wrote its newest version
    const manifest = JSON.parse(repo.read('.confluence-sync.json')) as { hashForm?: number };
    manifest.hashForm = 99;
    repo.write('.confluence-sync.json', JSON.stringify(manifest));
  }
  // every request takes long enough for the others to pile up behind the limit
  site.emulator.setFaults({ latencyMs: 15 });
  site.emulator.resetStats();
  const push = await runCli(['push'], { cwd: repo.dir, env: site.env });
  expect(push.code, push.stderr).toBe(0);
  expect(site.byTitle('Page 7').body).toContain('Text two.');
  return site.emulator.stats().maxInFlight;
}

describe('concurrentOperations bounds the requests in flight, the batched body reads included', () => {
  for (const flavor of ['datacenter', 'cloud'] as const) {
    it.each([1, 2])(`${flavor}: concurrentOperations %i`, async (limit) => {
      const peak = await peakOfEditedPush(flavor, limit);
      expect(peak).toBeLessThanOrEqual(limit);
      // the limit is used, not just respected
      expect(peak).toBe(limit);
    });
  }

  it.each(['datacenter', 'cloud'] as const)(
    '%s: the version checks of a manifest a newer release wrote, concurrentOperations 2',
    async (flavor) => {
      expect(await peakOfEditedPush(flavor, 2, true)).toBe(2);
    },
  );
});
