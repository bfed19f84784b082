import { describe, expect, it } from 'vitest';
import {
  attachmentFileName,
  defaultAttachmentPath,
  docContext,
} from '../../../src/sync/apply/link-context.js';

describe('attachment file names follow the page-file rules', () => {
  it.each([
    ['diagram.png', 'diagram.png'],
    ['CON.png', 'CON_.png'],
    ['nul.txt', 'nul_.txt'],
    ['Cafe\u0301.png', 'Caf\u00e9.png'],
    ['.htaccess', 'htaccess'],
    ['a:b*c?.png', 'a-b-c-.png'],
    ['report. .pdf', 'report.pdf'],
    ['rtl\u202egnp.exe', 'rtl-gnp.exe'],
    ['esc\u001b[31m.png', 'esc-[31m.png'],
  ])('%j → %j', (name, safe) => {
    expect(attachmentFileName(name)).toBe(safe);
  });

  it('a 300-byte "extension" is part of the name, which fits in 255 bytes', () => {
    const name = attachmentFileName(`a.${'x'.repeat(300)}`);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    expect(name.startsWith('a.xxx')).toBe(true);
  });

  it("never lands on a page's file: an attachment x.md beside a page at the same path gets its own name", () => {
    const index = {
      spaceKey: 'D',
      titleByPath: new Map([['Guide.assets/x.md', 'x']]),
      pathByTitle: new Map([['x', 'Guide.assets/x.md']]),
    } as never;
    const { ctx, downloads } = docContext('Guide.md', index, { fileExists: () => false });
    ctx.attachmentToPath!('x.md');
    expect(downloads.get('x.md')).toMatch(/^Guide\.assets\/x-[0-9a-f]{8}\.md$/);
  });

  it('puts them in the page assets folder', () => {
    expect(defaultAttachmentPath('guide/setup.md', 'LPT1.png')).toBe('guide/setup.assets/LPT1_.png');
  });

  it('gives NFC and NFD spellings of one name two distinct paths', () => {
    const index = { spaceKey: 'D', titleByPath: new Map(), pathByTitle: new Map() } as never;
    const { ctx } = docContext('page.md', index, { fileExists: () => false });
    const a = ctx.attachmentToPath!('Caf\u00e9.png');
    const b = ctx.attachmentToPath!('Cafe\u0301.png');
    expect(a).not.toBe(b);
    expect(a!.normalize('NFC').toLowerCase()).not.toBe(b!.normalize('NFC').toLowerCase());
  });
});
