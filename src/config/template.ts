/** The commented `.confluence-sync.yml` that `confluence-sync init` writes. */
import { dump } from 'js-yaml';
import type { Flavor } from '../confluence/types.js';

export interface TemplateValues {
  confluenceUrl: string;
  spaceKey: string;
  flavor?: Flavor;
  parentPageId?: string;
  localRoot: string;
}

/** A YAML scalar, quoted when YAML would read it as something else (numbers, booleans, `:`). */
function scalar(value: string): string {
  return dump(value, { lineWidth: -1 }).trimEnd();
}

export function configTemplate(v: TemplateValues): string {
  const lines = [
    '# confluence-sync configuration: keeps the Markdown folder below and a tree of Confluence pages in step.',
    '# Reference: docs/configuration.md. Check it with: confluence-sync doctor',
    '# Secrets never go here: set CONFLUENCE_API_TOKEN (and CONFLUENCE_USERNAME for Cloud) in the environment.',
    '',
    '# The site (Cloud: https://SITE.atlassian.net/wiki; Data Center: the address you open in a browser).',
    `confluenceUrl: ${scalar(v.confluenceUrl)}`,
  ];
  if (v.flavor) {
    lines.push(`# cloud (REST v2) or datacenter (REST v1); without it, *.atlassian.net means cloud.`);
    lines.push(`flavor: ${v.flavor}`);
  }
  lines.push(
    '',
    '# The space the pages live in (its key, as in the space URL).',
    `spaceKey: ${scalar(v.spaceKey)}`,
  );
  lines.push(
    '',
    '# The page the docs tree hangs under (its id, from the page URL); without it, the space home page.',
  );
  lines.push(v.parentPageId ? `parentPageId: '${v.parentPageId}'` : "# parentPageId: '123456'");
  lines.push(
    '',
    '# The Markdown folder, relative to this file.',
    `localRoot: ${scalar(v.localRoot)}`,
    '',
    '# Optional settings, with their defaults:',
    "# includePatterns: ['**/*.md']",
    "# excludePatterns: ['**/node_modules/**', '**/.git/**']",
    '# conflictStrategy: manual      # manual | local-first | remote-first | merge',
    '# onLocalDelete: keep           # keep | archive | delete',
    '# concurrentOperations: 5',
    '# manifestPath: .confluence-sync.json   # commit it: it is what makes the next run incremental',
    '',
  );
  return lines.join('\n');
}
