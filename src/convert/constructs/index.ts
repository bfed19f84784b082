/** Every construct, in the order their hooks are tried. A new construct is one file plus one line here. */
import type { Construct } from '../registry.js';
import { alert } from './alert.js';
import { anchor } from './anchor.js';
import { blockquote } from './blockquote.js';
import { lineBreak } from './break.js';
import { carryThrough } from './carry-through.js';
import { code } from './code.js';
import { details } from './details.js';
import { emoji } from './emoji.js';
import { figure } from './figure.js';
import { emoticon } from './emoticon.js';
import { frontmatterConstruct } from './frontmatter.js';
import { image } from './image.js';
import { footnote } from './footnote.js';
import { heading } from './heading.js';
import { html } from './html.js';
import { link } from './link.js';
import { list } from './list.js';
import { marks } from './marks.js';
import { paragraph } from './paragraph.js';
import { status } from './status.js';
import { table } from './table.js';
import { taskList } from './task-list.js';
import { thematicBreak } from './thematic-break.js';
import { toc } from './toc.js';
import { userLink } from './user-link.js';

export const constructs: Construct[] = [
  table,
  carryThrough,
  footnote,
  alert,
  details,
  figure,
  toc,
  anchor,
  status,
  paragraph,
  heading,
  marks,
  lineBreak,
  link,
  userLink,
  code,
  blockquote,
  taskList,
  list,
  thematicBreak,
  emoticon,
  emoji,
  image,
  html,
  frontmatterConstruct,
];
