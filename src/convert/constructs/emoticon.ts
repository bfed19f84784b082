/**
 * Emoji shortcodes ⇄ Confluence emoticons: `:smile:` ⇄ `<ac:emoticon ac:name="smile"/>`. Only the
 * classic emoticon set has a name both sides know; Cloud's emoji form (with `ac:emoji-id`) is
 * carried through. Text that merely looks like a shortcode is written `\:smile:` and stays text.
 */
import type { Text } from 'mdast';
import type { Construct, WriteState } from '../registry.js';
import type { Emoticon } from '../nodes.js';
import { escapeText } from '../xml/escape.js';
import { escapedIndexes } from '../md-escapes.js';
import { onlyAttrs } from '../xml/kinds.js';

/** Confluence emoticon name → shortcode (GitHub's where one exists). */
const TO_SHORTCODE: Record<string, string> = {
  smile: 'smile',
  sad: 'disappointed',
  cheeky: 'stuck_out_tongue',
  laugh: 'laughing',
  wink: 'wink',
  'thumbs-up': '+1',
  'thumbs-down': '-1',
  information: 'information_source',
  tick: 'white_check_mark',
  cross: 'x',
  warning: 'warning',
  plus: 'heavy_plus_sign',
  minus: 'heavy_minus_sign',
  question: 'question',
  'light-on': 'bulb',
  'light-off': 'light-off',
  'yellow-star': 'star',
  'red-star': 'red-star',
  'green-star': 'green-star',
  'blue-star': 'blue-star',
  heart: 'heart',
  'broken-heart': 'broken_heart',
};
const TO_NAME = new Map(Object.entries(TO_SHORTCODE).map(([name, code]) => [code, name]));
const SHORTCODE = /:([a-z0-9_+-]+):/y;

/**
 * Known shortcodes in a text, left to right; `:-:smile:` finds `:smile:` (colons may be shared by
 * failed tries). Colons at the `escaped` indexes were written `\:` and take part in none.
 */
function findShortcodes(
  text: string,
  escaped?: Set<number>,
): { index: number; code: string; name: string }[] {
  const out: { index: number; code: string; name: string }[] = [];
  let i = text.indexOf(':');
  while (i !== -1) {
    SHORTCODE.lastIndex = i;
    const m = escaped?.has(i) ? null : SHORTCODE.exec(text);
    const name = m && !escaped?.has(i + m[0].length - 1) ? TO_NAME.get(m[1]!) : undefined;
    if (m && name) {
      out.push({ index: i, code: m[1]!, name });
      i = text.indexOf(':', i + m[0].length);
    } else i = text.indexOf(':', i + 1);
  }
  return out;
}

export const EMOTICON_TABLE = TO_SHORTCODE;

/** Indexes in a text node's value of the colons its Markdown source wrote as `\:`. */
function escapedColons(value: string, raw: string): Set<number> {
  return new Set([...escapedIndexes(value, raw)].filter((index) => value[index] === ':'));
}

/** Storage for a text node written in Markdown, with its shortcodes as emoticons; null when it has none. */
export function textWithEmoticons(node: Text, state: WriteState): string | null {
  if (!node.value.includes(':') || !state.source || !node.position) return null;
  const raw = state.source.slice(node.position.start.offset, node.position.end.offset);
  let out = '';
  let last = 0;
  let found = false;
  for (const m of findShortcodes(node.value, escapedColons(node.value, raw))) {
    out += escapeText(node.value.slice(last, m.index)) + `<ac:emoticon ac:name="${m.name}"/>`;
    last = m.index + m.code.length + 2;
    found = true;
  }
  return found ? out + escapeText(node.value.slice(last)) : null;
}

export const emoticon: Construct = {
  name: 'emoticon',
  read: {
    'ac:emoticon': (el) => {
      const name = el.attribs['ac:name'] ?? '';
      return onlyAttrs(el, 'ac:name') && TO_SHORTCODE[name] && el.children.length === 0
        ? [{ type: 'emoticon', name }]
        : null;
    },
  },
  write: {
    emoticon: (node) => `<ac:emoticon ac:name="${node.name}"/>`,
  },
  markdown: {
    emoticon: (node: Emoticon) => `:${TO_SHORTCODE[node.name]}:`,
    text: (node: Text, _parent, state, info) => {
      // `www.` that is text, not a link, whatever follows it (GFM would link `**www.**example.com`)
      let safe = state.safe(node.value, info);
      if (/www\./i.test(safe)) safe = safe.replace(/(^|[\s*_~(])(www)\.(?=[^\s]|$)/giu, '$1$2\\.');
      // a colon at an edge would pair with a neighbouring shortcode's (`:x` + `:smile:`): written `\:`
      // (unless the serialiser escaped it already: `:-` at a line start could read as a table delimiter)
      if (info.after === ':')
        safe = safe.replace(/(\\*):([a-z0-9_+-]*)$/, (m, slashes: string, rest: string) =>
          slashes.length % 2 === 1 ? m : `${slashes}\\:${rest}`,
        );
      if (info.before === ':') safe = safe.replace(/^([a-z0-9_+-]*):/, '$1\\:');
      let out = '';
      let last = 0;
      for (const m of findShortcodes(safe)) {
        out += `${safe.slice(last, m.index)}\\`;
        last = m.index;
      }
      return out + safe.slice(last);
    },
  },
  fixtures: [
    {
      name: 'shortcodes',
      markdown: 'Done :white_check_mark: :smile:\n',
      storage: '<p>Done <ac:emoticon ac:name="tick"/> <ac:emoticon ac:name="smile"/></p>',
    },
    {
      name: 'text that looks like one',
      markdown: 'write \\:smile: here\n',
      storage: '<p>write :smile: here</p>',
    },
    { name: 'unknown shortcodes stay text', markdown: 'a :nope: b\n', storage: '<p>a :nope: b</p>' },
    {
      name: 'a colon the serialiser escaped already is not escaped twice',
      markdown: '\\:-:white_check_mark:\n',
      storage: '<p>:-<ac:emoticon ac:name="tick"/></p>',
    },
    {
      name: 'a colon next to an emoticon does not pair with it',
      markdown: '\\:x:white_check_mark:0 and :white_check_mark:x\\: too\n',
      storage: '<p>:x<ac:emoticon ac:name="tick"/>0 and <ac:emoticon ac:name="tick"/>x: too</p>',
    },
  ],
};
