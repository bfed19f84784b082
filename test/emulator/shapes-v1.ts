/** Store records → REST v1 JSON (Content, attachments, labels) per cloud-v1.json / Data Center. */
import type { RequestContext } from './http-kit.js';
import { operationsOf } from './routes/page-operations.js';
import {
  currentAttachmentVersion,
  currentVersion,
  type AttachmentRecord,
  type LabelRecord,
  type PageRecord,
  type PageVersionRecord,
  type SpaceRecord,
} from './model.js';
import { v1Base } from './paging.js';

export function spaceV1(ctx: RequestContext, space: SpaceRecord, expand: Set<string>) {
  const { base } = v1Base(ctx);
  const out: Record<string, unknown> = {
    id: Number(space.id),
    key: space.key,
    name: space.name,
    type: 'global',
    status: 'current',
    _links: { webui: `/spaces/${space.key}`, self: `${base}/rest/api/space/${space.key}` },
    _expandable: { homepage: `/rest/api/content/${space.homepageId}` },
  };
  if (expand.has('homepage')) {
    const home = ctx.store.findPage(space.homepageId);
    if (home) {
      out.homepage = contentV1(ctx, home, new Set());
      out._expandable = {};
    }
  }
  return out;
}

function userV1(ctx: RequestContext, accountId: string) {
  return ctx.flavor === 'cloud'
    ? {
        type: 'known',
        accountId,
        accountType: 'atlassian',
        displayName: 'Emulator User',
        publicName: 'Emulator User',
      }
    : { type: 'known', username: ctx.user.username, userKey: accountId, displayName: 'Emulator User' };
}

export function versionV1(ctx: RequestContext, v: PageVersionRecord) {
  return {
    by: userV1(ctx, v.authorId),
    when: v.createdAt,
    friendlyWhen: v.createdAt,
    message: v.message,
    number: v.number,
    minorEdit: v.minorEdit,
    _links: {},
  };
}

/** Parses `expand=body.storage,version,ancestors,space` into a set of dotted names (and their prefixes). */
export function expandSet(query: URLSearchParams): Set<string> {
  const set = new Set<string>();
  for (const item of query.getAll('expand').flatMap((v) => v.split(','))) {
    const parts = item.trim().split('.');
    for (let i = 1; i <= parts.length; i++) set.add(parts.slice(0, i).join('.'));
  }
  return set;
}

/** A v1 Content object of type page. Always carries version and space; the rest on `expand`. */
export function contentV1(
  ctx: RequestContext,
  page: PageRecord,
  expand: Set<string>,
  version?: PageVersionRecord,
) {
  const v = version ?? currentVersion(page);
  const space = ctx.store.spaceById(page.spaceId);
  const { base, context } = v1Base(ctx);
  const historical = version !== undefined && version !== currentVersion(page);
  const out: Record<string, unknown> = {
    id: page.id,
    type: 'page',
    status: historical ? 'historical' : page.status,
    title: v.title,
    space: { id: Number(space.id), key: space.key, name: space.name, type: 'global', status: 'current' },
    history: { latest: !historical, createdBy: userV1(ctx, page.authorId), createdDate: page.createdAt },
    version: versionV1(ctx, v),
    extensions: { position: page.position },
  };
  const expandable: Record<string, string> = {};
  if (expand.has('operations')) out.operations = operationsOf(ctx, page);
  if (expand.has('ancestors')) {
    out.ancestors = ctx.store
      .ancestors(page.id)
      .map((a) => ({ id: a.id, type: 'page', status: a.status, title: currentVersion(a).title }));
  } else expandable.ancestors = '';
  if (expand.has('body')) {
    const body: Record<string, unknown> = {};
    if (expand.has('body.storage'))
      body.storage = {
        value: v.body,
        representation: 'storage',
        _expandable: { content: `/rest/api/content/${page.id}` },
      };
    out.body = body;
  } else expandable.body = '';
  if (expand.has('metadata')) {
    out.metadata = { labels: labelArray(page.labels), _expandable: {} };
  } else expandable.metadata = '';
  if (expand.has('children')) {
    const children = ctx.store.children(page.id);
    out.children = {
      page: {
        results: children.map((c) => contentV1(ctx, c, new Set())),
        start: 0,
        limit: children.length,
        size: children.length,
      },
    };
  } else expandable.children = `/rest/api/content/${page.id}/child`;
  expandable.descendants = `/rest/api/content/${page.id}/descendant`;
  out._expandable = expandable;
  out._links = {
    webui: `/spaces/${space.key}/pages/${page.id}`,
    edit: `/pages/resumedraft.action?draftId=${page.id}`,
    tinyui: `/x/${Buffer.from(page.id).toString('base64url')}`,
    collection: '/rest/api/content',
    base,
    context,
    self: `${base}/rest/api/content/${page.id}`,
  };
  return out;
}

export function labelV1(label: LabelRecord) {
  return { prefix: label.prefix, name: label.name, id: label.id, label: label.name };
}

export function labelArray(labels: LabelRecord[]) {
  return { results: labels.map(labelV1), start: 0, limit: 200, size: labels.length };
}

export function attachmentV1(ctx: RequestContext, attachment: AttachmentRecord) {
  const v = currentAttachmentVersion(attachment);
  const { base } = v1Base(ctx);
  const download = `/download/attachments/${attachment.pageId}/${encodeURIComponent(attachment.title)}?version=${v.number}&modificationDate=${Date.parse(v.createdAt)}&api=v2`;
  return {
    id: `att${attachment.id}`,
    type: 'attachment',
    status: 'current',
    title: attachment.title,
    version: {
      by: userV1(ctx, '557058:emulator-ci'),
      when: v.createdAt,
      message: v.comment,
      number: v.number,
      minorEdit: v.minorEdit,
    },
    container: { id: attachment.pageId, type: 'page' },
    metadata: { mediaType: v.mediaType, comment: v.comment },
    extensions: {
      mediaType: v.mediaType,
      fileSize: Buffer.from(v.dataBase64, 'base64').length,
      comment: v.comment,
    },
    _links: {
      webui: `/pages/viewpageattachments.action?pageId=${attachment.pageId}&preview=${encodeURIComponent(attachment.title)}`,
      download,
      self: `${base}/rest/api/content/att${attachment.id}`,
    },
  };
}
