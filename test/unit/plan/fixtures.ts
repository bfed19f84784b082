import type { PageSummary } from '../../../src/confluence/types.js';
import { emptyManifest } from '../../../src/sync/state/manifest.js';
import type { LocalDoc, Manifest, ManifestPage, PlanInput } from '../../../src/sync/types.js';

export const ROOT = '1';

export function doc(path: string, hash: string, title: string, extra: Partial<LocalDoc> = {}): LocalDoc {
  return {
    path,
    kind: path.endsWith('/')
      ? 'virtual-folder'
      : /\/(index|readme)\.md$/i.test(path)
        ? 'folder-index'
        : 'file',
    content: '',
    hash,
    title,
    labels: [],
    parentPath: null,
    ...extra,
  };
}

export function remote(
  id: string,
  title: string,
  version: number,
  parentId: string | null = ROOT,
): PageSummary {
  return { id, title, parentId, version, lastModified: '2026-01-01T00:00:00.000Z', spaceId: 'S1' };
}

export function tracked(
  id: string,
  localPath: string,
  title: string,
  version: number,
  hash: string,
  parentId = ROOT,
): ManifestPage {
  return {
    id,
    spaceKey: 'DOCS',
    title,
    version,
    parentId,
    lastModified: '2026-01-01T00:00:00.000Z',
    localPath,
    contentHash: hash,
    status: 'synced',
    labels: [],
    attachments: {},
  };
}

export function manifestOf(...pages: ManifestPage[]): Manifest {
  const m = emptyManifest('https://example.atlassian.net/wiki', 'DOCS', ROOT);
  for (const p of pages) m.pages[p.id] = p;
  return m;
}

export function input(partial: Partial<PlanInput>): PlanInput {
  return {
    mode: 'sync',
    strategy: 'manual',
    onLocalDelete: 'keep',
    rootPageId: ROOT,
    locals: [],
    manifest: manifestOf(),
    remotes: [remote(ROOT, 'Docs', 1, null)],
    ...partial,
  };
}
