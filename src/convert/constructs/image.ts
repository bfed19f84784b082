/**
 * Images. `![alt](path "title")` with a relative path ⇄ `<ac:image>` of a page attachment (the
 * context names the attachment; without one a bare file name is the attachment's name), remote
 * URLs ⇄ `<ri:url>`, an attachment of another page ⇄ `confluence-attachment:[SPACE/]Page/file`.
 * Attributes Markdown has no syntax for (width, height, align, border, class, thumbnail…) make the
 * image an HTML `<img>` tag: `ac:X` is `X` where HTML has that attribute, `data-X` for `thumbnail` and
 * `queryparams`; it reads back the same. An image with any other attribute stays carried through.
 */
import type { Html, PhrasingContent, RootContent } from 'mdast';
import type { Construct, ReadHandler, SequenceHook, WriteState } from '../registry.js';
import { element } from '../xml/escape.js';
import { NOISE_ATTRS } from '../xml/kinds.js';
import { type Element, attr, decodeEntities, onlyElements } from '../xml/parse.js';
import { encodePart, isRelative } from './link.js';

export interface ImageSpec {
  src: string;
  alt?: string | null;
  title?: string | null;
  /**
   * An `alt=""` written out: an HTML `<img alt="">` (a decorative image, which a screen reader skips) or an
   * `ac:alt=""`. It is kept both ways, unlike the empty alt of Markdown's `![](…)`, which a push leaves
   * unwritten; an `<img>` with no alt at all stays without one.
   */
  emptyAlt?: boolean;
  /** Every other `ac:` attribute, by its name without the prefix (`width`, `align`, `thumbnail`…). */
  attrs?: Record<string, string>;
}

/** `ac:` attributes of an image that an HTML `<img>` has under the same name, in the order they are written. */
const HTML_NAMES = ['width', 'height', 'align', 'border', 'class', 'style', 'hspace', 'vspace'];
/** The other `ac:image` attributes of the storage format, written `data-X` (so an `<img data-canonical-src>`
 * of a GitHub README stays HTML). */
const DATA_NAMES = ['thumbnail', 'queryparams'];
const ATTACHMENT_SCHEME = 'confluence-attachment:';

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

/** `confluence-attachment:[SPACE/]Page title/file name`: an attachment of another page. */
function otherPageAttachment(src: string): { filename: string; title: string; spaceKey?: string } | null {
  if (!src.startsWith(ATTACHMENT_SCHEME)) return null;
  const parts = src.slice(ATTACHMENT_SCHEME.length).split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) return null;
  try {
    const [a, b, c] = parts.map((p) => decodeURIComponent(p));
    return c === undefined ? { title: a!, filename: b! } : { spaceKey: a!, title: b!, filename: c };
  } catch {
    return null;
  }
}

function imageRef(src: string, state: WriteState): string {
  const other = otherPageAttachment(src);
  if (other) {
    const page = element('ri:page', { 'ri:content-title': other.title, 'ri:space-key': other.spaceKey });
    return element('ri:attachment', { 'ri:filename': other.filename }, page);
  }
  const filename = attachmentFor(src, state);
  if (filename) state.attachments.push({ src, filename });
  return filename
    ? element('ri:attachment', { 'ri:filename': filename })
    : element('ri:url', { 'ri:value': src });
}

export function writeImage(img: ImageSpec, state: WriteState): string {
  const attrs: Record<string, string | undefined> = {
    'ac:alt': img.alt || (img.emptyAlt ? '' : undefined),
    'ac:title': img.title ?? undefined,
  };
  for (const [k, v] of Object.entries(img.attrs ?? {})) attrs[`ac:${k}`] = v;
  return element('ac:image', attrs, imageRef(img.src, state));
}

