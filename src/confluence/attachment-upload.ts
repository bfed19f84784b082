/**
 * The one upload call both flavours share: REST v1 `PUT …/content/{id}/child/attachment`, which
 * creates the attachment or adds a version of the same-named one.
 */
import type { Transport } from './http.js';
import { z } from 'zod';
import { v1AttachmentSchema, type V1Attachment } from './schemas.js';
import type { Attachment, UploadAttachmentInput } from './types.js';

export function attachmentFromV1(raw: V1Attachment, pageId: string): Attachment {
  return {
    id: raw.id,
    pageId: raw.container?.id ?? pageId,
    title: raw.title,
    mediaType: raw.extensions?.mediaType ?? raw.metadata?.mediaType ?? 'application/octet-stream',
    fileSize: raw.extensions?.fileSize ?? 0,
    version: raw.version?.number ?? 1,
    comment: raw.extensions?.comment ?? raw.metadata?.comment ?? '',
    ...(raw._links?.download ? { downloadPath: raw._links.download } : {}),
  };
}

const uploadAnswerSchema = z.object({ results: z.array(v1AttachmentSchema).min(1) });

export async function uploadViaV1(
  http: Transport,
  v1Root: string,
  input: UploadAttachmentInput,
): Promise<Attachment> {
  const answer = await http.json(
    {
      method: 'PUT',
      path: `${v1Root}/content/${encodeURIComponent(input.pageId)}/child/attachment`,
      headers: { 'X-Atlassian-Token': 'no-check' },
      subject: `attachment ${input.filename} on page ${input.pageId}`,
      form: () => {
        const form = new FormData();
        form.append('file', new Blob([input.data.slice()], { type: input.mediaType }), input.filename);
        form.append('minorEdit', 'true');
        if (input.comment !== undefined) form.append('comment', input.comment);
        return form;
      },
    },
    uploadAnswerSchema,
  );
  const uploaded = answer.results.find((a) => a.title === input.filename) ?? answer.results[0]!;
  const attachment = attachmentFromV1(uploaded, input.pageId);
  // Some versions omit extensions in the upload answer; we know what we sent.
  return {
    ...attachment,
    mediaType: uploaded.extensions?.mediaType ?? uploaded.metadata?.mediaType ?? input.mediaType,
    fileSize: uploaded.extensions?.fileSize ?? input.data.byteLength,
    comment: attachment.comment || (input.comment ?? ''),
  };
}
