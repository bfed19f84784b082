/** JSON persistence of the emulator's data: loaded at start when present, written atomically. */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { Data } from './model.js';

const version = z.object({
  number: z.number().int(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  message: z.string(),
  minorEdit: z.boolean(),
  authorId: z.string(),
});

const dataSchema = z.object({
  nextId: z.number().int(),
  spaces: z.array(
    z.object({
      id: z.string(),
      key: z.string(),
      name: z.string(),
      homepageId: z.string(),
      createdAt: z.string(),
      writable: z.boolean(),
    }),
  ),
  pages: z.array(
    z.object({
      id: z.string(),
      spaceId: z.string(),
      parentId: z.string().nullable(),
      status: z.enum(['current', 'archived', 'trashed']),
      createdAt: z.string(),
      authorId: z.string(),
      position: z.number(),
      versions: z.array(version).min(1),
      labels: z.array(z.object({ id: z.string(), name: z.string(), prefix: z.string() })),
      properties: z.array(
        z.object({ id: z.string(), key: z.string(), value: z.unknown(), version: z.number().int() }),
      ),
    }),
  ),
  attachments: z.array(
    z.object({
      id: z.string(),
      pageId: z.string(),
      title: z.string(),
      versions: z
        .array(
          z.object({
            number: z.number().int(),
            dataBase64: z.string(),
            comment: z.string(),
            mediaType: z.string(),
            createdAt: z.string(),
            minorEdit: z.boolean(),
          }),
        )
        .min(1),
    }),
  ),
});

/** The saved data, or undefined when the file does not exist. Throws on a corrupt file. */
export function loadData(file: string): Data | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = dataSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(`emulator data file ${file} is not valid: ${parsed.error.issues[0]?.message}`);
  return parsed.data as Data;
}

export function saveData(file: string, data: Data): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(data));
  renameSync(tmp, file);
}
