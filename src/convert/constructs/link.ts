/**
 * Links. External `[text](https://…)` ⇄ `<a href>`; `[text](#anchor)` ⇄ `<ac:link ac:anchor>`;
 * a relative link to another synced Markdown file ⇄ `<ac:link><ri:page ri:content-title …/>`
 * (with `ac:anchor` for `file.md#anchor`), resolved through the context in both directions; a
 * relative link to a file the context knows as an attachment ⇄ `<ri:attachment>`. A link to a page
 * the context cannot resolve (not synced) stays a readable link with a `confluence-page:` address,
 * `[text](<confluence-page:SPACE/Page title#anchor>)` (space and anchor optional). A page link without a
 * text of its own shows the page's title, as Confluence does: `[Page title](page.md)`,
 * `[Page title](<confluence-page:Page title>)` (with an anchor it stays `[](page.md#anchor)`). A link to a
 * space (its home page) is `[text](<confluence-space:KEY>)`; a link to a person,
 * `[](confluence-user:username/jo)` (user-link.ts: the name is not in the page).
 */
import type { Link, PhrasingContent } from 'mdast';
import type { Construct, ReadHandler, ReadState, WriteState } from '../registry.js';
import { cdata, element, escapeAttr } from '../xml/escape.js';
import { onlyAttrs } from '../xml/kinds.js';
import { type Element, attr, childElements, textOf } from '../xml/parse.js';
import { parseUserAddress, writeUserLink } from './user-link.js';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const PAGE_SCHEME = 'confluence-page:';

