/**
 * The page URLs the client prints (Cloud `/wiki/spaces/{key}/pages/{id}[/title]`, Data Center
 * `/pages/viewpage.action?pageId=`) open in a browser: a readable HTML view of the page, rendered
 * from its storage body with simple styling for panels, code, tables, status lozenges, task lists and
 * an "unknown macro" box. Served without auth, and only to loopback clients (the emulator listens on
 * 127.0.0.1 anyway), before the API's auth check: a browser has no token.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  isElement,
  parseStorage,
  textOf,
  type AnyNode,
  type Element,
} from '../../../src/convert/xml/parse.js';
import { currentVersion, type PageRecord } from '../model.js';
import type { Store } from '../store.js';

const CLOUD_VIEW = /^(?:\/wiki)?\/spaces\/([^/]+)\/pages\/(\d+)(?:\/[^/]*)?$/;
const VIEWPAGE = /^(?:\/wiki)?\/pages\/viewpage\.action$/;

/** The page id a browser URL names, or undefined when the path is not a page view. */
export function viewedPageId(url: URL): string | undefined {
  const cloud = CLOUD_VIEW.exec(url.pathname);
  if (cloud) return cloud[2];
  if (VIEWPAGE.test(url.pathname)) return url.searchParams.get('pageId') ?? '';
  return undefined;
}

function isLoopback(req: IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? '';
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** Answers a GET of a page view; false when the request is not one (the API pipeline serves it). */
export function serveHtmlView(store: Store, req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  if ((req.method ?? 'GET').toUpperCase() !== 'GET') return false;
  const id = viewedPageId(url);
  if (id === undefined || !isLoopback(req)) return false;
  const page = store.data.pages.find((p) => p.id === id && p.status !== 'trashed');
  if (!page) {
    send(res, 404, layout('Page not found', `<p>No page with id ${escape(id)} in this emulator.</p>`));
    return true;
  }
  send(res, 200, renderPage(store, page));
  return true;
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(html);
}

export function renderPage(store: Store, page: PageRecord): string {
  const version = currentVersion(page);
  const space = store.data.spaces.find((s) => s.id === page.spaceId);
  const crumbs = ancestorsOf(store, page)
    .map((p) => `<a href="${viewHref(store, p)}">${escape(currentVersion(p).title)}</a>`)
    .join(' / ');
  const labels = page.labels.map((l) => `<span class="label">${escape(l.name)}</span>`).join(' ');
  const children = store.data.pages
    .filter((p) => p.parentId === page.id && p.status === 'current')
    .map((p) => `<li><a href="${viewHref(store, p)}">${escape(currentVersion(p).title)}</a></li>`)
    .join('');
  const body = renderNodes(parseStorage(version.body), { store, page });
  const meta = `${escape(space?.name ?? '')} (${escape(space?.key ?? '')}) · version ${version.number} · ${escape(version.createdAt ?? '')}`;
  return layout(
    version.title,
    [
      `<nav class="crumbs">${crumbs}</nav>`,
      `<h1 class="title">${escape(version.title)}</h1>`,
      `<div class="meta">${meta}${page.status === 'archived' ? ' · <b>archived</b>' : ''}</div>`,
      labels ? `<div class="labels">${labels}</div>` : '',
      `<main class="body">${body}</main>`,
      children ? `<section class="children"><h2>Child pages</h2><ul>${children}</ul></section>` : '',
    ].join('\n'),
  );
}

interface RenderContext {
  store: Store;
  page: PageRecord;
}

const PASS_THROUGH = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'del',
  'sub',
  'sup',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'colgroup',
  'col',
  'hr',
  'br',
  'span',
  'div',
  'a',
  'img',
  'small',
  'mark',
]);
const KEPT_ATTRIBUTES = new Set(['href', 'colspan', 'rowspan', 'start', 'src', 'alt', 'title']);
const PANELS = new Set(['info', 'note', 'warning', 'tip', 'panel', 'success', 'error']);

function renderNodes(nodes: readonly AnyNode[], ctx: RenderContext): string {
  return nodes.map((n) => renderNode(n, ctx)).join('');
}

