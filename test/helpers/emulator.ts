/**
 * The emulator for end-to-end tests: one per test, in this process (the CLI under test talks to
 * it over HTTP), with a fresh page to sync under so every test starts from an empty tree.
 */
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/index.js';
import type { RepoConfig } from './temp-repo.js';

export type Flavor = 'cloud' | 'datacenter';

export interface TestSite {
  emulator: Emulator;
  flavor: Flavor;
  /** The page the docs tree lives under. */
  rootId: string;
  config: RepoConfig;
  /** Credentials for the CLI, as environment variables. */
  env: Record<string, string>;
  /**
   * Pages under the root (the root excluded), current only, sorted by title. With `withFolders`, the walk
   * also goes through Cloud folders, which are listed too (`kind: 'folder'`, empty body).
   */
  tree(options?: { withFolders?: boolean }): {
    kind?: 'folder';
    id: string;
    title: string;
    parentId: string | null;
    version: number;
    body: string;
    labels: string[];
  }[];
  /** A page or Cloud folder under the root, by title (folders are walked through). */
  byTitle(title: string): {
    kind?: 'folder';
    id: string;
    title: string;
    parentId: string | null;
    version: number;
    body: string;
    labels: string[];
  };
  writes(): number;
}

export async function startSite(flavor: Flavor, options: EmulatorOptions = {}): Promise<TestSite> {
  const emulator = await startEmulator({ flavor, ...options });
  const root = emulator.createPage({
    spaceKey: 'DOCS',
    title: 'Synced Docs',
    body: '<p>Root of the synced tree.</p>',
  });
  emulator.resetStats();
  const env: Record<string, string> =
    flavor === 'cloud'
      ? { CONFLUENCE_USERNAME: 'ci@example.com', CONFLUENCE_API_TOKEN: 'emulator-token' }
      : { CONFLUENCE_API_TOKEN: 'emulator-token' };
  const tree = (options: { withFolders?: boolean } = {}) => {
    const folders = options.withFolders
      ? emulator
          .content('DOCS')
          .filter((c) => c.kind === 'folder' && c.status === 'current')
          .map((c) => ({
            kind: 'folder' as const,
            id: c.id,
            title: c.title,
            parentId: c.parentId,
            version: c.version,
            body: '',
            labels: [] as string[],
          }))
      : [];
    const pages = [...emulator.pages('DOCS').filter((p) => p.status === 'current'), ...folders];
    const under = new Set([root.id]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const p of pages) {
        if (p.parentId && under.has(p.parentId) && !under.has(p.id)) {
          under.add(p.id);
          grew = true;
        }
      }
    }
    return pages
      .filter((p) => p.id !== root.id && under.has(p.id))
      .sort((a, b) => a.title.localeCompare(b.title));
  };
  return {
    emulator,
    flavor,
    rootId: root.id,
    config: { confluenceUrl: emulator.url, spaceKey: 'DOCS', parentPageId: root.id, flavor },
    env,
    tree,
    byTitle(title) {
      const page = tree({ withFolders: true }).find((p) => p.title === title);
      if (!page)
        throw new Error(
          `no page titled "${title}" under the root; have: ${tree({ withFolders: true })
            .map((p) => p.title)
            .join(', ')}`,
        );
      return page;
    },
    writes: () => emulator.stats().writes,
  };
}
