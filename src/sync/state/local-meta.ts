/**
 * What the scan needs from a Markdown file without converting it: front matter (title, labels) and the
 * text of the first level-1 heading.
 */
import { YAMLException } from 'js-yaml';
import { firstHeadingOf, frontmatterTitle, loadFrontMatterYaml } from '../../convert/index.js';
import { SyncError } from '../../errors.js';

export interface LocalMeta {
  frontmatter: Record<string, unknown>;
  title?: string;
  labels: string[];
  firstHeading?: string;
}

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/** `path` is only used in error messages. */
export function readLocalMeta(markdown: string, path: string): LocalMeta {
  const text = markdown.replace(/^\uFEFF/, '');
  const match = FRONT_MATTER.exec(text);
  let frontmatter: Record<string, unknown> = {};
  if (match) {
    let data: unknown;
    try {
      data = loadFrontMatterYaml(match[1] ?? '');
    } catch (e) {
      if (e instanceof SyncError) throw e;
      const line = e instanceof YAMLException && e.mark ? ` at line ${e.mark.line + 2}` : '';
      throw new SyncError('CS-045', `The front matter of ${path} is not valid YAML${line}.`, {
        hint: 'Fix the YAML between the --- lines at the top of the file.',
        cause: e,
      });
    }
    if (data !== null && typeof data === 'object' && !Array.isArray(data))
      frontmatter = data as Record<string, unknown>;
  }
  const body = match ? text.slice(match[0].length) : text;
  const meta: LocalMeta = { frontmatter, labels: labelsOf(frontmatter.labels) };
  const title = frontmatterTitle(frontmatter);
  if (title !== undefined) meta.title = title;
  const heading = firstHeading(body);
  if (heading) meta.firstHeading = heading;
  return meta;
}

/** Confluence labels are lower case without spaces; a list or a comma-separated string is accepted. */
export function labelsOf(value: unknown): string[] {
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  const labels = raw
    .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
    .map((v) => String(v).trim().toLowerCase().replace(/\s+/g, '-'))
    .filter((v) => v !== '');
  return [...new Set(labels)].sort();
}

function firstHeading(body: string): string | undefined {
  // Cheap pre-check: most files without "#" or "===" underline have no level-1 heading at all.
  if (!/^ {0,3}#(?:[ \t]|$)|^ {0,3}=+[ \t]*$/m.test(body)) return undefined;
  return firstHeadingOf(body);
}
