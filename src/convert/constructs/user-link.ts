/**
 * A link to a person (a mention in the old editor and Data Center, `<ac:link><ri:user …/></ac:link>`) ⇄
 * `[](confluence-user:username/jo)`: the attribute that names the person (`username`, `userkey` or
 * `account-id`) and its value. Like a page link, a link without a text of its own has none in Markdown
 * (Confluence shows the person's name); a text of its own is the link's text.
 */
import type { PhrasingContent } from 'mdast';
import type { Construct, ReadHandler, WriteState } from '../registry.js';
import { cdata, element } from '../xml/escape.js';
import { onlyAttrs } from '../xml/kinds.js';
import { attr, childElements, textOf } from '../xml/parse.js';

const USER_SCHEME = 'confluence-user:';

/** The value as an address part: `%`, `/`, `#`, `<`, `>`, `\` and line breaks percent-encoded (as page titles are). */
const encodeValue = (value: string): string =>
  value.replace(/[%#/<>\\\n\r]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
const NAMES = ['username', 'userkey', 'account-id'] as const;
type UserAttr = (typeof NAMES)[number];

/** `confluence-user:userkey/8a24…` → the `ri:user` attribute and its value; null for any other address. */
export function parseUserAddress(url: string): { name: UserAttr; value: string } | null {
  if (!url.startsWith(USER_SCHEME)) return null;
  const m = /^(username|userkey|account-id)\/([^/]+)$/.exec(url.slice(USER_SCHEME.length));
  if (!m) return null;
  try {
    const value = decodeURIComponent(m[2]!);
    return value.trim() === '' ? null : { name: m[1] as UserAttr, value };
  } catch {
    return null;
  }
}

export function writeUserLink(
  user: { name: UserAttr; value: string },
  children: PhrasingContent[],
  state: WriteState,
): string {
  const ref = element('ri:user', { [`ri:${user.name}`]: user.value });
  if (children.length === 0) return `<ac:link>${ref}</ac:link>`;
  const body = children.every((c) => c.type === 'text')
    ? `<ac:plain-text-link-body>${cdata(children.map((c) => (c.type === 'text' ? c.value : '')).join(''))}</ac:plain-text-link-body>`
    : `<ac:link-body>${state.inlines(children)}</ac:link-body>`;
  return `<ac:link>${ref}${body}</ac:link>`;
}

const readUserLink: ReadHandler = (el, state) => {
  if (!onlyAttrs(el)) return null;
  const [user, body, ...more] = childElements(el);
  if (user?.name !== 'ri:user' || user.children.length || more.length) return null;
  const names = Object.keys(user.attribs);
  const name = NAMES.find((n) => names.length === 1 && names[0] === `ri:${n}`);
  const value = name && attr(user, `ri:${name}`);
  if (!name || !value || value.trim() === '' || /[\u0000-\u001f]/.test(value)) return null;
  let children: PhrasingContent[] = [];
  if (body?.name === 'ac:plain-text-link-body') children = [{ type: 'text', value: textOf(body) }];
  else if (body?.name === 'ac:link-body') children = state.inlines(body.children);
  else if (body) return null;
  return [{ type: 'link', url: `${USER_SCHEME}${name}/${encodeValue(value)}`, title: null, children }];
};

export const userLink: Construct = {
  name: 'user link',
  read: { 'ac:link': readUserLink },
  fixtures: [
    {
      name: 'a mention without a text of its own (old editor, Data Center)',
      markdown:
        'Task 4 for [](confluence-user:username/admin) and [](confluence-user:userkey/8a24c45f93bb)\n',
      storage:
        '<p>Task 4 for <ac:link><ri:user ri:username="admin"/></ac:link> and <ac:link><ri:user ri:userkey="8a24c45f93bb"/></ac:link></p>',
    },
    {
      name: 'a Cloud account id, and a link text of its own',
      markdown: 'Ask [Jo](confluence-user:account-id/557058:0f1e%2Fx).\n',
      storage:
        '<p>Ask <ac:link><ri:user ri:account-id="557058:0f1e/x"/><ac:plain-text-link-body><![CDATA[Jo]]></ac:plain-text-link-body></ac:link>.</p>',
    },
    {
      name: 'a user element naming nobody stays carried',
      markdown: "<span data-cs='<ac:link><ri:user/></ac:link>'></span>\n",
      storage: '<p><ac:link><ri:user/></ac:link></p>',
    },
  ],
};