function readSource(ref: Element, state: Parameters<ReadHandler>[1]): string | null {
  if (ref.name === 'ri:url') {
    if (ref.children.length || !onlyOwn(ref, 'ri:value')) return null;
    const src = attr(ref, 'ri:value') ?? null;
    if (src !== null && state.ctx.resolveAttachment === undefined && /^[^/?#\\:]+$/.test(src)) return null;
    return src;
  }
  if (ref.name !== 'ri:attachment' || !onlyOwn(ref, 'ri:filename')) return null;
  const filename = attr(ref, 'ri:filename') ?? '';
  if (ref.children.length) {
    const page = onlyElements(ref);
    const p = page?.length === 1 ? page[0]! : null;
    if (!p || p.name !== 'ri:page' || p.children.length || !onlyOwn(p, 'ri:content-title', 'ri:space-key'))
      return null;
    const title = attr(p, 'ri:content-title');
    const space = attr(p, 'ri:space-key');
    if (!title || !filename || space === '') return null;
    const parts = space === undefined ? [title, filename] : [space, title, filename];
    return ATTACHMENT_SCHEME + parts.map((x) => encodePart(x)).join('/');
  }
  return state.ctx.attachmentToPath
    ? state.ctx.attachmentToPath(filename)
    : /^[^/?#\\%]+$/.test(filename) && filename.trim() === filename && !filename.includes(':')
      ? filename
      : null;
}

function onlyOwn(el: Element, ...allowed: string[]): boolean {
  return Object.keys(el.attribs).every((k) => allowed.includes(k));
}

/**
 * The image an `<ac:image>` names, from its attributes and its first child (the attachment or URL);
 * null when an attribute has no `<img>` form or the reference has no Markdown one. Any children after
 * the first are the caller's (a caption: constructs/figure.ts).
 */
export function imageSpecOf(el: Element, state: Parameters<ReadHandler>[1]): ImageSpec | null {
  const attrs: Record<string, string> = {};
  for (const key of Object.keys(el.attribs)) {
    if (NOISE_ATTRS.has(key)) continue;
    const m = /^ac:([a-z][a-z-]*)$/.exec(key);
    if (!m || !['alt', 'title', ...HTML_NAMES, ...DATA_NAMES].includes(m[1]!)) return null;
    if (m[1] !== 'alt' && m[1] !== 'title') attrs[m[1]!] = attr(el, key)!;
  }
  const ref = onlyElements(el)?.[0];
  if (!ref) return null;
  const src = readSource(ref, state);
  if (src === null || src === '') return null;
  const alt = attr(el, 'ac:alt') ?? '';
  return {
    src,
    alt,
    emptyAlt: alt === '' && attr(el, 'ac:alt') !== undefined,
    title: attr(el, 'ac:title') ?? null,
    attrs,
  };
}

const readImage: ReadHandler = (el, state) => {
  if (onlyElements(el)?.length !== 1) return null;
  const img = imageSpecOf(el, state);
  if (!img) return null;
  if (Object.keys(img.attrs!).length === 0 && !img.emptyAlt)
    return [{ type: 'image', url: img.src, alt: img.alt ?? '', title: img.title ?? null }];
  return [{ type: 'html', value: imgTag(img) }];
};

/** `&`, `"`, `<`, `>`, line breaks and `|` (a table cell's end) as references: the tag stays one inline tag. */
const q = (v: string): string =>
  v.replace(/[&"<>\n\r|]/g, (c) => (c === '&' ? '&amp;' : `&#${c.charCodeAt(0)};`));

/** The `<img>` tag of an image: `src`, `alt` (also an empty one written out), `title`, then its other attributes (HTML names first). */
export function imgTag(img: ImageSpec): string {
  let tag = `<img src="${q(img.src)}"`;
  if (img.alt || img.emptyAlt) tag += ` alt="${q(img.alt ?? '')}"`;
  if (img.title) tag += ` title="${q(img.title)}"`;
  const attrs = img.attrs ?? {};
  const names = [
    ...HTML_NAMES.filter((n) => n in attrs),
    ...Object.keys(attrs)
      .filter((n) => !HTML_NAMES.includes(n))
      .sort(),
  ];
  for (const n of names) tag += ` ${HTML_NAMES.includes(n) ? n : `data-${n}`}="${q(attrs[n]!)}"`;
  return `${tag}>`;
}

const IMG_TAG = /^<img((?:\s+[a-z][a-z-]*="[^"]*")*)\s*\/?>$/i;

/** `<img src="…" width="…" data-thumbnail="true">` → an image spec; null for any other HTML. */
export function parseImgTag(html: string): ImageSpec | null {
  const m = IMG_TAG.exec(html.trim());
  if (!m) return null;
  let src: string | undefined;
  let alt: string | null = null;
  let title: string | null = null;
  const attrs: Record<string, string> = {};
  for (const a of m[1]!.matchAll(/([a-z][a-z-]*)="([^"]*)"/gi)) {
    const name = a[1]!.toLowerCase();
    const value = decodeEntities(a[2]!);
    if (name === 'src') src = value;
    else if (name === 'alt') alt = value;
    else if (name === 'title') title = value;
    else if (HTML_NAMES.includes(name)) attrs[name] = value;
    else if (name.startsWith('data-') && DATA_NAMES.includes(name.slice(5))) attrs[name.slice(5)] = value;
    else return null;
  }
  if (!src) return null;
  return { src, alt, emptyAlt: alt === '', title, attrs };
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
    {
      name: 'an attachment of another page',
      markdown: "Next ![](<confluence-attachment:Let's edit 1%2F2/next.jpg>)\n",
      storage:
        '<p>Next <ac:image><ri:attachment ri:filename="next.jpg"><ri:page ri:content-title="Let\'s edit 1/2"/></ri:attachment></ac:image></p>',
    },
    {
      name: 'an attachment of a page in another space, with a size',
      markdown: '<img src="confluence-attachment:DOC/Home/a b.png" height="40" width="106">\n',
      storage:
        '<p><ac:image ac:height="40" ac:width="106"><ri:attachment ri:filename="a b.png"><ri:page ri:content-title="Home" ri:space-key="DOC"/></ri:attachment></ac:image></p>',
      direction: 'toStorage',
    },
    {
      name: 'every image attribute has an img form (HTML names, data- for thumbnail and queryparams)',
      markdown:
        '<img src="shot.png" alt="A &#34;quote&#34;" title="x&#124;y" width="300" align="center" border="true" class="teaser" data-queryparams="effects=border-simple" data-thumbnail="true">\n',
      storage:
        '<p><ac:image ac:thumbnail="true" ac:alt="A &quot;quote&quot;" ac:title="x|y" ac:class="teaser" ac:width="300" ac:align="center" ac:border="true" ac:queryparams="effects=border-simple"><ri:attachment ri:filename="shot.png"/></ac:image></p>',
    },
    {
      name: 'an empty alt written out (a decorative image) stays, alone or with a width',
      markdown: 'Logo <img src="logo.png" alt=""> here\n\n<img src="chart.png" alt="" width="800">\n',
      storage:
        '<p>Logo <ac:image ac:alt=""><ri:attachment ri:filename="logo.png"/></ac:image> here</p><p><ac:image ac:alt="" ac:width="800"><ri:attachment ri:filename="chart.png"/></ac:image></p>',
    },
    {
      name: 'a remote image with a class (an old-editor emoticon picture)',
      markdown:
        'Smile <img src="http://example.com/smile.svg" alt="(smile)" title="(smile)" class="emoticon emoticon-smile">\n',
      storage:
        '<p>Smile <ac:image ac:class="emoticon emoticon-smile" ac:title="(smile)" ac:alt="(smile)"><ri:url ri:value="http://example.com/smile.svg"/></ac:image></p>',
    },
  ],
};
