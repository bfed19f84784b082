/**
 * Images. `![alt](path "title")` with a relative path ⇄ `<ac:image>` of a page attachment (the
 * context names the attachment; without one a bare file name is the attachment's name), remote
 * URLs ⇄ `<ri:url>`. A width or height has no Markdown syntax: such an image is written as an
 * HTML `<img src alt title width height>` tag, which reads back the same.
 */
import type { Html, PhrasingContent, RootContent } from 'mdast';
import type { Construct, ReadHandler, SequenceHook, WriteState } from '../registry.js';
import { element } from '../xml/escape.js';
import { onlyAttrs } from '../xml/kinds.js';
import { attr, onlyElements } from '../xml/parse.js';
import { isRelative } from './link.js';

interface ImageSpec {
  src: string;
  alt?: string | null;
  title?: string | null;
  width?: string;
  height?: string;
}

function attachmentFor(src: string, state: WriteState): string | null {
  if (!isRelative(src)) return null;
  if (state.ctx.resolveAttachment) return state.ctx.resolveAttachment(src);
  return /^[^/?#\\]+$/.test(src) ? safeDecode(src) : null;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function writeImage(img: ImageSpec, state: WriteState): string {
  const filename = attachmentFor(img.src, state);
  if (filename) state.attachments.push({ src: img.src, filename });
  const ref = filename
    ? element('ri:attachment', { 'ri:filename': filename })
    : element('ri:url', { 'ri:value': img.src });
  const attrs = {
    'ac:alt': img.alt || undefined,
    'ac:title': img.title ?? undefined,
    'ac:width': img.width,
    'ac:height': img.height,
  };
  return element('ac:image', attrs, ref);
}

const readImage: ReadHandler = (el, state) => {
  if (!onlyAttrs(el, 'ac:alt', 'ac:title', 'ac:width', 'ac:height')) return null;
  const parts = onlyElements(el);
  const ref = parts?.[0];
  if (!parts || parts.length !== 1 || !ref || ref.children.length) return null;
  let src: string | null = null;
  if (ref.name === 'ri:attachment' && onlyAttrs(ref, 'ri:filename')) {
    const filename = attr(ref, 'ri:filename') ?? '';
    src = state.ctx.attachmentToPath
      ? state.ctx.attachmentToPath(filename)
      : /^[^/?#\\%]+$/.test(filename) && filename.trim() === filename
        ? filename
        : null;
  } else if (ref.name === 'ri:url' && onlyAttrs(ref, 'ri:value')) {
    src = attr(ref, 'ri:value') ?? null;
    if (src !== null && state.ctx.resolveAttachment === undefined && /^[^/?#\\:]+$/.test(src)) return null;
  }
  if (src === null || src === '') return null;
  const alt = attr(el, 'ac:alt') ?? '';
  const title = attr(el, 'ac:title') ?? null;
  const width = attr(el, 'ac:width');
  const height = attr(el, 'ac:height');
  if (width === undefined && height === undefined) return [{ type: 'image', url: src, alt, title }];
  return [{ type: 'html', value: imgTag({ src, alt, title, width, height }) }];
};

function imgTag(img: ImageSpec): string {
  const q = (v: string): string => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  let tag = `<img src="${q(img.src)}"`;
  if (img.alt) tag += ` alt="${q(img.alt)}"`;
  if (img.title) tag += ` title="${q(img.title)}"`;
  if (img.width !== undefined) tag += ` width="${q(img.width)}"`;
  if (img.height !== undefined) tag += ` height="${q(img.height)}"`;
  return `${tag}>`;
}

const IMG_TAG = /^<img((?:\s+[a-z]+="[^"]*")*)\s*\/?>$/i;

/** `<img src="…" width="…">` → an image spec; null for any other HTML. */
export function parseImgTag(html: string): ImageSpec | null {
  const m = IMG_TAG.exec(html.trim());
  if (!m) return null;
  const attrs: Record<string, string> = {};
  for (const a of m[1]!.matchAll(/([a-z]+)="([^"]*)"/gi)) {
    attrs[a[1]!.toLowerCase()] = a[2]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  }
  if (!attrs.src || Object.keys(attrs).some((k) => !['src', 'alt', 'title', 'width', 'height'].includes(k)))
    return null;
  return {
    src: attrs.src,
    alt: attrs.alt ?? null,
    title: attrs.title ?? null,
    width: attrs.width,
    height: attrs.height,
  };
}

const inlineImgTag: SequenceHook<PhrasingContent> = (nodes, i, state) => {
  const node = nodes[i]!;
  const img = node.type === 'html' ? parseImgTag(node.value) : null;
  return img ? { storage: writeImage(img, state), next: i + 1 } : null;
};

/** An `<img>` alone on a line is an HTML block in Markdown; it is still an image in a paragraph. */
const blockImgTag: SequenceHook<RootContent> = (nodes, i, state) => {
  const node = nodes[i]!;
  const img = node.type === 'html' ? parseImgTag((node as Html).value) : null;
  return img ? { storage: `<p>${writeImage(img, state)}</p>`, next: i + 1 } : null;
};

export const image: Construct = {
  name: 'image',
  read: { 'ac:image': readImage },
  write: {
    image: (node, state) => writeImage({ src: node.url, alt: node.alt, title: node.title }, state),
    imageReference: (node, state) => {
      const def = state.definitions.get(node.identifier);
      return def ? writeImage({ src: def.url, alt: node.alt, title: def.title }, state) : '';
    },
  },
  inlineHooks: [inlineImgTag],
  blockHooks: [blockImgTag],
  fixtures: [
    {
      name: 'attachment',
      markdown: '![A diagram](diagram.png "Flow")\n',
      storage:
        '<p><ac:image ac:alt="A diagram" ac:title="Flow"><ri:attachment ri:filename="diagram.png"/></ac:image></p>',
    },
    {
      name: 'attachment through the context',
      markdown: '![x](../img/a%20b.png)\n',
      storage: '<p><ac:image ac:alt="x"><ri:attachment ri:filename="a b.png"/></ac:image></p>',
      ctx: {
        resolveAttachment: (src) => (src === '../img/a%20b.png' ? 'a b.png' : null),
        attachmentToPath: (f) => (f === 'a b.png' ? '../img/a%20b.png' : null),
      },
    },
    {
      name: 'remote',
      markdown: '![logo](https://example.com/l.png?a=1\\&b=2)\n',
      storage:
        '<p><ac:image ac:alt="logo"><ri:url ri:value="https://example.com/l.png?a=1&amp;b=2"/></ac:image></p>',
      direction: 'toStorage',
    },
    {
      name: 'width',
      markdown: '<img src="shot.png" alt="Screen" width="300">\n',
      storage:
        '<p><ac:image ac:alt="Screen" ac:width="300"><ri:attachment ri:filename="shot.png"/></ac:image></p>',
    },
  ],
};
