/**
 * Emoji shortcodes ⇄ Confluence emoticons: `:smile:` ⇄ `<ac:emoticon ac:name="smile"/>`. Only the
 * classic emoticon set has a name both sides know; Cloud's emoji form (with `ac:emoji-id`) is
 * carried through. Text that merely looks like a shortcode is written `\:smile:` and stays text.
 */
import type { Text } from 'mdast';
import type { Construct, WriteState } from '../registry.js';
import type { Emoticon } from '../nodes.js';
import { escapeText } from '../xml/escape.js';
import { onlyAttrs } from '../xml/kinds.js';
import { decodeEntities } from '../xml/parse.js';

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
const SHORTCODE = /:([a-z0-9_+-]+):/g;

export const EMOTICON_TABLE = TO_SHORTCODE;

/** Storage for a text node written in Markdown, with its shortcodes as emoticons; null when it has none. */
export function textWithEmoticons(node: Text, state: WriteState): string | null {
  if (!node.value.includes(':') || !state.source || !node.position) return null;
  const raw = state.source.slice(node.position.start.offset, node.position.end.offset);
  let out = '';
  let last = 0;
  let found = false;
  const escaped = escapedPositions(raw);
  for (const m of node.value.matchAll(SHORTCODE)) {
    const name = TO_NAME.get(m[1]!);
    if (!name || escaped.has(m.index)) continue;
    out += escapeText(node.value.slice(last, m.index)) + `<ac:emoticon ac:name="${name}"/>`;
    last = m.index + m[0].length;
    found = true;
  }
  return found ? out + escapeText(node.value.slice(last)) : null;
}

/** Positions in the text's value of characters written with a backslash escape in the source. */
function escapedPositions(raw: string): Set<number> {
  const out = new Set<number>();
  let at = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\' && /[!-/:-@[-`{-~]/.test(raw[i + 1] ?? '')) {
      out.add(at++);
      i++;
    } else if (c === '&') {
      const ref = /^&(#\d+|#x[\da-f]+|\w+);/i.exec(raw.slice(i));
      const decoded = ref ? decodeEntities(ref[0]) : c;
      at += decoded.length;
      if (ref) i += ref[0].length - 1;
    } else at++;
  }
  return out;
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
    text: (node: Text, _parent, state, info) =>
      state
        .safe(node.value, info)
        .replace(SHORTCODE, (m, code: string) => (TO_NAME.has(code) ? `\\${m}` : m)),
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
  ],
};
