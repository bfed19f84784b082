/**
 * Which pages hold each title, per space, lower-cased: the uniqueness check looks titles up here
 * instead of scanning the space, so seeding thousands of pages stays linear. Current and archived
 * pages hold their title; trashed ones free it (the Store keeps this in step with every write).
 */
export class TitleIndex {
  private readonly bySpace = new Map<string, Map<string, Set<string>>>();

  add(spaceId: string, title: string, pageId: string): void {
    let titles = this.bySpace.get(spaceId);
    if (!titles) this.bySpace.set(spaceId, (titles = new Map()));
    const key = title.toLowerCase();
    let ids = titles.get(key);
    if (!ids) titles.set(key, (ids = new Set()));
    ids.add(pageId);
  }

  remove(spaceId: string, title: string, pageId: string): void {
    const titles = this.bySpace.get(spaceId);
    const key = title.toLowerCase();
    const ids = titles?.get(key);
    if (!titles || !ids) return;
    ids.delete(pageId);
    if (ids.size === 0) titles.delete(key);
  }

  /** Ids of the pages in the space holding this title, ignoring case. */
  holders(spaceId: string, title: string): ReadonlySet<string> {
    return this.bySpace.get(spaceId)?.get(title.toLowerCase()) ?? new Set();
  }
}
