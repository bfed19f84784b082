/**
 * The emulator in its own process (a child of the benchmark), so Confluence's side of the work does
 * not share a CPU with the engine being measured — as with a real, remote Confluence. The parent
 * drives it over IPC: `{ id, method, args }` → `{ id, result }` or `{ id, error }`. Content is
 * written through the emulator's direct API (not HTTP, not counted).
 */
import { startEmulator, type Emulator } from '../test/emulator/index.js';
import { pageBody, pageTitle, sectionTitle } from './content.js';

/** Pages per section: the tree is root → sections → pages, like a real docs folder. */
export const SECTION_SIZE = 50;

interface Call {
  id: number;
  method: string;
  args: unknown[];
}

/** root → ⌈n/50⌉ section pages → the rest as their children: n pages in all. Returns their ids. */
export function seedTree(emulator: Emulator, rootId: string, n: number): string[] {
  const ids: string[] = [];
  let section: string | undefined;
  let sectionNo = 0;
  let inSection = SECTION_SIZE;
  for (let i = 0; i < n; i++) {
    if (inSection === SECTION_SIZE || section === undefined) {
      sectionNo++;
      section = emulator.createPage({
        spaceKey: 'DOCS',
        parentId: rootId,
        title: sectionTitle(sectionNo),
        body: pageBody(`section ${sectionNo}`),
      }).id;
      ids.push(section);
      inSection = 1;
      continue;
    }
    ids.push(
      emulator.createPage({
        spaceKey: 'DOCS',
        parentId: section,
        title: pageTitle(sectionNo, inSection),
        body: pageBody(`page ${sectionNo}.${inSection}`),
      }).id,
    );
    inSection++;
  }
  return ids;
}

async function main(): Promise<void> {
  const flavor = process.env.BENCH_FLAVOR === 'datacenter' ? 'datacenter' : 'cloud';
  const emulator = await startEmulator({ port: 0, flavor });
  const methods: Record<string, (...args: never[]) => unknown> = {
    stats: () => emulator.stats(),
    resetStats: () => emulator.resetStats(),
    setFaults: (f: Parameters<Emulator['setFaults']>[0]) => emulator.setFaults(f),
    createPage: (p: Parameters<Emulator['createPage']>[0]) => emulator.createPage(p),
    editPage: (id: string, p: Parameters<Emulator['editPage']>[1]) => emulator.editPage(id, p),
    getPage: (id: string) => emulator.getPage(id),
    pages: (key: string) => emulator.pages(key),
    attachments: (id: string) => emulator.attachments(id),
    seedTree: (rootId: string, n: number) => seedTree(emulator, rootId, n),
    stop: async () => {
      await emulator.stop();
      setImmediate(() => process.exit(0));
    },
  };
  process.on('message', (message: Call) => {
    void (async () => {
      try {
        const fn = methods[message.method];
        if (!fn) throw new Error(`unknown emulator method ${message.method}`);
        const result = await (fn as (...args: unknown[]) => unknown)(...message.args);
        process.send?.({ id: message.id, result });
      } catch (e) {
        process.send?.({ id: message.id, error: (e as Error).message });
      }
    })();
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ ready: true, url: emulator.url });
}

if (process.send) await main();
