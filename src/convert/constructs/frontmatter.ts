/**
 * YAML front matter: `title` and `labels` (a list or a comma-separated string) are the page's
 * title and labels; every key is kept and handed to the engine. It never reaches the storage body.
 */
import { JSON_SCHEMA, dump } from 'js-yaml';
import { SyncError, isSyncError } from '../../errors.js';
import { loadFrontMatterYaml } from '../limits.js';
import type { Construct } from '../registry.js';
import { frontmatterTitle } from '../title.js';

export interface FrontmatterInfo {
  frontmatter: Record<string, unknown>;
  title?: string;
  labels?: string[];
}

export function readFrontmatter(yaml: string | null): FrontmatterInfo {
  if (yaml === null || yaml.trim() === '') return { frontmatter: {} };
  let data: unknown;
  try {
    data = loadFrontMatterYaml(yaml, { schema: JSON_SCHEMA });
  } catch (e) {
    if (isSyncError(e)) throw e;
    throw new SyncError(
      'CS-045',
      `The front matter is not valid YAML: ${(e as Error).message.split('\n')[0]}`,
      {
        hint: 'Fix the YAML between the --- lines at the top of the file.',
        cause: e,
      },
    );
  }
  if (data === null || data === undefined) return { frontmatter: {} };
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new SyncError('CS-045', 'The front matter is not a YAML mapping.', {
      hint: 'Write it as `key: value` lines between the --- lines.',
    });
  }
  const frontmatter = data as Record<string, unknown>;
  const info: FrontmatterInfo = { frontmatter };
  const title = frontmatterTitle(frontmatter);
  if (title !== undefined) info.title = title;
  const labels = frontmatter.labels ?? frontmatter.tags;
  if (Array.isArray(labels)) info.labels = labels.map((l) => String(l).trim()).filter(Boolean);
  else if (typeof labels === 'string')
    info.labels = labels
      .split(',')
      .map((l) => l.trim())
      .filter(Boolean);
  return info;
}

export function writeFrontmatter(frontmatter: Record<string, unknown> | undefined): string {
  if (!frontmatter || Object.keys(frontmatter).length === 0) return '';
  return `---\n${dump(frontmatter, { schema: JSON_SCHEMA, lineWidth: -1 })}---\n\n`;
}

export const frontmatterConstruct: Construct = {
  name: 'frontmatter',
  write: { yaml: () => '' },
  fixtures: [
    {
      name: 'not in the body',
      markdown: '---\ntitle: T\n---\n\nx\n',
      storage: '<p>x</p>',
      direction: 'toStorage',
    },
  ],
};
