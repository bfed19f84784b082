/**
 * No-op request count of a Cloud tree with folders (issue 13): N pages spread over F folders (two
 * levels: F/5 top folders, the rest inside them), a real first pull, then `sync` with nothing changed,
 * counted by the in-process emulator per route.
 *
 *   npx tsx bench/folders-noop.ts            # 1,000 pages, 50 folders
 *   npx tsx bench/folders-noop.ts 300 10
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSync } from '../src/sync/engine.js';
import type { SyncConfig } from '../src/config/types.js';
import { startEmulator } from '../test/emulator/index.js';

const pages = Number(process.argv[2] ?? 1000);
const folders = Number(process.argv[3] ?? 50);

const emulator = await startEmulator({ flavor: 'cloud' });
const dir = mkdtempSync(join(tmpdir(), 'cs-folders-noop-'));
try {
  const rootId = emulator.createPage({ spaceKey: 'DOCS', title: 'Synced Docs', body: '<p>root</p>' }).id;
  const top = Math.max(1, Math.floor(folders / 5));
  const folderIds: string[] = [];
  for (let f = 0; f < folders; f++) {
    const parentId = f < top ? rootId : folderIds[f % top]!;
    folderIds.push(
      emulator.createContent({ spaceKey: 'DOCS', kind: 'folder', title: `Folder ${f}`, parentId }).id,
    );
  }
  for (let i = 0; i < pages; i++) {
    emulator.createPage({
      spaceKey: 'DOCS',
      parentId: folderIds[i % folders] ?? rootId,
      title: `Page ${i}`,
      body: `<p>Page ${i} text.</p>`,
    });
  }
  const config: SyncConfig = {
    cwd: dir,
    profileName: 'default',
    confluenceUrl: emulator.url,
    flavor: 'cloud',
    credentials: { username: 'ci@example.com', token: 'emulator-token' },
    spaceKey: 'DOCS',
    parentPageId: rootId,
    localRoot: 'docs',
    includePatterns: ['**/*.md'],
    excludePatterns: [],
    concurrentOperations: 5,
    conflictStrategy: 'manual',
    onLocalDelete: 'keep',
    manifestPath: '.confluence-sync.json',
  };
  const first = await runSync(config, { mode: 'pull' });
  if (first.exitCode !== 0) throw new Error(`first pull failed (exit ${first.exitCode})`);
  const firstRequests = emulator.stats().total;
  emulator.resetStats();
  const noop = await runSync(config, { mode: 'sync' });
  const stats = emulator.stats();
  console.log(
    JSON.stringify(
      {
        pages,
        folders,
        firstPullRequests: firstRequests,
        noop: {
          exitCode: noop.exitCode,
          changes: noop.changeSet.changes.length,
          requests: stats.total,
          writes: stats.writes,
          byRoute: stats.byRoute,
        },
        pagesOnlyListingWouldBe: Math.ceil((pages + 4) / 250) + 1,
      },
      null,
      2,
    ),
  );
} finally {
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
}
