/**
 * Large pages: Markdown → storage of list-, quote- and table-heavy pages at 100 KB and 1 MB (the 1 MB
 * page must take at most 1.5 × ten times the 100 KB page: linear, and under 2 s), and storage →
 * Markdown of plain pages at the same sizes (linear, and at least 5 MB/s of storage).
 */
import { parse, postprocess, preprocess } from 'micromark';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { toMarkdown, toStorage } from '../../src/convert/index.js';
import { PAGE_SHAPES, shapedMarkdown, type PageShape } from '../page-shapes.js';
import { round, seconds, type Row } from '../results.js';

export const LINEAR_MARGIN = 1.5;
export const LARGE_PAGE_SECONDS = 2;
export const STORAGE_TO_MD_MBPS = 5;

export interface LargePageFigures {
  shape: PageShape;
  direction: 'md→storage' | 'storage→md';
  small: { bytes: number; ms: number; cpuMs: number };
  large: { bytes: number; ms: number; cpuMs: number };
  /**
   * large CPU ms ÷ (small CPU ms × bytes ratio): 1 is perfectly linear. CPU time, not wall time, so
   * that other work on a shared machine does not move the ratio.
   */
  linearity: number;
  largeMbps: number;
  /**
   * storage → md only: the large page converted again right after (fastest of two more runs, CPU
   * time): the first run of the large page also pays for the JIT compiling its hot paths further.
   * For information; the goal is judged on the first run.
   */
  warmCpuMbps?: number;
  /**
   * md → storage only: CPU ms of micromark's tokenizer alone on the large page (events only: no tree,
   * no storage), the first step of the Markdown parser remark is built on, with CommonMark only and with
   * the extensions the converter uses (GFM, front matter): a floor under the conversion with this stack.
   */
  tokenizerCpuMs?: { commonmark: number; withGfm: number };
}

const CONVERTER_SYNTAX: NonNullable<Parameters<typeof parse>[0]> = {
  extensions: [gfm(), frontmatter(['yaml'])],
};

/** micromark's tokenizer over the whole document, events only (what fromMarkdown starts from). */
function tokenize(markdown: string, options?: Parameters<typeof parse>[0]): number {
  return postprocess(
    parse(options)
      .document()
      .write(preprocess()(markdown, undefined, true)),
  ).length;
}

setFlagsFromString('--expose-gc');
const fullGc = runInNewContext('gc') as () => void;

/**
 * Each figure starts from a collected heap: what the run before it left (6 MB of Markdown converted leave
 * ~1 GB of garbage in the old generation, which makes every young collection of the next run 2-3× slower)
 * is not charged to it.
 */
function fromCollectedHeap<T>(measure: () => T): T {
  fullGc();
  return measure();
}

/** Fastest of `runs` calls (wall and CPU ms), after one warm-up call when there are several. */
function fastest(runs: number, fn: () => unknown): { ms: number; cpuMs: number } {
  if (runs > 1) fn();
  let best = { ms: Infinity, cpuMs: Infinity };
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    fn();
    const ms = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    if (cpuMs < best.cpuMs) best = { ms, cpuMs };
  }
  return best;
}

function figures(
  shape: PageShape,
  direction: LargePageFigures['direction'],
  small: string,
  large: string,
  convert: (input: string) => unknown,
  runs: { small: number; large: number },
): LargePageFigures {
  const s = { bytes: Buffer.byteLength(small), ...fastest(runs.small, () => convert(small)) };
  const l = { bytes: Buffer.byteLength(large), ...fastest(runs.large, () => convert(large)) };
  return {
    shape,
    direction,
    small: { bytes: s.bytes, ms: round(s.ms), cpuMs: round(s.cpuMs) },
    large: { bytes: l.bytes, ms: round(l.ms), cpuMs: round(l.cpuMs) },
    linearity: round(l.cpuMs / (s.cpuMs * (l.bytes / s.bytes)), 2),
    largeMbps: round(l.bytes / 1e6 / (l.ms / 1000), 2),
  };
}

