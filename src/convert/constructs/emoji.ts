/**
 * Cloud emoji ⇄ `<span data-emoji=":question:">❓</span>`: the character shows on GitHub and in any
 * Markdown view, the shortname says which emoji Confluence shows. The Cloud editor stores an emoji
 * as `<ac:emoticon ac:name="blue-star" ac:emoji-shortname=":question:" ac:emoji-id="2753"
 * ac:emoji-fallback="❓"/>`: the id is the character's code points, and the name is the classic
 * emoticon older renderers show (`blue-star` for most; written `data-name` when it is another).
 * Emoji in any other shape (no fallback character, an id of Atlassian's own) stay carried through.
 */
import type { PhrasingContent } from 'mdast';
import type { Construct, ReadHandler, SequenceHook } from '../registry.js';
import { element } from '../xml/escape.js';
import { onlyAttrs } from '../xml/kinds.js';
import { attr } from '../xml/parse.js';

const DEFAULT_NAME = 'blue-star';
const SHORTNAME = /^:[a-z0-9_+-]+:$/;
const NAME = /^[a-z][a-z -]*$/;
const OPEN = /^<span data-emoji="(:[a-z0-9_+-]+:)"(?: data-name="([a-z][a-z -]*)")?>$/;

/** Atlassian's id of a Unicode emoji: its code points in hex, variation selectors left out. */
export function emojiId(character: string): string {
  return [...character]
    .map((c) => c.codePointAt(0)!)
    .filter((cp) => cp !== 0xfe0f)
    .map((cp) => cp.toString(16))
    .join('-');
}

const isEmojiText = (text: string): boolean => text !== '' && /^[^\x00-\x7f]+$/.test(text);

const readEmoji: ReadHandler = (el) => {
  if (
    el.children.length ||
    !onlyAttrs(el, 'ac:name', 'ac:emoji-shortname', 'ac:emoji-id', 'ac:emoji-fallback')
  )
    return null;
  const name = attr(el, 'ac:name');
  const shortname = attr(el, 'ac:emoji-shortname');
  const id = attr(el, 'ac:emoji-id');
  const fallback = attr(el, 'ac:emoji-fallback');
  if (!name || !shortname || !id || !fallback) return null;
  if (!NAME.test(name) || !SHORTNAME.test(shortname) || !isEmojiText(fallback) || emojiId(fallback) !== id)
    return null;
  const named = name === DEFAULT_NAME ? '' : ` data-name="${name}"`;
  return [
    { type: 'html', value: `<span data-emoji="${shortname}"${named}>` },
    { type: 'text', value: fallback },
    { type: 'html', value: '</span>' },
  ];
};

const writeEmoji: SequenceHook<PhrasingContent> = (nodes, i) => {
  const node = nodes[i]!;
  const open = node.type === 'html' ? OPEN.exec(node.value) : null;
  const text = nodes[i + 1];
  const close = nodes[i + 2];
  if (!open || text?.type !== 'text' || close?.type !== 'html' || close.value !== '</span>') return null;
  if (!isEmojiText(text.value)) return null;
  const storage = element('ac:emoticon', {
    'ac:name': open[2] ?? DEFAULT_NAME,
    'ac:emoji-shortname': open[1]!,
    'ac:emoji-id': emojiId(text.value),
    'ac:emoji-fallback': text.value,
  });
  return { storage, next: i + 3 };
};

export const emoji: Construct = {
  name: 'emoji',
  read: { 'ac:emoticon': readEmoji },
  inlineHooks: [writeEmoji],
  fixtures: [
    {
      name: 'a Cloud emoji',
      markdown: '## <span data-emoji=":question:">❓</span> Unmet needs\n',
      storage:
        '<h2><ac:emoticon ac:name="blue-star" ac:emoji-shortname=":question:" ac:emoji-id="2753" ac:emoji-fallback="❓"/> Unmet needs</h2>',
    },
    {
      name: 'an emoji shown as a classic emoticon by older renderers, several code points',
      markdown:
        'My emoticon: <span data-emoji=":slight_smile:" data-name="smile">🙂</span><span data-emoji=":face_exhaling:">😮‍💨</span>\n',
      storage:
        '<p>My emoticon: <ac:emoticon ac:name="smile" ac:emoji-shortname=":slight_smile:" ac:emoji-id="1f642" ac:emoji-fallback="🙂"/><ac:emoticon ac:name="blue-star" ac:emoji-shortname=":face_exhaling:" ac:emoji-id="1f62e-200d-1f4a8" ac:emoji-fallback="😮‍💨"/></p>',
    },
    {
      name: 'a classic emoticon in its Atlassian-emoji form (Cloud) is the emoticon (xml/presentation.ts)',
      markdown: ':white_check_mark: done\n',
      storage:
        '<p><ac:emoticon ac:name="tick" ac:emoji-shortname=":check_mark:" ac:emoji-id="atlassian-check_mark" ac:emoji-fallback=":check_mark:"/> done</p>',
      direction: 'toMarkdown',
    },
    {
      name: 'an emoji whose id is not its character stays carried',
      markdown:
        '<span data-cs=\'<ac:emoticon ac:name="blue-star" ac:emoji-shortname=":party_parrot:" ac:emoji-id="atlassian-party_parrot" ac:emoji-fallback=":party_parrot:"/>\'></span>\n',
      storage:
        '<p><ac:emoticon ac:name="blue-star" ac:emoji-shortname=":party_parrot:" ac:emoji-id="atlassian-party_parrot" ac:emoji-fallback=":party_parrot:"/></p>',
    },
  ],
};
