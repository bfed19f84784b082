import { describe, expect, it } from 'vitest';
import { buildLinkIndex, defaultAttachmentPath, docContext } from '../../../src/sync/apply/link-context.js';
import type { Change, LocalDoc, Manifest } from '../../../src/sync/types.js';

const doc = (path: string, title: string): LocalDoc => ({
  path,
  kind: path.endsWith('/') ? 'virtual-folder' : /\/index\.md$/.test(path) ? 'folder-index' : 'file',
  content: '',
  hash: 'h',
  title,
  labels: [],
  parentPath: null,
});

const manifest: Manifest = {
  version: 4,
  confluenceUrl: 'http://127.0.0.1/wiki',
  spaceKey: 'DOCS',
  rootPageId: '1',
  lastSyncTime: null,
  pages: {
    '10': {
      id: '10',
      spaceKey: 'DOCS',
      title: 'Old Title',
      version: 1,
      parentId: '1',
      lastModified: '',
      localPath: 'old/page.md',
      contentHash: 'x',
      status: 'synced',
      labels: [],
      attachments: {},
    },
  },
};

const locals = [
  doc('getting-started.md', 'Getting Started'),
  doc('guide/index.md', 'User Guide'),
  doc('guide/installation.md', 'Installation'),
  doc('reference/', 'reference'),
  doc('reference/api.md', 'API Reference'),
  doc('my folder/a b.md', 'Spaced'),
];

const pulled: Change = {
  kind: 'create-local',
  pageId: '20',
  title: 'Pulled Page',
  localPath: 'guide/pulled-page.md',
  local: 'absent',
  remote: 'new',
  reason: '',
  outcome: 'planned',
};

const index = buildLinkIndex('DOCS', manifest, locals, [pulled]);
const files = new Set(['images/logo.png', 'guide/shot.png', 'other/shot.png']);
const ctxFor = (path: string) => docContext(path, index, { fileExists: (p) => files.has(p) });

describe('resolvePageLink (md → storage)', () => {
  it('resolves relative links to the linked file’s title', () => {
    const { ctx } = ctxFor('guide/installation.md');
    expect(ctx.resolvePageLink!('../getting-started.md')).toEqual({ title: 'Getting Started' });
    expect(ctx.resolvePageLink!('index.md')).toEqual({ title: 'User Guide' });
    expect(ctx.resolvePageLink!('./')).toEqual({ title: 'User Guide' });
    expect(ctx.resolvePageLink!('../reference/')).toEqual({ title: 'reference' });
    expect(ctx.resolvePageLink!('../reference/api')).toEqual({ title: 'API Reference' });
    expect(ctx.resolvePageLink!('pulled-page.md')).toEqual({ title: 'Pulled Page' });
  });

  it('decodes percent-encoded paths', () => {
    expect(ctxFor('getting-started.md').ctx.resolvePageLink!('my%20folder/a%20b.md')).toEqual({
      title: 'Spaced',
    });
  });

  it('leaves URLs, absolute paths, anchors, unknown files and paths outside the root alone', () => {
    const { ctx } = ctxFor('guide/installation.md');
    for (const href of [
      'https://example.com/x.md',
      'mailto:a@b.c',
      '/abs.md',
      '#top',
      'missing.md',
      '../../etc/passwd',
    ]) {
      expect(ctx.resolvePageLink!(href)).toBeNull();
    }
  });
});

describe('pageToHref (storage → md)', () => {
  it('gives a path relative to the document, for pages synced, scanned or pulled in this run', () => {
    const { ctx } = ctxFor('guide/installation.md');
    expect(ctx.pageToHref!({ title: 'Getting Started' })).toBe('../getting-started.md');
    expect(ctx.pageToHref!({ title: 'api reference' })).toBe('../reference/api.md');
    expect(ctx.pageToHref!({ title: 'Pulled Page' })).toBe('pulled-page.md');
    expect(ctx.pageToHref!({ title: 'Old Title' })).toBe('../old/page.md');
    expect(ctx.pageToHref!({ title: 'Spaced' })).toBe('../my%20folder/a%20b.md');
  });

  it('returns null for unknown pages and other spaces', () => {
    const { ctx } = ctxFor('getting-started.md');
    expect(ctx.pageToHref!({ title: 'Nowhere' })).toBeNull();
    expect(ctx.pageToHref!({ title: 'Getting Started', spaceKey: 'OTHER' })).toBeNull();
    expect(ctx.pageToHref!({ title: 'Getting Started', spaceKey: 'docs' })).toBe('getting-started.md');
  });
});

