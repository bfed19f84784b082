/**
 * Converter throughput, two ways:
 * - always: both directions over the pages this benchmark syncs (~1.5 KB each, the engine's real load);
 * - with `--convert-sweep`: the converter's own benchmark (bench/convert.ts, 1 KB … 1 MB pages, against a
 *   bare remark round trip), run as a child process in the same run; its table is kept verbatim. It
 *   takes minutes (the 1 MB page alone), so it is not part of the default run.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { markdownPage, pageBody } from '../content.js';
import { toMarkdown, toStorage } from '../../src/convert/index.js';
import type { Row } from '../results.js';

const SCRIPT = fileURLToPath(new URL('../convert.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface ConverterFigures {
  /** The table bench/convert.ts printed. */
  table: string;
  /** Its rows by column name, e.g. { "md size": "10 KB", "md→storage": "1.23 ms", … }. */
  rows: Record<string, string>[];
  ms: number;
}

export function parseTable(text: string): Record<string, string>[] {
  const lines = text.split('\n').filter((l) => l.trim().startsWith('|'));
  const cells = (line: string) =>
    line
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim());
  const [head, , ...body] = lines;
  if (!head) return [];
  const names = cells(head);
  return body.map((line) => {
    const row: Record<string, string> = {};
    cells(line).forEach((c, i) => {
      let name = names[i] ?? `column ${i}`;
      while (name in row) name = `${name} `; // two "MB/s" columns: the second gets a trailing space
      row[name] = c;
    });
    return row;
  });
}

export async function convertSweep(): Promise<ConverterFigures> {
  const started = performance.now();
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', TSX, SCRIPT],
      { maxBuffer: 8 * 1024 * 1024, timeout: 300_000 },
      (error, out, err) =>
        error ? reject(new Error(`bench/convert.ts failed: ${err || error.message}`)) : resolve(out),
    );
  });
  return { table: stdout.trim(), rows: parseTable(stdout), ms: Math.round(performance.now() - started) };
}

export function sweepRows(c: ConverterFigures): Row[] {
  const rows = c.rows.filter((r) => r['md size'] !== undefined);
  if (rows.length === 0) {
    return [
      {
        scenario: 'Converter throughput (bench/convert.ts)',
        figures: c.table.replace(/\n/g, ' '),
        goal: '',
        met: null,
      },
    ];
  }
  return rows.map((r) => ({
    scenario: `Converter, ${r['md size']} Markdown page`,
    figures:
      `md→storage ${r['md→storage'] ?? '?'} (${r['MB/s'] ?? '?'} MB/s, ${r.ratio ?? '?'}× a bare remark round trip); ` +
      `storage→md ${r['storage→md'] ?? '?'} (${r['MB/s '] ?? '?'} MB/s)`,
    goal: '',
    met: null,
  }));
}

export interface PageConvertFigures {
  pages: number;
  markdownBytes: number;
  storageBytes: number;
  toStorageMs: number;
  toMarkdownMs: number;
}

/** Converts `pages` benchmark pages each way (after a warm-up of 20) and times the lot. */
export function pageThroughput(pages: number): PageConvertFigures {
  const markdown = Array.from({ length: pages }, (_, i) => markdownPage(`Topic ${i}`, `page ${i}`));
  const storage = Array.from({ length: pages }, (_, i) => pageBody(`page ${i}`));
  for (let i = 0; i < 20; i++) {
    toStorage(markdown[i % pages]!);
    toMarkdown(storage[i % pages]!);
  }
  let t = performance.now();
  for (const md of markdown) toStorage(md);
  const toStorageMs = performance.now() - t;
  t = performance.now();
  for (const s of storage) toMarkdown(s);
  const toMarkdownMs = performance.now() - t;
  return {
    pages,
    markdownBytes: markdown.reduce((n, m) => n + Buffer.byteLength(m), 0),
    storageBytes: storage.reduce((n, m) => n + Buffer.byteLength(m), 0),
    toStorageMs: Math.round(toStorageMs),
    toMarkdownMs: Math.round(toMarkdownMs),
  };
}

export function pageThroughputRows(f: PageConvertFigures): Row[] {
  const perPage = (ms: number) => `${(ms / f.pages).toFixed(2)} ms/page`;
  const mbps = (bytes: number, ms: number) => `${(bytes / 1e6 / (ms / 1000)).toFixed(2)} MB/s`;
  return [
    {
      scenario: `Converter, ${f.pages} benchmark pages (~${Math.round(f.markdownBytes / f.pages / 100) / 10} KB each)`,
      figures:
        `md→storage ${perPage(f.toStorageMs)} (${mbps(f.markdownBytes, f.toStorageMs)}); ` +
        `storage→md ${perPage(f.toMarkdownMs)} (${mbps(f.storageBytes, f.toMarkdownMs)})`,
      goal: '',
      met: null,
    },
  ];
}
