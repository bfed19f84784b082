/**
 * REST v1 calls both flavours make the same way (Cloud uses v1 only where v2 lacks the call):
 * label writes, attachment download, and deletes that treat "already gone" as done.
 */
import { isRequestError } from './errors-map.js';
import type { Transport } from './http.js';
import type { Attachment, ConfluenceClient, MovePageInput, PageSummary } from './types.js';

type Request = Parameters<Transport['send']>[0];

/** A DELETE whose 404 means the thing is already gone: done, not an error. */
export async function deleteIfPresent(http: Transport, request: Omit<Request, 'method'>): Promise<void> {
  try {
    await http.send({ ...request, method: 'DELETE' });
  } catch (e) {
    if (isRequestError(e) && e.code === 'CS-003') return;
    throw e;
  }
}

export async function addLabelsViaV1(
  http: Transport,
  v1: string,
  pageId: string,
  labels: readonly string[],
): Promise<void> {
  if (labels.length === 0) return;
  await http.send({
    method: 'POST',
    path: `${v1}/content/${encodeURIComponent(pageId)}/label`,
    json: labels.map((name) => ({ prefix: 'global', name })),
    // Adding a label that is already there changes nothing, so repeating is safe.
    idempotent: true,
    subject: `the labels of page ${pageId}`,
  });
}

export async function removeLabelViaV1(
  http: Transport,
  v1: string,
  pageId: string,
  label: string,
): Promise<void> {
  await deleteIfPresent(http, {
    path: `${v1}/content/${encodeURIComponent(pageId)}/label`,
    query: { name: label },
    subject: `label "${label}" of page ${pageId}`,
  });
}

/**
 * Cloud: always the REST endpoint (its 302 leads to the media host); the `/download/attachments`
 * servlet in `downloadLink` refuses API tokens since 2026 (CHANGE-2735). Data Center: the servlet path
 * it lists, or the REST endpoint.
 */
export async function downloadViaV1(
  http: Transport,
  v1: string,
  attachment: Attachment,
  via: 'rest' | 'listed-path',
): Promise<Uint8Array> {
  const rest = `${v1}/content/${encodeURIComponent(attachment.pageId)}/child/attachment/${encodeURIComponent(attachment.id)}/download`;
  const path = via === 'listed-path' ? (attachment.downloadPath ?? rest) : rest;
  return http.bytes({
    method: 'GET',
    path,
    subject: `attachment ${attachment.title} of page ${attachment.pageId}`,
    foreignRedirect: 'without-credentials',
  });
}

/** A move is an update with the current body: the page keeps its content and gets a new version. */
export async function moveByUpdate(client: ConfluenceClient, input: MovePageInput): Promise<PageSummary> {
  const current = await client.getPage(input.id);
  return client.updatePage({
    id: input.id,
    spaceId: input.spaceId,
    title: input.title ?? current.title,
    parentId: input.parentId ?? current.parentId ?? undefined,
    body: current.body,
    baseVersion: input.baseVersion,
  });
}
