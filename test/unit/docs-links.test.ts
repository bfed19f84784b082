/**
 * Every relative link in README.md and docs/*.md resolves: the file or folder exists, and an
 * `#anchor` names a heading of the page it points into (GitHub's heading ids).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const PAGES = [
  'README.md',
  ...readdirSync(join(REPO, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** The text outside fenced code blocks and inline code, where links are links. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

export function links(markdown: string): string[] {
  const out: string[] = [];
  for (const m of prose(markdown).matchAll(
    /!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g,
  )) {
    out.push(m[1] ?? '');
  }
  return out;
}

/** GitHub's id for a heading: lower case, punctuation dropped, spaces to hyphens; repeats get -1, -2, … */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const ids = new Set<string>();
  const text = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const m of text.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = (m[1] ?? '')
      .replace(/`/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    ids.add(n === 0 ? base : `${base}-${n}`);
  }
  return ids;
}

describe('links in README.md and docs/', () => {
  it('finds links and heading ids the way GitHub does (the checker itself)', () => {
    expect(
      links('See [a](docs/a.md#x) and ![i](img.png "t"), not `[b](nope.md)`.\n```\n[c](no.md)\n```\n'),
    ).toEqual(['docs/a.md#x', 'img.png']);
    expect([...anchors('# init: a config file\n## Where `the` file is\n## Output\n## Output\n')]).toEqual([
      'init-a-config-file',
      'where-the-file-is',
      'output',
      'output-1',
    ]);
    const readme = links(readFileSync(join(REPO, 'README.md'), 'utf8'));
    expect(readme).toContain('docs/configuration.md');
    expect(readme.filter((l) => !/^https?:/.test(l)).length).toBeGreaterThan(10);
  });

  for (const page of PAGES) {
    it(`${page}: every relative link resolves`, () => {
      const text = readFileSync(join(REPO, page), 'utf8');
      const broken: string[] = [];
      for (const link of links(text)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // https:, mailto:
        const [path = '', anchor] = link.split('#');
        const target = path === '' ? join(REPO, page) : resolve(dirname(join(REPO, page)), decodeURI(path));
        if (!target.startsWith(REPO) || !existsSync(target)) {
          broken.push(`${link} (no ${relative(REPO, target)})`);
          continue;
        }
        if (anchor && target.endsWith('.md') && !anchors(readFileSync(target, 'utf8')).has(anchor)) {
          broken.push(`${link} (no heading #${anchor} in ${relative(REPO, target)})`);
        }
      }
      expect(broken).toEqual([]);
    });
  }
});