export function encodePart(text: string): string {
  return text.replace(
    /[%#/<>\\\n\r]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/** `confluence-page:` address of a page (not synced) and anchor. */
export function pageAddress(title: string, spaceKey: string | undefined, anchor: string | undefined): string {
  const space = spaceKey === undefined ? '' : `${encodePart(spaceKey)}/`;
  return `${PAGE_SCHEME}${space}${encodePart(title)}${anchor === undefined ? '' : `#${anchor}`}`;
}

export function parsePageAddress(url: string): { title: string; spaceKey?: string; anchor?: string } | null {
  if (!url.startsWith(PAGE_SCHEME)) return null;
  const m = /^([^#/]*\/)?([^#/]+)(?:#(.*))?$/s.exec(url.slice(PAGE_SCHEME.length));
  if (!m) return null;
  try {
    const title = decodeURIComponent(m[2]!);
    const spaceKey = m[1] === undefined ? undefined : decodeURIComponent(m[1].slice(0, -1));
    return {
      title,
      ...(spaceKey === undefined ? {} : { spaceKey }),
      ...(m[3] === undefined ? {} : { anchor: m[3] }),
    };
  } catch {
    return null;
  }
}

const SPACE_SCHEME = 'confluence-space:';
/** A space key: letters and digits (`~` and more for personal spaces). */
const SPACE_KEY = /^~?[A-Za-z0-9_-]+$/;

/** `confluence-space:KEY`: a link to a space's home (`<ac:link><ri:space ri:space-key="KEY"/>…`). */
function parseSpaceAddress(url: string): string | null {
  if (!url.startsWith(SPACE_SCHEME)) return null;
  const key = url.slice(SPACE_SCHEME.length);
  return SPACE_KEY.test(key) ? key : null;
}

export function isRelative(url: string): boolean {
  return url !== '' && !SCHEME.test(url) && !url.startsWith('/') && !url.startsWith('#');
}

function linkBody(children: PhrasingContent[], state: WriteState): string {
  if (children.length === 0) return '';
  if (children.every((c) => c.type === 'text')) {
    return `<ac:plain-text-link-body>${cdata(children.map((c) => (c.type === 'text' ? c.value : '')).join(''))}</ac:plain-text-link-body>`;
  }
  return `<ac:link-body>${state.inlines(children)}</ac:link-body>`;
}

export function writeLink(
  url: string,
  title: string | null | undefined,
  children: PhrasingContent[],
  state: WriteState,
): string {
  const page = parsePageAddress(url);
  if (page) {
    const ref = element('ri:page', { 'ri:content-title': page.title, 'ri:space-key': page.spaceKey });
    const anchorAttr = page.anchor === undefined ? '' : ` ac:anchor="${escapeAttr(page.anchor)}"`;
    return `<ac:link${anchorAttr}>${ref}${linkBody(children, state)}</ac:link>`;
  }
  const user = parseUserAddress(url);
  if (user) return writeUserLink(user, children, state);
  const space = parseSpaceAddress(url);
  if (space !== null)
    return `<ac:link>${element('ri:space', { 'ri:space-key': space })}${linkBody(children, state)}</ac:link>`;
  if (url.startsWith('#') && url.length > 1) {
    return `<ac:link ac:anchor="${escapeAttr(url.slice(1))}">${linkBody(children, state)}</ac:link>`;
  }
  if (isRelative(url)) {
    const hash = url.indexOf('#');
    const path = hash === -1 ? url : url.slice(0, hash);
    const anchor = hash === -1 ? undefined : url.slice(hash + 1) || undefined;
    const page = state.ctx.resolvePageLink?.(path);
    if (page) {
      state.links.push({ href: url, page, ...(anchor === undefined ? {} : { anchor }) });
      const ref = element('ri:page', { 'ri:content-title': page.title, 'ri:space-key': page.spaceKey });
      const anchorAttr = anchor === undefined ? '' : ` ac:anchor="${escapeAttr(anchor)}"`;
      return `<ac:link${anchorAttr}>${ref}${linkBody(children, state)}</ac:link>`;
    }
    const filename = hash === -1 ? state.ctx.resolveAttachment?.(path) : null;
    if (filename) {
      state.attachments.push({ src: path, filename });
      return `<ac:link>${element('ri:attachment', { 'ri:filename': filename })}${linkBody(children, state)}</ac:link>`;
    }
  }
  return element('a', { href: url, title: title ?? undefined }, state.inlines(children)).replace(
    /\/>$/,
    '></a>',
  );
}

const readAnchorLink: ReadHandler = (el: Element, state) => {
  if (!onlyAttrs(el, 'href', 'title') || el.attribs.href === undefined) return null;
  const link: Link = {
    type: 'link',
    url: attr(el, 'href')!,
    title: attr(el, 'title') ?? null,
    children: state.inlines(el.children),
  };
  return [link];
};

const readAcLink: ReadHandler = (el, state) => {
  if (!onlyAttrs(el, 'ac:anchor')) return null;
  const parts = childElements(el);
  const anchor = attr(el, 'ac:anchor');
  let target: string | null = null;
  let rest = parts;
  const first = parts[0];
  if (first?.name === 'ri:page') {
    if (!onlyAttrs(first, 'ri:content-title', 'ri:space-key') || first.children.length) return null;
    const title = attr(first, 'ri:content-title');
    if (title === undefined) return null;
    const spaceKey = attr(first, 'ri:space-key');
    target = state.ctx.pageToHref?.(spaceKey === undefined ? { title } : { title, spaceKey }) ?? null;
    rest = parts.slice(1);
    if (target === null) {
      if (/[\u0000-\u001f]/.test(title) || title.trim() === '') return null;
      const body = readBody(rest, state);
      if (body === null) return null;
      const children = body.length === 0 && anchor === undefined ? titleText(title) : body;
      return [{ type: 'link', url: pageAddress(title, spaceKey, anchor), title: null, children }];
    }
    if (rest.length === 0 && anchor === undefined)
      return [{ type: 'link', url: target, title: null, children: titleText(title) }];
  } else if (first?.name === 'ri:space') {
    const key = attr(first, 'ri:space-key');
    if (!onlyAttrs(first, 'ri:space-key') || first.children.length || !key || !SPACE_KEY.test(key))
      return null;
    if (anchor !== undefined) return null;
    const body = readBody(parts.slice(1), state);
    return body === null ? null : [{ type: 'link', url: SPACE_SCHEME + key, title: null, children: body }];
  } else if (first?.name === 'ri:attachment') {
    const filename = attr(first, 'ri:filename');
    if (!onlyAttrs(first, 'ri:filename') || first.children.length || !filename || anchor !== undefined)
      return null;
    target = state.ctx.attachmentToPath?.(filename) ?? null;
    if (target === null) return null;
    rest = parts.slice(1);
  } else if (first?.name.startsWith('ri:') || anchor === undefined || anchor === '') return null;
  const children = readBody(rest, state);
  if (children === null) return null;
  const url = (target ?? '') + (anchor === undefined ? '' : `#${anchor}`);
  return [{ type: 'link', url, title: null, children }];
};

/**
 * A page link without a text of its own shows the page's title in Confluence: so does the Markdown. The
 * canonical form holds the two spellings equal (xml/canonical.ts), and a push writes the title as the link's
 * text; an untouched paragraph keeps the page's own spelling (the push patches blocks).
 */
function titleText(title: string): PhrasingContent[] {
  return title === '' ? [] : [{ type: 'text', value: title }];
}

function readBody(rest: Element[], state: ReadState): PhrasingContent[] | null {
  if (rest.length > 1) return null;
  const body = rest[0];
  if (body?.name === 'ac:plain-text-link-body') return [{ type: 'text', value: textOf(body) }];
  if (body?.name === 'ac:link-body') return state.inlines(body.children);
  return body ? null : [];
}

/** The context of a file that links to the synced page "Install guide" (install-guide.md). */
const INSTALL_GUIDE = {
  resolvePageLink: (href: string) => (href === 'install-guide.md' ? { title: 'Install guide' } : null),
  pageToHref: (ref: { title: string; spaceKey?: string }) =>
    ref.title === 'Install guide' && ref.spaceKey === undefined ? 'install-guide.md' : null,
};

export const link: Construct = {
  name: 'link',
  read: { a: readAnchorLink, 'ac:link': readAcLink },
  write: {
    link: (node, state) => writeLink(node.url, node.title, node.children, state),
    linkReference: (node, state) => {
      const def = state.definitions.get(node.identifier);
      if (!def) return `[${state.inlines(node.children)}]`;
      return writeLink(def.url, def.title, node.children, state);
    },
    definition: () => '',
  },
  fixtures: [
    {
      name: 'external',
      markdown: '[site](https://example.com/a?b=1\\&c=2 "Title")\n',
      storage: '<p><a href="https://example.com/a?b=1&amp;c=2" title="Title">site</a></p>',
      direction: 'toStorage',
    },
    {
      name: 'a link to a space (its home page)',
      markdown: 'See the [Confluence Space](confluence-space:QCP) and [](confluence-space:~jo).\n',
      storage:
        '<p>See the <ac:link><ri:space ri:space-key="QCP"/><ac:plain-text-link-body><![CDATA[Confluence Space]]></ac:plain-text-link-body></ac:link> and <ac:link><ri:space ri:space-key="~jo"/></ac:link>.</p>',
    },
    {
      name: 'autolink',
      markdown: '<https://example.com>\n',
      storage: '<p><a href="https://example.com">https://example.com</a></p>',
    },
    {
      name: 'same-page anchor',
      markdown: '[see below](#install)\n',
      storage:
        '<p><ac:link ac:anchor="install"><ac:plain-text-link-body><![CDATA[see below]]></ac:plain-text-link-body></ac:link></p>',
    },
    {
      name: 'page link with anchor through the context',
      markdown: '[the *guide*](../guide/setup.md#step-2)\n',
      storage:
        '<p><ac:link ac:anchor="step-2"><ri:page ri:content-title="Setup" ri:space-key="OPS"/><ac:link-body>the <em>guide</em></ac:link-body></ac:link></p>',
      ctx: {
        resolvePageLink: (href) =>
          href === '../guide/setup.md' ? { title: 'Setup', spaceKey: 'OPS' } : null,
        pageToHref: (ref) => (ref.title === 'Setup' ? '../guide/setup.md' : null),
      },
    },
    {
      name: 'a page that is not synced keeps a readable link',
      markdown: '[x](<confluence-page:OPS/Run book 1%2F2#Step 3>)\n',
      storage:
        '<p><ac:link ac:anchor="Step 3"><ri:page ri:content-title="Run book 1/2" ri:space-key="OPS"/><ac:plain-text-link-body><![CDATA[x]]></ac:plain-text-link-body></ac:link></p>',
    },
    // A page link without a text of its own shows the title (Confluence does): it reads as, and means the
    // same as, the link with the title as its text (xml/canonical.ts).
    {
      name: 'a page link without text of its own shows the title',
      markdown: 'See [Install guide](install-guide.md).\n',
      storage: '<p>See <ac:link><ri:page ri:content-title="Install guide"/></ac:link>.</p>',
      ctx: INSTALL_GUIDE,
    },
    {
      name: 'a page link whose text is the title (Cloud writes a link body) reads the same',
      markdown: 'See [Install guide](install-guide.md).\n',
      storage:
        '<p>See <ac:link><ri:page ri:content-title="Install guide"/><ac:link-body>Install guide</ac:link-body></ac:link>.</p>',
      ctx: INSTALL_GUIDE,
    },
    {
      name: 'a page link whose text is the title pushes it as its text',
      markdown: 'See [Install guide](install-guide.md).\n',
      storage:
        '<p>See <ac:link><ri:page ri:content-title="Install guide"/><ac:plain-text-link-body><![CDATA[Install guide]]></ac:plain-text-link-body></ac:link>.</p>',
      ctx: INSTALL_GUIDE,
    },
    {
      name: 'a page link whose text differs from the title only in case keeps its text',
      markdown: 'See [install guide](install-guide.md).\n',
      storage:
        '<p>See <ac:link><ri:page ri:content-title="Install guide"/><ac:plain-text-link-body><![CDATA[install guide]]></ac:plain-text-link-body></ac:link>.</p>',
      ctx: INSTALL_GUIDE,
    },
    {
      name: 'a page link to an anchor without text of its own stays without text',
      markdown: 'See [](install-guide.md#step-2).\n',
      storage:
        '<p>See <ac:link ac:anchor="step-2"><ri:page ri:content-title="Install guide"/></ac:link>.</p>',
      ctx: INSTALL_GUIDE,
    },
    {
      name: 'a page that is not synced, without text of its own, shows the title',
      markdown: '[Elsewhere](confluence-page:Elsewhere)\n',
      storage: '<p><ac:link><ri:page ri:content-title="Elsewhere"/></ac:link></p>',
    },
    {
      name: 'a page in another space, without text of its own, shows the title',
      markdown: '[Run book 1/2](<confluence-page:OPS/Run book 1%2F2>)\n',
      storage: '<p><ac:link><ri:page ri:space-key="OPS" ri:content-title="Run book 1/2"/></ac:link></p>',
    },
    {
      name: 'a title with Markdown characters is escaped as the link text',
      markdown:
        '[Notes \\[draft\\] \\*v2\\* \\_x\\_ a\\b & \\<i>](<confluence-page:Notes \\[draft] *v2* _x_ a%5Cb & %3Ci%3E>)\n',
      storage:
        '<p><ac:link><ri:page ri:content-title="Notes [draft] *v2* _x_ a\\b &amp; &lt;i&gt;"/></ac:link></p>',
    },
    {
      name: 'relative link without context stays a link',
      markdown: '[a](other.md)\n',
      storage: '<p><a href="other.md">a</a></p>',
    },
    {
      name: 'reference links resolve',
      markdown: '[a][x]\n\n[x]: https://e.com\n',
      storage: '<p><a href="https://e.com">a</a></p>',
      direction: 'toStorage',
    },
  ],
};