function renderNode(node: AnyNode, ctx: RenderContext): string {
  if (node.type === 'text') return escape(textOf(node));
  if (node.type === 'cdata') return escape(textOf(node));
  if (!isElement(node)) return '';
  const name = node.name;
  if (name === 'ac:structured-macro' || name === 'ac:macro') return renderMacro(node, ctx);
  if (name === 'ac:image') return renderImage(node, ctx);
  if (name === 'ac:link') return renderLink(node, ctx);
  if (name === 'ac:task-list') return `<ul class="tasks">${renderNodes(node.children, ctx)}</ul>`;
  if (name === 'ac:task') {
    const done = textOf(child(node, 'ac:task-status') ?? node).trim() === 'complete';
    const body = child(node, 'ac:task-body');
    return `<li><input type="checkbox" disabled${done ? ' checked' : ''}> ${body ? renderNodes(body.children, ctx) : ''}</li>`;
  }
  if (name === 'ac:emoticon')
    return `<span class="emoticon">${escape(node.attribs['ac:emoji-fallback'] ?? '🙂')}</span>`;
  if (name === 'ac:placeholder' || name === 'ac:parameter' || name === 'ac:task-id') return '';
  if (name === 'time') return `<time>${escape(node.attribs.datetime ?? '')}</time>`;
  if (name.includes(':')) return renderNodes(node.children, ctx); // layouts, inline comments…: their content
  if (!PASS_THROUGH.has(name)) return renderNodes(node.children, ctx);
  const attributes = Object.entries(node.attribs)
    .filter(([key]) => KEPT_ATTRIBUTES.has(key))
    .filter(([key, value]) => !(key === 'href' || key === 'src') || /^(https?:|\/|#|\.)/i.test(value))
    .map(([key, value]) => ` ${key}="${escape(value)}"`)
    .join('');
  if (name === 'br' || name === 'hr' || name === 'col' || name === 'img') return `<${name}${attributes}>`;
  return `<${name}${attributes}>${renderNodes(node.children, ctx)}</${name}>`;
}

function renderMacro(node: Element, ctx: RenderContext): string {
  const macro = node.attribs['ac:name'] ?? 'macro';
  const params = parameters(node);
  const rich = child(node, 'ac:rich-text-body');
  const plain = child(node, 'ac:plain-text-body');
  if (PANELS.has(macro)) {
    const title = params.title ? `<div class="panel-title">${escape(params.title)}</div>` : '';
    return `<div class="panel panel-${macro}">${title}${rich ? renderNodes(rich.children, ctx) : ''}</div>`;
  }
  if (macro === 'code' || macro === 'noformat') {
    const language = params.language ? `<div class="code-lang">${escape(params.language)}</div>` : '';
    return `<div class="code">${language}<pre><code>${escape(plain ? textOf(plain) : '')}</code></pre></div>`;
  }
  if (macro === 'status') {
    const colour = (params.colour ?? params.color ?? 'grey').toLowerCase();
    return `<span class="lozenge lozenge-${escape(colour)}">${escape(params.title ?? '')}</span>`;
  }
  if (macro === 'expand') {
    return `<details class="expand"><summary>${escape(params.title ?? 'Click here to expand…')}</summary>${rich ? renderNodes(rich.children, ctx) : ''}</details>`;
  }
  const shown = Object.entries(params)
    .map(([k, v]) => `${escape(k)}=${escape(v)}`)
    .join(', ');
  const inner = rich ? renderNodes(rich.children, ctx) : plain ? `<pre>${escape(textOf(plain))}</pre>` : '';
  return `<div class="unknown-macro"><div class="unknown-macro-name">Macro “${escape(macro)}”${shown ? ` <small>(${shown})</small>` : ''}</div>${inner}</div>`;
}

function renderImage(node: Element, ctx: RenderContext): string {
  const attachment = child(node, 'ri:attachment');
  const url = child(node, 'ri:url');
  const alt = node.attribs['ac:alt'] ?? '';
  if (url?.attribs['ri:value'] && /^https?:/i.test(url.attribs['ri:value'])) {
    return `<img src="${escape(url.attribs['ri:value'])}" alt="${escape(alt)}">`;
  }
  const filename = attachment?.attribs['ri:filename'] ?? '';
  const owner = ctx.page;
  const found = ctx.store.data.attachments.find((a) => a.pageId === owner.id && a.title === filename);
  const latest = found?.versions[found.versions.length - 1];
  if (latest && latest.mediaType.startsWith('image/')) {
    return `<img src="data:${escape(latest.mediaType)};base64,${latest.dataBase64}" alt="${escape(alt || filename)}">`;
  }
  return `<span class="image-missing">image ${escape(filename)}</span>`;
}

function renderLink(node: Element, ctx: RenderContext): string {
  const target = child(node, 'ri:page');
  const body = child(node, 'ac:link-body') ?? child(node, 'ac:plain-text-link-body');
  const title = target?.attribs['ri:content-title'] ?? '';
  const text = body ? renderNodes(body.children, ctx) : escape(title);
  const spaceKey = target?.attribs['ri:space-key'];
  const space = spaceKey ? ctx.store.data.spaces.find((s) => s.key === spaceKey) : undefined;
  const linked = ctx.store.data.pages.find(
    (p) =>
      p.status === 'current' &&
      p.spaceId === (space?.id ?? ctx.page.spaceId) &&
      currentVersion(p).title.toLowerCase() === title.toLowerCase(),
  );
  const anchor = node.attribs['ac:anchor'] ? `#${encodeURIComponent(node.attribs['ac:anchor'])}` : '';
  if (linked) return `<a href="${viewHref(ctx.store, linked)}${anchor}">${text}</a>`;
  if (!target && anchor) return `<a href="${anchor}">${text}</a>`;
  return `<span class="broken-link" title="no such page">${text}</span>`;
}

function viewHref(store: Store, page: PageRecord): string {
  const space = store.data.spaces.find((s) => s.id === page.spaceId);
  return `/wiki/spaces/${encodeURIComponent(space?.key ?? '')}/pages/${page.id}`;
}

function ancestorsOf(store: Store, page: PageRecord): PageRecord[] {
  const out: PageRecord[] = [];
  let parentId = page.parentId;
  while (parentId) {
    const parent = store.data.pages.find((p) => p.id === parentId);
    if (!parent || out.includes(parent)) break;
    out.unshift(parent);
    parentId = parent.parentId;
  }
  return out;
}

function child(node: Element, name: string): Element | undefined {
  return node.children.find((c): c is Element => isElement(c) && c.name === name);
}

function parameters(node: Element): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of node.children) {
    if (isElement(c) && c.name === 'ac:parameter') out[c.attribs['ac:name'] ?? ''] = textOf(c).trim();
  }
  return out;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function layout(title: string, content: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)} · Confluence emulator</title>
