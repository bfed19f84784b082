/**
 * An edited block keeps its page links without a text of their own. A pull writes such a link with the
 * page's title as its text (`[Install guide](install-guide.md)`: GitHub shows nothing for `[](…)`), and
 * the push writes that text back; the two mean the same (xml/canonical.ts), but only the link without a
 * text keeps showing the page's current title after a rename. So in a block rewritten in place of an old
 * one, a written link whose text is its title goes back to the old block's spelling of the same link.
 */
import { normalizeStorage } from '../xml/canonical.js';
import { type AnyNode, type Element, isElement, parseStorage, sourceOf } from '../xml/parse.js';

/** What the converter writes for a page link whose text is plain (link.ts), without an anchor. */
const WRITTEN_TITLE_LINK =
  /<ac:link><ri:page [^>]*\/><ac:plain-text-link-body><!\[CDATA\[[\s\S]*?\]\]><\/ac:plain-text-link-body><\/ac:link>/g;

export function keepTitleLinks(old: string, written: string): string {
  if (!old.includes('<ri:page') || !written.includes('<ac:plain-text-link-body>')) return written;
  const spare = new Map<string, string[]>();
  for (const link of bodilessPageLinks(parseStorage(old))) {
    const source = sourceOf(old, link);
    const key = normalizeStorage(source);
    spare.set(key, [...(spare.get(key) ?? []), source]);
  }
  if (spare.size === 0) return written;
  return written.replace(WRITTEN_TITLE_LINK, (link) => {
    const sources = spare.get(normalizeStorage(link));
    return sources?.shift() ?? link;
  });
}

/** `<ac:link><ri:page …/></ac:link>` anywhere in the nodes, without an anchor. */
function bodilessPageLinks(nodes: AnyNode[], out: Element[] = []): Element[] {
  for (const node of nodes) {
    if (!isElement(node)) continue;
    if (node.name === 'ac:link') {
      const els = node.children.filter(isElement);
      if (node.attribs['ac:anchor'] === undefined && els.length === 1 && els[0]!.name === 'ri:page')
        out.push(node);
      continue;
    }
    bodilessPageLinks(node.children, out);
  }
  return out;
}
