/**
 * Converter throughput comes from the converter's own benchmark (bench/convert.ts, `npm run
 * bench:convert`), run here as a child process in the same run; its table is kept verbatim and its
 * figures are read from it.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
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

export async function converterThroughput(_quick: boolean): Promise<ConverterFigures> {
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

export function converterRows(c: ConverterFigures): Row[] {
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