<style>
body{font:15px/1.6 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#172b4d;margin:0;background:#fff}
header{background:#0c66e4;color:#fff;padding:8px 24px;font-weight:600}
.page{max-width:820px;margin:0 auto;padding:16px 24px 48px}
.crumbs{font-size:13px;color:#626f86}.crumbs a{color:#626f86}
h1.title{font-size:28px;margin:8px 0 4px}.meta{font-size:12px;color:#626f86;margin-bottom:16px}
.label{display:inline-block;background:#f1f2f4;border-radius:3px;padding:0 6px;font-size:12px;margin-right:4px}
a{color:#0c66e4}table{border-collapse:collapse;margin:12px 0}th,td{border:1px solid #dcdfe4;padding:6px 10px;text-align:left}
th{background:#f7f8f9}.code{margin:12px 0;border:1px solid #dcdfe4;border-radius:4px;background:#f7f8f9}
.code-lang{font-size:11px;color:#626f86;padding:2px 10px;border-bottom:1px solid #dcdfe4}
pre{margin:0;padding:10px;overflow:auto;font:13px/1.45 ui-monospace,Menlo,Consolas,monospace}
code{font:13px ui-monospace,Menlo,Consolas,monospace;background:#f1f2f4;padding:0 3px;border-radius:3px}pre code{background:none;padding:0}
.panel{border-left:4px solid;border-radius:4px;padding:8px 14px;margin:12px 0}
.panel-info{background:#e9f2ff;border-color:#1d7afc}.panel-note{background:#f3f0ff;border-color:#8270db}
.panel-warning{background:#fff7d6;border-color:#e2b203}.panel-error{background:#ffeceb;border-color:#e34935}
.panel-tip,.panel-success{background:#dcfff1;border-color:#22a06b}.panel-panel{background:#f7f8f9;border-color:#dcdfe4}
.panel-title{font-weight:600}
.lozenge{display:inline-block;font-size:11px;font-weight:700;text-transform:uppercase;border-radius:3px;padding:0 4px;background:#dcdfe4;color:#44546f}
.lozenge-green{background:#baf3db;color:#216e4e}.lozenge-red{background:#ffd5d2;color:#ae2e24}.lozenge-yellow{background:#f8e6a0;color:#7f5f01}
.lozenge-blue{background:#cce0ff;color:#0055cc}.lozenge-purple{background:#dfd8fd;color:#5e4db2}
.unknown-macro{border:1px dashed #8590a2;border-radius:4px;padding:8px 12px;margin:12px 0;background:#fafbfc}
.unknown-macro-name{font-size:12px;color:#626f86;font-weight:600}
ul.tasks{list-style:none;padding-left:8px}.broken-link{color:#ae2e24;text-decoration:underline dotted}
.image-missing{display:inline-block;border:1px dashed #8590a2;padding:4px 8px;font-size:12px}
img{max-width:100%}.children{margin-top:32px;border-top:1px solid #dcdfe4}.children h2{font-size:16px}
blockquote{border-left:3px solid #dcdfe4;margin:12px 0;padding-left:12px;color:#44546f}
</style></head>
<body><header>Confluence emulator</header><div class="page">
${content}
</div></body></html>
`;
}
