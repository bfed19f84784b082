import type { ConvertContext } from '../../src/convert/index.js';

/** What the engine would supply for the corpus pages: two known pages and an img/ folder. */
const PAGES: Record<string, string> = {
  'Deploy Guide': 'deploy-guide.md',
  'Design Notes@ARCH': '../arch/design-notes.md',
};

export const corpusContext: ConvertContext = {
  pageToHref: (ref) => PAGES[ref.spaceKey ? `${ref.title}@${ref.spaceKey}` : ref.title] ?? null,
  resolvePageLink: (href) => {
    const key = Object.keys(PAGES).find((k) => PAGES[k] === href);
    if (!key) return null;
    const [title, spaceKey] = key.split('@') as [string, string?];
    return spaceKey ? { title, spaceKey } : { title };
  },
  attachmentToPath: (filename) => `img/${encodeURIComponent(filename)}`,
  resolveAttachment: (src) => (src.startsWith('img/') ? decodeURIComponent(src.slice(4)) : null),
};
