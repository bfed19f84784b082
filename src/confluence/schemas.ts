/**
 * zod schemas for every Confluence response the client reads. They accept extra fields (Confluence
 * adds new ones all the time) and numeric ids where strings are documented, and only require what
 * the client actually uses.
 */
import { z } from 'zod';

/** Ids are strings in v2 JSON but numbers in some v1/Data Center responses. */
export const idSchema = z.union([z.string().min(1), z.number().int()]).transform(String);

const nextLinks = z.object({ next: z.string().optional() }).optional();

// ---------------------------------------------------------------- Cloud REST v2

export const v2SpaceSchema = z.object({
  id: idSchema,
  key: z.string(),
  name: z.string(),
  homepageId: idSchema.nullish(),
});

export const v2SpaceListSchema = z.object({ results: z.array(v2SpaceSchema), _links: nextLinks });

export const v2VersionSchema = z.object({
  number: z.number().int().min(1),
  createdAt: z.string().optional(),
});

export const v2PageSchema = z.object({
  id: idSchema,
  title: z.string(),
  status: z.string().optional(),
  spaceId: idSchema,
  parentId: idSchema.nullish(),
  parentType: z.string().nullish(),
  createdAt: z.string().optional(),
  version: v2VersionSchema,
  body: z.object({ storage: z.object({ value: z.string() }).optional() }).optional(),
});
export type V2Page = z.infer<typeof v2PageSchema>;

export const v2PageListSchema = z.object({ results: z.array(v2PageSchema), _links: nextLinks });

/** The hierarchical content types of Cloud's page tree (ChildrenResponse/DescendantsResponse `type`). */
export const treeTypeSchema = z.enum(['page', 'folder', 'whiteboard', 'database', 'embed']);

/** DescendantsResponse: a type Confluence adds later is kept as text and treated as "not synced". */
export const v2DescendantSchema = z.object({
  id: idSchema,
  title: z.string().default(''),
  type: z.string().min(1),
  status: z.string().optional(),
  parentId: idSchema.nullish(),
  depth: z.number().int().min(1),
});
export type V2Descendant = z.infer<typeof v2DescendantSchema>;

export const v2DescendantListSchema = z.object({ results: z.array(v2DescendantSchema), _links: nextLinks });

/** FolderSingle (GET /folders/{id}, POST /folders). */
export const v2FolderSchema = z.object({
  id: idSchema,
  title: z.string(),
  status: z.string().optional(),
  parentId: idSchema.nullish(),
  parentType: z.string().nullish(),
  spaceId: idSchema.optional(),
  version: z.object({ number: z.number().int().min(1) }).optional(),
});
export type V2Folder = z.infer<typeof v2FolderSchema>;

export const v2LabelListSchema = z.object({
  results: z.array(z.object({ name: z.string(), prefix: z.string().optional() })),
  _links: nextLinks,
});

export const v2AttachmentSchema = z.object({
  id: idSchema,
  title: z.string(),
  pageId: idSchema.optional(),
  mediaType: z.string().default('application/octet-stream'),
  fileSize: z.number().int().nonnegative().default(0),
  comment: z.string().nullish(),
  version: z.object({ number: z.number().int().min(1) }),
  downloadLink: z.string().optional(),
});

export const v2AttachmentListSchema = z.object({ results: z.array(v2AttachmentSchema), _links: nextLinks });

// ---------------------------------------------------------------- REST v1 (Data Center, and Cloud where v2 lacks a call)

export const v1SpaceSchema = z.object({
  id: idSchema,
  key: z.string(),
  name: z.string(),
  homepage: z.object({ id: idSchema }).nullish(),
});

export const v1ContentSchema = z.object({
  id: idSchema,
  title: z.string(),
  status: z.string().optional(),
  space: z.object({ id: idSchema.optional(), key: z.string().optional() }).optional(),
  version: z.object({ number: z.number().int().min(1), when: z.string().optional() }).optional(),
  ancestors: z.array(z.object({ id: idSchema })).optional(),
  body: z.object({ storage: z.object({ value: z.string() }).optional() }).optional(),
});
export type V1Content = z.infer<typeof v1ContentSchema>;

/** What reads expand: the version is what change detection runs on, so it must be there. */
export const v1ReadContentSchema = v1ContentSchema.extend({
  version: z.object({ number: z.number().int().min(1), when: z.string().optional() }),
});

export const v1ContentListSchema = z.object({
  results: z.array(v1ReadContentSchema),
  size: z.number().int().optional(),
  _links: nextLinks,
});

export const v1LabelListSchema = z.object({
  results: z.array(z.object({ name: z.string(), prefix: z.string().optional() })),
  size: z.number().int().optional(),
  _links: nextLinks,
});

export const v1AttachmentSchema = z.object({
  id: idSchema,
  title: z.string(),
  version: z.object({ number: z.number().int().min(1) }).optional(),
  container: z.object({ id: idSchema }).optional(),
  metadata: z.object({ mediaType: z.string().optional(), comment: z.string().nullish() }).optional(),
  extensions: z
    .object({
      mediaType: z.string().optional(),
      fileSize: z.number().int().nonnegative().optional(),
      comment: z.string().nullish(),
    })
    .optional(),
  _links: z.object({ download: z.string().optional() }).optional(),
});
export type V1Attachment = z.infer<typeof v1AttachmentSchema>;

export const v1AttachmentListSchema = z.object({
  results: z.array(v1AttachmentSchema),
  size: z.number().int().optional(),
  _links: nextLinks,
});

// ---------------------------------------------------------------- error bodies (both envelopes)

export const errorBodySchema = z.union([
  z.object({
    errors: z
      .array(
        z.object({ title: z.string().nullish(), detail: z.string().nullish(), code: z.string().nullish() }),
      )
      .min(1),
  }),
  z.object({ message: z.string() }),
]);
