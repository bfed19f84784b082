/**
 * `npm run bench:convert`: converter throughput both ways on generated pages (1 KB … 1 MB), and
 * md → storage time against a bare remark parse + stringify of the same input, in the same run.
 * Turndown (HTML → Markdown on a DOM) is timed on the same storage for comparison.
 */
import { performance } from 'node:perf_hooks';
import TurndownService from 'turndown';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { toMarkdown, toStorage } from '../src/convert/index.js';

const SECTION = (n: number): string => `## Section ${n}

Some **bold** and *emphasised* text with \`inline code\`, a [link](https://example.com/${n}) and
a line that wraps onto a second line, plus ~~struck~~ words and an emoji :smile:.

- first item with <span data-status="Green">DONE</span>
- second item
  1. nested one
  2. nested two
- third item

Tasks:

- [ ] a task
- [x] done task

| Name | Value |
| :--- | ----: |
| a${n} | ${n} |
| b | \`x\\|y\` |

\`\`\`ts title="file${n}.ts"
const x = ${n};
console.log(x);
\`\`\`

> [!NOTE]
> A note with a ![picture](pic${n}.png).

<details>
<summary>More</summary>

Hidden paragraph ${n}.

</details>

<!--cs:<ac:structured-macro ac:name="jira"><ac:parameter ac:name="key">OPS-${n}</ac:parameter></ac:structured-macro>-->

`;

function page(bytes: number): string {
  let md = '# Generated page\n\n[TOC]\n\n';
  for (let n = 1; Buffer.byteLength(md) < bytes; n++) md += SECTION(n);
  return md;
}

const remark = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkStringify);
const turndown = new TurndownService();

/** Median milliseconds of `runs` calls (after one warm-up call for the small sizes). */
function time(runs: number, fn: () => unknown): number {
  if (runs > 3) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

const mbps = (bytes: number, ms: number): string => (bytes / 1e6 / (ms / 1000)).toFixed(1);

const head = [
  'md size',
  'storage size',
  'md→storage',
  'MB/s',
  'bare remark',
  'ratio',
  'storage→md',
  'MB/s',
  'turndown',
];
const widths = [8, 12, 12, 6, 12, 6, 12, 6, 12];
const fmt = (r: string[]): string => `| ${r.map((c, i) => c.padStart(widths[i]!)).join(' | ')} |`;
const sizes = (process.argv[2] ?? '1000,10000,100000,1000000').split(',').map(Number);
console.log(`Node ${process.version}, median of several runs\n`);
console.log(fmt(head));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const size of sizes) {
  const md = page(size);
  const storage = toStorage(md).storage;
  const runs = size >= 1_000_000 ? 3 : size >= 100_000 ? 5 : size >= 10_000 ? 20 : 100;
  const toS = time(runs, () => toStorage(md));
  const bare = time(runs, () => String(remark.processSync(md)));
  const toM = time(runs, () => toMarkdown(storage));
  const td = time(runs, () => turndown.turndown(storage));
  console.log(
    fmt([
      `${(Buffer.byteLength(md) / 1000).toFixed(0)} KB`,
      `${(Buffer.byteLength(storage) / 1000).toFixed(0)} KB`,
      `${toS.toFixed(2)} ms`,
      mbps(Buffer.byteLength(md), toS),
      `${bare.toFixed(2)} ms`,
      (toS / bare).toFixed(2),
      `${toM.toFixed(2)} ms`,
      mbps(Buffer.byteLength(storage), toM),
      `${td.toFixed(2)} ms`,
    ]),
  );
}
