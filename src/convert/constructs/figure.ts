/**
 * An image with a caption (the Cloud editor's `<ac:image>…<ac:caption><p>…</p></ac:caption></ac:image>`,
 * standing between blocks) ⇄ an HTML figure whose caption is Markdown, blank lines around it:
 *
 *     <figure><img src="shot.png" width="760" align="center"><figcaption>
 *
 *     Administrator > *General*
 *
 *     </figcaption></figure>
 *
 * GitHub shows the image with its caption below; the caption stays editable Markdown. The image is
 * spelled as the image construct spells an `<img>` (constructs/image.ts).
 */
import type { BlockContent, Html, RootContent } from 'mdast';
import type { Construct, ReadHandler, SequenceHook } from '../registry.js';
import type { Figure } from '../nodes.js';
import { onlyAttrs } from '../xml/kinds.js';
import { isBlank, onlyElements } from '../xml/parse.js';
import { imageSpecOf, imgTag, parseImgTag, writeImage } from './image.js';

const OPEN = /^<figure>(<img\s[^>]*>)<figcaption>$/i;
const CLOSE = /^<\/figcaption><\/figure>$/i;
/** An empty caption (the editor leaves `<ac:caption/>` when a caption is cleared): one line. */
const EMPTY = /^<figure>(<img\s[^>]*>)<figcaption><\/figcaption><\/figure>$/i;

const readFigure: ReadHandler = (el, state) => {
  const parts = onlyElements(el);
  const caption = parts?.[1];
  if (parts?.length !== 2 || caption?.name !== 'ac:caption' || !onlyAttrs(caption)) return null;
  const img = imageSpecOf(el, state);
  if (!img) return null;
  const children = state.blocks(caption.children) as BlockContent[];
  if (children.length === 0 && caption.children.some((c) => !isBlank(c))) return null;
  const node: Figure = { type: 'figure', img: imgTag(img), children };
  return [node];
};

const writeFigure: SequenceHook<RootContent> = (nodes, i, state) => {
  const node = nodes[i]!;
  let img: string;
  let caption: RootContent[];
  let next: number;
  if (node.type === 'figure') {
    [img, caption, next] = [node.img, node.children, i + 1];
  } else if (node.type === 'html' && EMPTY.test((node as Html).value.trim())) {
    [img, caption, next] = [EMPTY.exec((node as Html).value.trim())![1]!, [], i + 1];
  } else {
    const open = node.type === 'html' ? OPEN.exec((node as Html).value.trim()) : null;
    if (!open) return null;
    // only after an opening tag: this hook is tried at every block of the page
    let close = i + 1;
    while (
      close < nodes.length &&
      !(nodes[close]!.type === 'html' && CLOSE.test((nodes[close] as Html).value.trim()))
    )
      close++;
    if (close === nodes.length) return null;
    [img, caption, next] = [open[1]!, nodes.slice(i + 1, close), close + 1];
  }
  const spec = parseImgTag(img);
  if (!spec) return null;
  const image = writeImage(spec, state);
  const body = `<ac:caption>${state.blocks(caption)}</ac:caption>`;
  return { storage: `${image.slice(0, -'</ac:image>'.length)}${body}</ac:image>`, next };
};

export const figure: Construct = {
  name: 'figure',
  read: { 'ac:image': readFigure },
  blockHooks: [writeFigure],
  markdown: {
    figure: (node: Figure, _parent, state, info) => {
      if (node.children.length === 0) return `<figure>${node.img}<figcaption></figcaption></figure>`;
      const inner = state.containerFlow(node, state.createTracker(info).current());
      return `<figure>${node.img}<figcaption>\n\n${inner}\n\n</figcaption></figure>`;
    },
  },
  fixtures: [
    {
      name: 'an image whose caption was cleared (`<ac:caption/>`)',
      markdown:
        '<figure><img src="shot.png" width="736" align="center"><figcaption></figcaption></figure>\n\nAfter.\n',
      storage:
        '<ac:image ac:align="center" ac:width="736"><ri:attachment ri:filename="shot.png"/><ac:caption></ac:caption></ac:image><p>After.</p>',
    },
    {
      name: 'image with a caption (Cloud editor)',
      markdown:
        '<figure><img src="shot.png" alt="shot.png" width="760" align="center"><figcaption>\n\nAdministrator > *General*\n\n</figcaption></figure>\n\nAfter.\n',
      storage:
        '<ac:image ac:align="center" ac:alt="shot.png" ac:width="760"><ri:attachment ri:filename="shot.png"/><ac:caption><p>Administrator &gt; <em>General</em></p></ac:caption></ac:image><p>After.</p>',
    },
    {
      name: 'a caption of two paragraphs, an image without attributes',
      markdown: '<figure><img src="a.png"><figcaption>\n\nOne.\n\nTwo.\n\n</figcaption></figure>\n',
      storage:
        '<ac:image><ri:attachment ri:filename="a.png"/><ac:caption><p>One.</p><p>Two.</p></ac:caption></ac:image>',
    },
  ],
};