describe('attachments', () => {
  it('maps existing images to file names and records them for upload', () => {
    const dc = ctxFor('guide/installation.md');
    expect(dc.ctx.resolveAttachment!('../images/logo.png')).toBe('logo.png');
    expect(dc.ctx.resolveAttachment!('missing.png')).toBeNull();
    expect(dc.ctx.resolveAttachment!('https://example.com/x.png')).toBeNull();
    expect([...dc.uploads]).toEqual([['logo.png', 'images/logo.png']]);
  });

  it('gives two different files with the same name distinct attachment names', () => {
    const dc = ctxFor('guide/installation.md');
    const a = dc.ctx.resolveAttachment!('shot.png');
    const b = dc.ctx.resolveAttachment!('../other/shot.png');
    expect(a).toBe('shot.png');
    expect(b).toMatch(/^[0-9a-f]{8}-shot\.png$/);
    expect(dc.ctx.resolveAttachment!('./shot.png')).toBe('shot.png');
    expect(dc.uploads.size).toBe(2);
  });

  it('puts pulled attachments where the manifest says, else beside the page', () => {
    const known = docContext('guide/installation.md', index, {
      fileExists: () => true,
      knownAttachments: { 'logo.png': { localPath: 'images/logo.png' } },
    });
    expect(known.ctx.attachmentToPath!('logo.png')).toBe('../images/logo.png');
    expect(known.ctx.attachmentToPath!('new.png')).toBe('installation.assets/new.png');
    expect([...known.downloads]).toEqual([
      ['logo.png', 'images/logo.png'],
      ['new.png', 'guide/installation.assets/new.png'],
    ]);
    expect(defaultAttachmentPath('a.md', '../x:y.png')).toBe('a.assets/-x-y.png');
  });

  it('a path handed out for a download reads back as its attachment, before the file exists', () => {
    const pull = docContext('guide/installation.md', index, { fileExists: () => false });
    const href = pull.ctx.attachmentToPath!('CON.png');
    expect(href).toBe('installation.assets/CON_.png');
    expect(pull.ctx.resolveAttachment!(href!)).toBe('CON.png');
    expect(pull.ctx.resolveAttachment!('installation.assets/other.png')).toBeNull();
  });

  it('a file recorded under another name is uploaded under its Confluence name, unless the record is bogus', () => {
    const push = docContext('guide/installation.md', index, {
      fileExists: () => true,
      knownAttachments: {
        'CON.png': { localPath: 'guide/installation.assets/CON_.png' },
        // a record pointing at a page's file is not an attachment's place
        'page.png': { localPath: 'guide/index.md' },
      },
    });
    expect(push.ctx.resolveAttachment!('installation.assets/CON_.png')).toBe('CON.png');
    // and a page's own file is never another page's attachment, whatever a record says
    expect(push.ctx.resolveAttachment!('index.md')).toBeNull();
    expect([...push.uploads]).toEqual([['CON.png', 'guide/installation.assets/CON_.png']]);
  });

  it.each(['test@withat.txt', 'a#b.png', 'a;b,c=d&e+f$.png', 'a b.png', 'a%b.png', 'é.png', 'a[1].png'])(
    'an attachment named %j reads back as itself from the href a pull writes',
    (name) => {
      const pull = docContext('guide/installation.md', index, { fileExists: () => false });
      const href = pull.ctx.attachmentToPath!(name)!;
      expect(pull.ctx.resolveAttachment!(href)).toBe(name);
      // and a push finds the file on disk from the same href
      const onDisk = docContext('guide/installation.md', index, {
        fileExists: (p) => p === `guide/installation.assets/${name}`,
      });
      expect(onDisk.ctx.resolveAttachment!(href)).toBe(name);
    },
  );

  it('an encoded slash, backslash or NUL inside one path segment is not a path', () => {
    const dc = docContext('guide/installation.md', index, { fileExists: () => true });
    for (const href of ['..%2F..%2Fetc%2Fpasswd', 'a%5Cb.png', 'a%00.png', '..%2fsecret.png'])
      expect(dc.ctx.resolveAttachment!(href), href).toBeNull();
    expect(dc.ctx.resolvePageLink!('..%2Fgetting-started.md')).toBeNull();
    // a % that starts no escape is itself, as in the file name
    expect(dc.ctx.resolveAttachment!('100%.png')).toBe('100%.png');
    expect(dc.ctx.resolveAttachment!('a%C3.png')).toBe('a%C3.png');
    expect(dc.ctx.resolvePageLink!('../getting%2Dstarted.md')).toEqual({ title: 'Getting Started' });
  });
});
