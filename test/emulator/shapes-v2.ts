/** Store records → REST v2 JSON (PageBulk/PageSingle, SpaceBulk, AttachmentBulk, …) per cloud-v2.json. */
import {
  currentAttachmentVersion,
  currentVersion,
  type AttachmentRecord,
  type PageRecord,
  type PageVersionRecord,
  type SpaceRecord,
} from './model.js';
import type { Store } from './store.js';

export function spaceV2(space: SpaceRecord) {
  return {
    id: space.id,
    key: space.key,
    name: space.name,
    type: 'global',
    status: 'current',
    authorId: '557058:emulator-admin',
    createdAt: space.createdAt,
    homepageId: space.homepageId,
    description: null,
    icon: null,
    currentActiveAlias: space.key,
    _links: { webui: `/spaces/${space.key}` },
  };
}

export function versionV2(v: PageVersionRecord) {
  return {
    number: v.number,
    message: v.message,
    minorEdit: v.minorEdit,
    authorId: v.authorId,
    createdAt: v.createdAt,
    ncsStepVersion: String(v.number),
  };
}

export function pageWebui(space: SpaceRecord, page: PageRecord, title: string): string {
  return `/spaces/${space.key}/pages/${page.id}/${encodeURIComponent(title).replace(/%20/g, '+')}`;
}

/**
 * PageBulk. `bodyFormat` storage fills `body.storage`; otherwise `body` is `{}` as the live API does.
 * `version` picks a historical version (default: the current one).
 */
export function pageV2(
  store: Store,
  page: PageRecord,
  bodyFormat: string | undefined,
  version?: PageVersionRecord,
) {
  const v = version ?? currentVersion(page);
  const space = store.spaceById(page.spaceId);
  const body: Record<string, unknown> = {};
  if (bodyFormat === 'storage') body.storage = { representation: 'storage', value: v.body };
  return {
    id: page.id,
    status: version && version !== currentVersion(page) ? 'historical' : page.status,
    title: v.title,
    spaceId: page.spaceId,
    parentId: page.parentId,
    parentType: page.parentId ? (store.content.find(page.parentId)?.kind ?? 'page') : null,
    position: page.position,
    authorId: page.authorId,
    ownerId: page.authorId,
    lastOwnerId: null,
    createdAt: page.createdAt,
    version: versionV2(v),
    body,
    _links: {
      webui: pageWebui(space, page, v.title),
      editui: `/pages/resumedraft.action?draftId=${page.id}`,
      tinyui: `/x/${Buffer.from(page.id).toString('base64url')}`,
    },
  };
}

export function attachmentV2(attachment: AttachmentRecord, space: SpaceRecord) {
  const v = currentAttachmentVersion(attachment);
  const fileName = encodeURIComponent(attachment.title);
  const downloadLink = `/download/attachments/${attachment.pageId}/${fileName}?version=${v.number}&modificationDate=${Date.parse(v.createdAt)}&cacheVersion=1&api=v2`;
  return {
    id: `att${attachment.id}`,
    status: 'current',
    title: attachment.title,
    createdAt: v.createdAt,
    pageId: attachment.pageId,
    mediaType: v.mediaType,
    mediaTypeDescription: v.mediaType,
    comment: v.comment,
    fileId: `emulator-file-${attachment.id}-${v.number}`,
    fileSize: Buffer.from(v.dataBase64, 'base64').length,
    webuiLink: `/spaces/${space.key}/pages/${attachment.pageId}/attachments/${attachment.id}`,
    downloadLink,
    version: {
      number: v.number,
      message: v.comment,
      minorEdit: v.minorEdit,
      authorId: '557058:emulator-ci',
      createdAt: v.createdAt,
    },
    _links: {
      webui: `/spaces/${space.key}/pages/${attachment.pageId}/attachments/${attachment.id}`,
      download: downloadLink,
    },
  };
}
