/**
 * Direct access to the emulator's content, as a person editing in Confluence would do it:
 * versions are bumped and kept, rules apply, permissions do not, nothing is counted in stats.
 * Used by the Emulator object and by the admin HTTP routes.
 */
import { accountIdFor } from './auth.js';
import { notFound } from './api-error.js';
import { addEditorMetadata } from './editor-metadata.js';
import { countText } from '../../src/convert/patch/markers.js';
import {
  addInlineComment,
  inlineComments,
  resolutionStatus,
  type ResolutionStatus,
} from './inline-comments.js';
import { currentAttachmentVersion, currentVersion, type PageRecord } from './model.js';
import type { Store } from './store.js';

export const PERSON = accountIdFor('confluence-person@example.com');

export interface DirectPage {
  id: string;
  title: string;
  parentId: string | null;
  version: number;
  body: string;
  status: string;
  labels: string[];
}

export interface DirectAttachment {
  id: string;
  title: string;
  version: number;
  data: Uint8Array;
  comment: string;
}

function toDirect(page: PageRecord): DirectPage {
  const v = currentVersion(page);
  return {
    id: page.id,
    title: v.title,
    parentId: page.parentId,
    version: v.number,
    body: v.body,
    status: page.status,
    labels: page.labels.map((l) => l.name),
  };
}

export interface DirectInlineComment {
  id: string;
  markerRef: string;
  selection: string;
  resolutionStatus: ResolutionStatus;
}

/** An edit as a person makes it in the editor; `editor` overrides the emulator's editor-metadata switch. */
export interface DirectEdit {
  title?: string;
  body?: string;
  parentId?: string;
  editor?: boolean;
}

export class DirectAccess {
  constructor(
    private readonly store: () => Store,
    /** Whether a person's edits go through the Cloud editor (which adds its metadata to the body). */
    private readonly editorMetadata: () => boolean = () => false,
  ) {}

  spaces(): { id: string; key: string; name: string; homepageId: string }[] {
    return this.store()
      .spaces()
      .map((s) => ({ id: s.id, key: s.key, name: s.name, homepageId: s.homepageId }));
  }

  pages(spaceKey: string): DirectPage[] {
    const space = this.store().spaceByKey(spaceKey);
    if (!space) throw notFound(`No space with key : ${spaceKey}`);
    return this.store().pagesInSpace(space.id).map(toDirect);
  }

  getPage(id: string): DirectPage | undefined {
    const page = this.store().findPage(id);
    return page ? toDirect(page) : undefined;
  }

  createPage(p: { spaceKey: string; parentId?: string; title: string; body: string }): {
    id: string;
    version: number;
  } {
    const store = this.store();
    const space = store.spaceByKey(p.spaceKey);
    if (!space) throw notFound(`No space with key : ${p.spaceKey}`);
    const page = store.asAdmin(() =>
      store.createPage({ spaceId: space.id, parentId: p.parentId, title: p.title, body: p.body }, PERSON),
    );
    return { id: page.id, version: 1 };
  }

  editPage(id: string, p: DirectEdit): { version: number } {
    const store = this.store();
    const current = currentVersion(store.livePage(id));
    const asEditor = p.editor ?? this.editorMetadata();
    const body = asEditor ? addEditorMetadata(p.body ?? current.body) : p.body;
    const page = store.asAdmin(() =>
      store.updatePage(
        id,
        {
          title: p.title ?? current.title,
          body,
          parentId: p.parentId,
          versionNumber: current.number + 1,
        },
        PERSON,
      ),
    );
    return { version: currentVersion(page).number };
  }

  /** A person selects text and comments on it: the body gains a marker, the version stays. */
  addInlineComment(
    id: string,
    p: { textSelection: string; matchIndex?: number; body?: string },
  ): DirectInlineComment {
    const store = this.store();
    const comment = store.asAdmin(() =>
      addInlineComment(
        store,
        {
          pageId: id,
          body: p.body ?? '<p>A comment</p>',
          textSelection: p.textSelection,
          textSelectionMatchCount: countIn(store, id, p.textSelection),
          textSelectionMatchIndex: p.matchIndex ?? 0,
        },
        PERSON,
      ),
    );
    return this.inlineComments(id).find((c) => c.id === comment.id)!;
  }

  inlineComments(id: string): DirectInlineComment[] {
    const store = this.store();
    return inlineComments(store, id).map((c) => ({
      id: c.id,
      markerRef: c.markerRef,
      selection: c.originalSelection,
      resolutionStatus: resolutionStatus(store, c),
    }));
  }

  deletePage(id: string): void {
    const store = this.store();
    store.asAdmin(() => store.trashPage(id));
  }

  attachments(pageId: string): DirectAttachment[] {
    return this.store()
      .attachments(pageId)
      .map((a) => {
        const v = currentAttachmentVersion(a);
        return {
          id: `att${a.id}`,
          title: a.title,
          version: v.number,
          data: new Uint8Array(Buffer.from(v.dataBase64, 'base64')),
          comment: v.comment,
        };
      });
  }
}

function countIn(store: Store, id: string, text: string): number {
  return countText(currentVersion(store.livePage(id)).body, text);
}
