/**
 * GitHub alerts ⇄ Confluence panels: `> [!NOTE]` ⇄ info, `[!TIP]` ⇄ tip, `[!WARNING]` ⇄ note,
 * `[!CAUTION]` ⇄ warning, `[!IMPORTANT]` ⇄ a panel with GitHub's purple (`bgColor` #EAE6FF).
 * Panels with a title, an icon setting or other parameters keep those as carried XML around an
 * editable body.
 */
import type { BlockContent, RootContent } from 'mdast';
import type { Construct, ReadHandler, SequenceHook } from '../registry.js';
import type { Alert } from '../nodes.js';
import { macro } from '../xml/escape.js';
import { onlyAttrs } from '../xml/kinds.js';
import { attr, onlyElements, textOf } from '../xml/parse.js';

const IMPORTANT_COLOUR = '#EAE6FF';
const TO_MACRO: Record<string, string> = {
  NOTE: 'info',
  TIP: 'tip',
  WARNING: 'note',
  CAUTION: 'warning',
  IMPORTANT: 'panel',
};
const MARKER = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*(?:\n|$)/i;

function panel(kind: string, body: string): string {
  const params: [string, string][] = kind === 'IMPORTANT' ? [['bgColor', IMPORTANT_COLOUR]] : [];
  return macro(TO_MACRO[kind]!, params, `<ac:rich-text-body>${body}</ac:rich-text-body>`);
}

const writeAlert: SequenceHook<RootContent> = (nodes, i, state) => {
  const node = nodes[i]!;
  if (node.type === 'alert') return { storage: panel(node.kind, state.blocks(node.children)), next: i + 1 };
  if (node.type !== 'blockquote' || !state.source) return null;
  const first = node.children[0];
  if (first?.type !== 'paragraph') return null;
  const text = first.children[0];
  if (text?.type !== 'text' || !text.position) return null;
  const m = MARKER.exec(text.value);
  if (!m || state.source[text.position.start.offset ?? -1] !== '[') return null;
  const kind = m[1]!.toUpperCase();
  const rest = text.value.slice(m[0].length);
  // a hard line break ending the marker line (`> [!NOTE]␣␣`, `> [!NOTE]\`) is the marker's own line end
  const after = !rest && first.children[1]?.type === 'break' ? 2 : 1;
  const paragraphChildren = [...(rest ? [{ ...text, value: rest }] : []), ...first.children.slice(after)];
  const children = [
    ...(paragraphChildren.length ? [{ ...first, children: paragraphChildren } as BlockContent] : []),
    ...node.children.slice(1),
  ];
  return { storage: panel(kind, state.blocks(children)), next: i + 1 };
};

function readPanel(kind: string): ReadHandler {
  return (el, state) => {
    const parts = onlyElements(el);
    if (!parts || !onlyAttrs(el, 'ac:name')) return null;
    const params = parts.filter((p) => p.name === 'ac:parameter');
    const body = parts.filter((p) => p.name === 'ac:rich-text-body');
    if (body.length !== 1 || params.length + 1 !== parts.length) return null;
    if (kind === 'IMPORTANT') {
      if (
        params.length !== 1 ||
        attr(params[0]!, 'ac:name') !== 'bgColor' ||
        textOf(params[0]!) !== IMPORTANT_COLOUR
      )
        return null;
    } else if (params.length) return null;
    const alert: Alert = { type: 'alert', kind, children: state.blocks(body[0]!.children) as BlockContent[] };
    return [alert];
  };
}

export const alert: Construct = {
  name: 'alert',
  read: Object.fromEntries(
    Object.entries(TO_MACRO).map(([kind, name]) => [`macro:${name}`, readPanel(kind)]),
  ),
  blockHooks: [writeAlert],
  markdown: {
    alert: (node: Alert, _parent, state, info) => {
      const exit = state.enter('blockquote');
      const inner = state.containerFlow(node, state.createTracker(info).current());
      exit();
      // Only a paragraph may follow the marker line directly: anything else gets a blank line first, or
      // it could read as part of the marker's paragraph (an empty list item `-` would underline it as a
      // heading; an indented code block would join it).
      const gap = node.children[0]?.type === 'paragraph' ? '\n' : '\n\n';
      const body = `[!${node.kind}]${inner ? `${gap}${inner}` : ''}`;
      return state.indentLines(body, (line, _i, blank) => `>${blank ? '' : ' '}${line}`);
    },
  },
  fixtures: [
    {
      name: 'note',
      markdown: '> [!NOTE]\n> Read **this**.\n',
      storage:
        '<ac:structured-macro ac:name="info" ac:schema-version="1"><ac:rich-text-body><p>Read <strong>this</strong>.</p></ac:rich-text-body></ac:structured-macro>',
    },
    {
      name: 'important',
      markdown: '> [!IMPORTANT]\n> a\n>\n> b\n',
      storage:
        '<ac:structured-macro ac:name="panel" ac:schema-version="1"><ac:parameter ac:name="bgColor">#EAE6FF</ac:parameter><ac:rich-text-body><p>a</p><p>b</p></ac:rich-text-body></ac:structured-macro>',
    },
    {
      name: 'a body that does not start with a paragraph: a blank line after the marker',
      markdown: '> [!NOTE]\n>\n> > [!TIP]\n> >\n> > -\n> >\n> > - \\>\n',
      storage:
        '<ac:structured-macro ac:name="info" ac:schema-version="1"><ac:rich-text-body><ac:structured-macro ac:name="tip" ac:schema-version="1"><ac:rich-text-body><ul><li></li><li><p>&gt;</p></li></ul></ac:rich-text-body></ac:structured-macro></ac:rich-text-body></ac:structured-macro>',
    },
    {
      name: 'a hard line break ending the marker line is its line end',
      markdown: '> [!TIP]\\\n> a\n\n> [!TIP]  \n> b\n',
      storage:
        '<ac:structured-macro ac:name="tip" ac:schema-version="1"><ac:rich-text-body><p>a</p></ac:rich-text-body></ac:structured-macro><ac:structured-macro ac:name="tip" ac:schema-version="1"><ac:rich-text-body><p>b</p></ac:rich-text-body></ac:structured-macro>',
      direction: 'toStorage',
    },
    {
      name: 'warning and caution',
      markdown: '> [!WARNING]\n> w\n\n> [!CAUTION]\n> c\n',
      storage:
        '<ac:structured-macro ac:name="note"><ac:rich-text-body><p>w</p></ac:rich-text-body></ac:structured-macro><ac:structured-macro ac:name="warning"><ac:rich-text-body><p>c</p></ac:rich-text-body></ac:structured-macro>',
    },
    {
      name: 'a panel with a title keeps an editable body',
      markdown: '<!--cs:macro tip title="Hint" {-->\n\nUse it.\n\n<!--cs:/macro-->\n',
      storage:
        '<ac:structured-macro ac:name="tip"><ac:parameter ac:name="title">Hint</ac:parameter><ac:rich-text-body><p>Use it.</p></ac:rich-text-body></ac:structured-macro>',
    },
    {
      name: 'escaped marker stays a quote',
      markdown: '> \\[!NOTE]\n> x\n',
      storage: '<blockquote><p>[!NOTE]\nx</p></blockquote>',
    },
  ],
};
