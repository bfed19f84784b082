/**
 * mdast nodes the converter adds for Confluence constructs that have no mdast node of their own.
 * Each is written by its construct's Markdown handler and read back from the Markdown it writes.
 */
import type { BlockContent, Literal, Parent, PhrasingContent } from 'mdast';

/** Storage carried through verbatim at block level (`<!--cs:…-->`). */
export interface RawBlock extends Literal {
  type: 'rawBlock';
}
/** Storage carried through verbatim inside a paragraph (`<span data-cs='…'></span>`). */
export interface RawInline extends Literal {
  type: 'rawInline';
}
export interface Alert extends Parent {
  type: 'alert';
  kind: string;
  title?: string;
  children: BlockContent[];
}
export interface Details extends Parent {
  type: 'details';
  summary?: string;
  children: BlockContent[];
}
/** An image with a caption: the image as its `<img>` tag, the caption as blocks. */
export interface Figure extends Parent {
  type: 'figure';
  img: string;
  children: BlockContent[];
}
export interface Toc {
  type: 'toc';
  params: [string, string][];
}
export interface Emoticon {
  type: 'emoticon';
  name: string;
}
export interface Status {
  type: 'status';
  colour?: string;
  title: string;
  /** The page lists the title before the colour (what the Cloud editor writes). */
  titleFirst?: boolean;
}
/** Inline HTML element Markdown has no syntax for but storage does (`<sub>`, `<sup>`, `<u>`). */
export interface HtmlMark extends Parent {
  type: 'htmlMark';
  tag: string;
  children: PhrasingContent[];
}

declare module 'mdast' {
  interface RootContentMap {
    rawBlock: RawBlock;
    rawInline: RawInline;
    alert: Alert;
    details: Details;
    figure: Figure;
    toc: Toc;
    emoticon: Emoticon;
    status: Status;
    htmlMark: HtmlMark;
  }
  interface BlockContentMap {
    rawBlock: RawBlock;
    alert: Alert;
    details: Details;
    figure: Figure;
    toc: Toc;
  }
  interface PhrasingContentMap {
    rawInline: RawInline;
    emoticon: Emoticon;
    status: Status;
    htmlMark: HtmlMark;
  }
}
