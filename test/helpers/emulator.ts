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
  /** Pages under the root (the root excluded), current only, sorted by title. */
  tree(): {
    id: string;
    title: string;
    parentId: string | null;
    version: number;
    body: string;
    labels: string[];
  }[];
  byTitle(title: string): {
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
  const tree = () => {
    const pages = emulator.pages('DOCS').filter((p) => p.status === 'current');
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
      const page = tree().find((p) => p.title === title);
      if (!page)
        throw new Error(
          `no page titled "${title}" under the root; have: ${tree()
            .map((p) => p.title)
            .join(', ')}`,
        );
      return page;
    },
    writes: () => emulator.stats().writes,
  };
}
