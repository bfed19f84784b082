/**
 * Cloud folders: created with POST /api/v2/folders, read and deleted under /api/v2/folders/{id}.
 * v2 has no folder update call, so a rename or move is a v1 content update with `type: folder`
 * (the version read first, sent + 1; the new parent as the last ancestor).
 */
import { z } from 'zod';
import { SyncError } from '../errors.js';
import { isRequestError } from './errors-map.js';
import type { Transport } from './http.js';
import { idSchema, v2FolderSchema, type V2Folder } from './schemas.js';
import type { CreateFolderInput, TreeNode, UpdateFolderInput } from './types.js';
import { deleteIfPresent } from './v1-calls.js';

const FOLDER_CLASH = /folder exists with the same title/i;

const v1FolderSchema = z.object({ id: idSchema, title: z.string() });

function nodeOf(raw: V2Folder): TreeNode {
  return { id: raw.id, type: 'folder', title: raw.title, parentId: raw.parentId ?? null };
}

function folderTitleTaken(e: unknown, title: string): unknown {
  if (isRequestError(e) && e.status === 400 && FOLDER_CLASH.test(e.confluenceMessage ?? '')) {
    return new SyncError(
      'CS-013',
      `Confluence refused the folder "${title}": a folder with this title already exists in the space.`,
      {
        hint: 'Folder titles are unique among the folders of a space (ignoring case): rename the local directory or the existing folder.',
        status: 400,
      },
    );
  }
  return e;
}

export async function createFolderV2(
  http: Transport,
  v2: string,
  input: CreateFolderInput,
): Promise<TreeNode> {
  try {
    const raw = await http.json(
      {
        method: 'POST',
        path: `${v2}/folders`,
        json: { spaceId: input.spaceId, title: input.title, parentId: input.parentId },
        subject: `the new folder "${input.title}"`,
      },
      v2FolderSchema,
    );
    return nodeOf(raw);
  } catch (e) {
    throw folderTitleTaken(e, input.title);
  }
}

async function readFolder(http: Transport, v2: string, id: string): Promise<V2Folder | null> {
  try {
    const raw = await http.json(
      { method: 'GET', path: `${v2}/folders/${encodeURIComponent(id)}`, subject: `folder ${id}` },
      v2FolderSchema,
    );
    return raw.status === 'trashed' || raw.status === 'deleted' ? null : raw;
  } catch (e) {
    if (isRequestError(e) && e.code === 'CS-003') return null;
    throw e;
  }
}

export async function getFolderV2(http: Transport, v2: string, id: string): Promise<TreeNode | null> {
  const raw = await readFolder(http, v2, id);
  return raw ? nodeOf(raw) : null;
}

export async function updateFolderV1(
  http: Transport,
  v2: string,
  v1: string,
  input: UpdateFolderInput,
): Promise<TreeNode> {
  const current = await readFolder(http, v2, input.id);
  if (!current) {
    throw new SyncError('CS-003', `Folder ${input.id} not found or no longer visible.`, {
      hint: 'It was deleted in Confluence; run a pull to bring the tree up to date.',
      status: 404,
    });
  }
  const title = input.title ?? current.title;
  const parentId = input.parentId ?? current.parentId ?? undefined;
  try {
    const raw = await http.json(
      {
        method: 'PUT',
        path: `${v1}/content/${encodeURIComponent(input.id)}`,
        json: {
          id: input.id,
          type: 'folder',
          title,
          version: { number: (current.version?.number ?? 1) + 1 },
          ...(parentId === undefined ? {} : { ancestors: [{ id: parentId }] }),
        },
        subject: `folder ${input.id} ("${title}")`,
      },
      v1FolderSchema,
    );
    return { id: raw.id, type: 'folder', title: raw.title, parentId: parentId ?? null };
  } catch (e) {
    throw folderTitleTaken(e, title);
  }
}

export async function deleteFolderV2(http: Transport, v2: string, id: string): Promise<void> {
  await deleteIfPresent(http, { path: `${v2}/folders/${encodeURIComponent(id)}`, subject: `folder ${id}` });
}
