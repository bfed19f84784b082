/** The emulator's data: plain JSON-able records, persisted as they are (attachment bytes as base64). */

export type PageStatus = 'current' | 'archived' | 'trashed';

export interface PageVersionRecord {
  number: number;
  title: string;
  body: string;
  createdAt: string;
  message: string;
  minorEdit: boolean;
  authorId: string;
}

export interface LabelRecord {
  id: string;
  name: string;
  prefix: string;
}

export interface PropertyRecord {
  id: string;
  key: string;
  value: unknown;
  version: number;
}

export interface PageRecord {
  id: string;
  spaceId: string;
  parentId: string | null;
  status: PageStatus;
  createdAt: string;
  authorId: string;
  position: number;
  /** versions[n - 1] is version n; the last one is the current page. */
  versions: PageVersionRecord[];
  labels: LabelRecord[];
  properties: PropertyRecord[];
  /** Absent in data saved before inline comments existed. */
  inlineComments?: InlineCommentRecord[];
}

export type InlineResolution = 'open' | 'reopened' | 'resolved';

/** An inline comment: its thread lives here, its anchor is the marker with markerRef in the page body. */
export interface InlineCommentRecord {
  id: string;
  pageId: string;
  /** Storage of the comment's own text. */
  body: string;
  markerRef: string;
  /** The text selected when it was made. */
  originalSelection: string;
  resolution: InlineResolution;
  createdAt: string;
  authorId: string;
}

export interface AttachmentVersionRecord {
  number: number;
  dataBase64: string;
  comment: string;
  mediaType: string;
  createdAt: string;
  minorEdit: boolean;
}

export interface AttachmentRecord {
  /** Numeric string; the API shows it as `att<id>`. */
  id: string;
  pageId: string;
  title: string;
  versions: AttachmentVersionRecord[];
}

export interface SpaceRecord {
  id: string;
  key: string;
  name: string;
  homepageId: string;
  createdAt: string;
  /** The seeded user may write here (false: every write is 403). */
  writable: boolean;
}

export interface Data {
  nextId: number;
  spaces: SpaceRecord[];
  pages: PageRecord[];
  attachments: AttachmentRecord[];
}

export function currentVersion(page: PageRecord): PageVersionRecord {
  const last = page.versions.at(-1);
  if (!last) throw new Error(`page ${page.id} has no versions`);
  return last;
}

export function currentAttachmentVersion(attachment: AttachmentRecord): AttachmentVersionRecord {
  const last = attachment.versions.at(-1);
  if (!last) throw new Error(`attachment ${attachment.id} has no versions`);
  return last;
}