export function largePages(quick: boolean): LargePageFigures[] {
  const [smallSize, largeSize] = quick ? [20_000, 200_000] : [100_000, 1_000_000];
  const runs = { small: 3, large: 1 };
  const out: LargePageFigures[] = [];
  for (const shape of PAGE_SHAPES.filter((s) => s !== 'plain')) {
    const small = shapedMarkdown(shape, smallSize);
    const large = shapedMarkdown(shape, largeSize);
    const converted = fromCollectedHeap(() =>
      figures(shape, 'md→storage', small, large, (md) => toStorage(md), runs),
    );
    const tokenizerCpuMs = {
      commonmark: round(fromCollectedHeap(() => fastest(1, () => tokenize(large))).cpuMs),
      withGfm: round(fromCollectedHeap(() => fastest(1, () => tokenize(large, CONVERTER_SYNTAX))).cpuMs),
    };
    out.push({ ...converted, tokenizerCpuMs });
  }
  const small = toStorage(shapedMarkdown('plain', smallSize)).storage;
  const large = toStorage(shapedMarkdown('plain', largeSize)).storage;
  const plain = fromCollectedHeap(() =>
    figures('plain', 'storage→md', small, large, (s) => toMarkdown(s), runs),
  );
  let warmCpuMs = Infinity;
  for (let i = 0; i < 2; i++) {
    const cpu = process.cpuUsage();
    toMarkdown(large);
    const used = process.cpuUsage(cpu);
    warmCpuMs = Math.min(warmCpuMs, (used.user + used.system) / 1000);
  }
  out.push({ ...plain, warmCpuMbps: round(plain.large.bytes / 1e6 / (warmCpuMs / 1000), 2) });
  return out;
}

const kb = (bytes: number): string =>
  bytes >= 1e6 ? `${(bytes / 1e6).toFixed(2)} MB` : `${Math.round(bytes / 1e3)} KB`;

export function largePageRows(all: readonly LargePageFigures[]): Row[] {
  return all.map((f) => {
    const tenfold = f.large.bytes / f.small.bytes;
    const common =
      `${kb(f.large.bytes)} in ${seconds(f.large.ms)} (${f.largeMbps} MB/s); ${kb(f.small.bytes)} in ` +
      `${seconds(f.small.ms)}; CPU ${seconds(f.large.cpuMs)} vs ${seconds(f.small.cpuMs)} → ` +
      `${round(f.large.cpuMs / f.small.cpuMs, 1)}× for ${round(tenfold, 1)}× the size, ${f.linearity}× linear`;
    if (f.direction === 'md→storage') {
      const floor =
        f.tokenizerCpuMs === undefined
          ? ''
          : `; micromark's tokenizer alone (events, no tree): CPU ${seconds(f.tokenizerCpuMs.withGfm)} with GFM, ` +
            `${seconds(f.tokenizerCpuMs.commonmark)} CommonMark only`;
      return {
        scenario: `Converter, md → storage of a ${f.shape}-heavy page`,
        figures: common + floor,
        goal: `≤ ${LINEAR_MARGIN}× linear, < ${LARGE_PAGE_SECONDS} s`,
        met: f.linearity <= LINEAR_MARGIN && f.large.ms < LARGE_PAGE_SECONDS * 1000,
      };
    }
    const warm = f.warmCpuMbps === undefined ? '' : `; run again, warm: ${f.warmCpuMbps} MB/s of CPU`;
    return {
      scenario: `Converter, storage → md of a ${f.shape} page`,
      figures: common + warm,
      goal: `≤ ${LINEAR_MARGIN}× linear, ≥ ${STORAGE_TO_MD_MBPS} MB/s`,
      met: f.linearity <= LINEAR_MARGIN && f.largeMbps >= STORAGE_TO_MD_MBPS,
    };
  });
}
