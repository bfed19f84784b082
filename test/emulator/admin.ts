/**
 * The admin HTTP API under /__emulator (no auth, not counted), so tests can drive an emulator
 * that runs in another process: stats, faults, reset and the direct page operations.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { ApiError, v2Envelope } from './api-error.js';
import type { DirectAccess } from './direct.js';
import { faultsSchema, type Faults } from './faults.js';
import { sendEmpty, sendJson } from './http-kit.js';
import type { EmulatorStats } from './stats.js';

export interface AdminTarget {
  stats(): EmulatorStats;
  resetStats(): void;
  setFaults(f: Faults | null): void;
  reset(): void;
  setEditorMetadata(on: boolean): void;
  direct: DirectAccess;
}

const createSchema = z.object({
  spaceKey: z.string(),
  parentId: z.string().optional(),
  title: z.string(),
  body: z.string(),
});
const editSchema = z.object({
  title: z.string().optional(),
  body: z.string().optional(),
  parentId: z.string().optional(),
  /** Save as the Cloud editor does (adds its metadata); default: the emulator's switch. */
  editor: z.boolean().optional(),
});
const editorSwitchSchema = z.object({ enabled: z.boolean() });
const inlineCommentSchema = z.object({
  textSelection: z.string().min(1),
  matchIndex: z.number().int().min(0).optional(),
  body: z.string().optional(),
});

async function readJson<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
  } catch {
    throw new ApiError(400, 'BAD_REQUEST', 'Request body is not valid JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError(
      400,
      'BAD_REQUEST',
      `Invalid request: ${issue?.path.join('.') || 'body'}: ${issue?.message}`,
    );
  }
  return parsed.data;
}

export function createAdminHandler(target: AdminTarget) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    const method = req.method ?? 'GET';
    const parts = url.pathname.split('/').slice(2).map(decodeURIComponent); // after "/__emulator"
    const path = parts.join('/');
    try {
      if (method === 'GET' && path === 'stats') sendJson(res, 200, target.stats());
      else if (method === 'POST' && path === 'stats/reset') {
        target.resetStats();
        sendEmpty(res);
      } else if (method === 'PUT' && path === 'faults') {
        target.setFaults(await readJson(req, faultsSchema.nullable()));
        sendEmpty(res);
      } else if (method === 'PUT' && path === 'editor-metadata') {
        target.setEditorMetadata((await readJson(req, editorSwitchSchema)).enabled);
        sendEmpty(res);
      } else if (parts[0] === 'pages' && parts[2] === 'inline-comments' && parts.length === 3) {
        const id = parts[1] ?? '';
        if (method === 'POST')
          sendJson(res, 200, target.direct.addInlineComment(id, await readJson(req, inlineCommentSchema)));
        else if (method === 'GET') sendJson(res, 200, target.direct.inlineComments(id));
        else return false;
      } else if (method === 'POST' && path === 'reset') {
        target.reset();
        sendEmpty(res);
      } else if (method === 'GET' && path === 'spaces') sendJson(res, 200, target.direct.spaces());
      else if (method === 'GET' && parts[0] === 'spaces' && parts[2] === 'pages' && parts.length === 3) {
        sendJson(res, 200, target.direct.pages(parts[1] ?? ''));
      } else if (method === 'POST' && path === 'pages') {
        sendJson(res, 200, target.direct.createPage(await readJson(req, createSchema)));
      } else if (parts[0] === 'pages' && parts.length === 2) {
        const id = parts[1] ?? '';
        if (method === 'GET') {
          const page = target.direct.getPage(id);
          if (!page) throw new ApiError(404, 'NOT_FOUND', `No page ${id}`);
          sendJson(res, 200, page);
        } else if (method === 'PUT')
          sendJson(res, 200, target.direct.editPage(id, await readJson(req, editSchema)));
        else if (method === 'DELETE') {
          target.direct.deletePage(id);
          sendEmpty(res);
        } else return false;
      } else if (
        method === 'GET' &&
        parts[0] === 'pages' &&
        parts[2] === 'attachments' &&
        parts.length === 3
      ) {
        const list = target.direct.attachments(parts[1] ?? '');
        sendJson(
          res,
          200,
          list.map((a) => ({ ...a, data: Buffer.from(a.data).toString('base64') })),
        );
      } else return false;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      sendJson(res, error.status, v2Envelope(error));
    }
    return true;
  };
}
