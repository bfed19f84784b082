/**
 * The real-pages corpus through the engine, not only the converter: every page seeded in the
 * emulator, pulled by the CLI as a process, then pushed untouched. The converter's figures
 * (test/convert/real-pages.test.ts) use a fixed link context; the engine resolves links and
 * attachments itself (pages of this run, downloads not yet on disk), so its pulled files must be as
 * readable, and a push of what a pull wrote must write nothing.
 */
import { describe, expect, it } from 'vitest';
import { toMarkdown } from '../../src/convert/index.js';
import { acceptedByEngine, carried, median, realPages } from '../convert/real-corpus.js';
import { corpusContext } from '../convert/corpus-context.js';
import { startSite } from '../helpers/emulator.js';
import { runCli } from '../helpers/run-cli.js';
import { createTempRepo } from '../helpers/temp-repo.js';

const share = (markdown: string): number => (markdown.length ? carried(markdown).chars / markdown.length : 0);

describe('real pages through the engine (Cloud)', () => {
  it('pull writes files as readable as the converter figures, and a push of them writes nothing', async (t) => {
    const site = await startSite('cloud');
    const repo = createTempRepo({});
    t.onTestFinished(async () => {
      await site.emulator.stop();
      repo.cleanup();
    });
    repo.writeConfig(site.config);
    const pages = realPages().filter((p) => p.kind !== 'fragment' && acceptedByEngine(p.storage));
    const ids = new Map<string, string>();
    for (const p of pages) {
      const title = p.file.replace(/\.xml$/, '');
      ids.set(
        site.emulator.createPage({ spaceKey: 'DOCS', parentId: site.rootId, title, body: p.storage }).id,
        p.file,
      );
    }

    const pull = await runCli(['pull'], { cwd: repo.dir, env: site.env });
    expect(pull.code, pull.stdout + pull.stderr).toBe(0);
    const manifest = repo.manifest();
    const engine: number[] = [];
    const converter: number[] = [];
    for (const [id, file] of ids) {
      const record = manifest.pages[id];
      expect(record, `${file} was not pulled`).toBeDefined();
      engine.push(share(repo.read(`docs/${record!.localPath}`)));
      converter.push(share(toMarkdown(pages.find((p) => p.file === file)!.storage, corpusContext)));
    }
    console.log(
      `real pages through the engine: ${ids.size} pages, carry median ${(median(engine) * 100).toFixed(1)}% (converter ${(median(converter) * 100).toFixed(1)}%)`,
    );
    expect(median(engine)).toBeLessThanOrEqual(median(converter) + 0.01);

    const before = site.writes();
    const push = await runCli(['push'], { cwd: repo.dir, env: site.env });
    expect(push.code, push.stdout + push.stderr).toBe(0);
    expect(site.writes() - before).toBe(0);
    const again = await runCli(['pull'], { cwd: repo.dir, env: site.env });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/0 created, 0 updated/);
  });
});
