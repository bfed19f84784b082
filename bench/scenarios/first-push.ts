/**
 * First push of a Markdown tree with images into an empty page: every page and image is created;
 * then a second push with nothing changed must upload no attachment and write no page.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { markdownPage, pngImage, pageTitle, sectionTitle } from '../content.js';
import { SECTION_SIZE } from '../emulator-child.js';
import { applied, expectRun, startSite } from '../site.js';
import { round, seconds, thousands, type Row } from '../results.js';

export interface FirstPushFigures {
  pages: number;
  images: number;
  first: { ms: number; requests: number; writes: number; uploads: number; byRoute: Record<string, number> };
  second: { ms: number; requests: number; writes: number; uploads: number };
  attachmentsInConfluence: number;
}

const UPLOAD_ROUTE = /attachment/;

/** Writes n pages (sections of 50: an index.md and its pages); `images` of the pages show their own image. */
function writeTree(docs: string, n: number, images: number): void {
  const topics = n - Math.ceil(n / SECTION_SIZE);
  const every = Math.max(1, Math.floor(topics / Math.max(1, images)));
  let placed = 0;
  let topic = 0;
  for (let i = 0, section = 0, inSection = SECTION_SIZE; i < n; i++) {
    if (inSection === SECTION_SIZE) {
      section++;
      inSection = 1;
      mkdirSync(join(docs, `section-${section}`), { recursive: true });
      writeFileSync(
        join(docs, `section-${section}`, 'index.md'),
        markdownPage(sectionTitle(section), `section ${section}`),
      );
      continue;
    }
    const image = placed < images && topic % every === 0 ? `diagram-${section}-${inSection}.png` : undefined;
    if (image) {
      writeFileSync(join(docs, `section-${section}`, image), pngImage(i));
      placed++;
    }
    writeFileSync(
      join(docs, `section-${section}`, `topic-${inSection}.md`),
      markdownPage(pageTitle(section, inSection), `page ${section}.${inSection}`, image),
    );
    topic++;
    inSection++;
  }
  if (placed !== images) throw new Error(`placed ${placed} images, wanted ${images}`);
}

function uploadsOf(byRoute: Record<string, number>): number {
  return Object.entries(byRoute)
    .filter(([route]) => !route.startsWith('GET') && UPLOAD_ROUTE.test(route))
    .reduce((sum, [, count]) => sum + count, 0);
}

export async function firstPush(pages: number, images: number): Promise<FirstPushFigures> {
  const site = await startSite({ pages: 0 });
  try {
    writeTree(join(site.dir, 'docs'), pages, images);
    const first = await site.run('push');
    expectRun(first.value, 'first push');
    if (applied(first.value) !== pages)
      throw new Error(`first push applied ${applied(first.value)} changes, not ${pages}`);
    const second = await site.run('push');
    expectRun(second.value, 'second push');
    let attachments = 0;
    for (const page of await site.emulator.pages('DOCS')) {
      attachments += (await site.emulator.attachments(page.id)).length;
    }
    return {
      pages,
      images,
      first: {
        ms: round(first.ms),
        requests: first.stats.total,
        writes: first.stats.writes,
        uploads: uploadsOf(first.stats.byRoute),
        byRoute: first.stats.byRoute,
      },
      second: {
        ms: round(second.ms),
        requests: second.stats.total,
        writes: second.stats.writes,
        uploads: uploadsOf(second.stats.byRoute),
      },
      attachmentsInConfluence: attachments,
    };
  } finally {
    await site.stop();
  }
}

export function firstPushRows(f: FirstPushFigures): Row[] {
  return [
    {
      scenario: `First push, ${thousands(f.pages)} pages + ${f.images} images`,
      figures:
        `${seconds(f.first.ms)}, ${thousands(f.first.requests)} requests (${thousands(f.first.writes)} writes, ` +
        `${f.first.uploads} uploads); ${f.attachmentsInConfluence} attachments in Confluence`,
      goal: `${f.images} uploads, every image once`,
      met: f.first.uploads === f.images && f.attachmentsInConfluence === f.images,
    },
    {
      scenario: 'Second push, nothing changed',
      figures: `${seconds(f.second.ms)}, ${f.second.requests} requests, ${f.second.writes} writes, ${f.second.uploads} uploads`,
      goal: '0 uploads, 0 page writes',
      met: f.second.writes === 0 && f.second.uploads === 0,
    },
  ];
}
