/** Every Markdown input the converter tests know: the CommonMark spec, the GFM cases, fixtures and the real-page corpus. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tests } from 'commonmark-spec';
import { toMarkdown } from '../../../src/convert/index.js';
import { corpusContext } from '../corpus-context.js';
import { gfmCases } from '../gfm-cases.js';

export interface MarkdownInput {
  name: string;
  markdown: string;
}

const convertDir = join(import.meta.dirname, '..');

function filesIn(dir: string, ext: string): string[] {
  const path = join(convertDir, dir);
  return existsSync(path)
    ? readdirSync(path)
        .filter((f) => f.endsWith(ext))
        .sort()
    : [];
}

/** Storage pages are read as the Markdown a pull would write for them. */
function fromStorage(dir: string): MarkdownInput[] {
  return filesIn(dir, '.xml').map((f) => ({
    name: `${dir}/${f}`,
    markdown: toMarkdown(readFileSync(join(convertDir, dir, f), 'utf8'), corpusContext),
  }));
}

export function specInputs(): MarkdownInput[] {
  return (tests as { markdown: string; number: number }[]).map((t) => ({
    name: `spec #${t.number}`,
    markdown: t.markdown,
  }));
}

export function gfmInputs(): MarkdownInput[] {
  return gfmCases.map((c) => ({ name: `gfm: ${c.name}`, markdown: c.markdown }));
}

let corpus: MarkdownInput[] | undefined;

/** Made once per test process (converting the storage pages takes 2 s): callers must not change it. */
export function corpusInputs(): readonly MarkdownInput[] {
  corpus ??= [
    ...fromStorage('fixtures'),
    ...fromStorage('real-pages'),
    ...filesIn('real-docs', '.md').map((f) => ({
      name: `real-docs/${f}`,
      markdown: readFileSync(join(convertDir, 'real-docs', f), 'utf8'),
    })),
  ];
  return corpus;
}
