/**
 * "Are these two storage bodies the same page?" Confluence (and the converter's round trip) may
 * reorder attributes, re-encode entities or re-indent; none of that is an edit. Used to link a page
 * instead of writing it (adopt, a run that crashed after its write) and to keep a local file's own
 * formatting when the remote change was only a rename or a move. The canonical form is the
 * converter's: the same one its round-trip contract is stated in.
 */
import { storageEquals } from '../../convert/index.js';

export function sameStorage(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return storageEquals(a, b);
  } catch {
    return false;
  }
}
