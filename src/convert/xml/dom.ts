/**
 * The tree the storage side reads: the nodes domhandler's `DomHandler` builds from htmlparser2's
 * events in XML mode with source offsets (same kinds, fields, offsets and text merging), as plain
 * objects. domhandler's classes set each field twice (class-field initialisers, then the handler),
 * which made building the tree cost five times tokenising the storage.
 */
import type { Handler } from 'htmlparser2';

interface Base {
  parent: ParentNode | null;
  prev: AnyNode | null;
  next: AnyNode | null;
  /** Offset of the node's first character in the parsed text. */
  startIndex: number | null;
  /** Offset of the node's last character in the parsed text. */
  endIndex: number | null;
}

export interface Element extends Base {
  type: 'tag';
  name: string;
  attribs: Record<string, string>;
  children: AnyNode[];
}
export interface Text extends Base {
  type: 'text';
  data: string;
}
export interface Comment extends Base {
  type: 'comment';
  data: string;
}
/** `<?xml …?>` and the like. */
export interface ProcessingInstruction extends Base {
  type: 'directive';
  name: string;
  data: string;
}
/** A CDATA section: one text child (without offsets of its own) holding its content. */
export interface CDATA extends Base {
  type: 'cdata';
  children: AnyNode[];
}
export interface Document extends Base {
  type: 'root';
  children: AnyNode[];
}

export type AnyNode = Element | Text | Comment | ProcessingInstruction | CDATA;
export type ParentNode = Element | CDATA | Document;

/** Where the parser is: the offsets of the event being reported. */
interface Position {
  startIndex: number | null;
  endIndex: number | null;
}

/** Builds the tree of one parse; `root.children` is the top level. */
export class TreeBuilder implements Partial<Handler> {
  root: Document = {
    type: 'root',
    children: [],
    parent: null,
    prev: null,
    next: null,
    startIndex: null,
    endIndex: null,
  };
  private readonly open: ParentNode[] = [this.root];
  /** A text or comment node later events of the same kind add to. */
  private last: Text | Comment | null = null;
  protected position: Position = { startIndex: null, endIndex: null };

  onparserinit(parser: Position): void {
    this.position = parser;
  }

  onopentag(name: string, attribs: Record<string, string>): void {
    const { startIndex, endIndex } = this.position;
    const el: Element = {
      type: 'tag',
      name,
      attribs,
      children: [],
      parent: null,
      prev: null,
      next: null,
      startIndex,
      endIndex,
    };
    this.add(el);
    this.open.push(el);
  }

  onclosetag(_name: string, _implied: boolean): void {
    this.last = null;
    const el = this.open.pop()!;
    if (el.type !== 'root') el.endIndex = this.position.endIndex;
  }

  ontext(data: string): void {
    const last = this.last;
    if (last?.type === 'text') {
      last.data += data;
      last.endIndex = this.position.endIndex;
      return;
    }
    const { startIndex, endIndex } = this.position;
    const text: Text = { type: 'text', data, parent: null, prev: null, next: null, startIndex, endIndex };
    this.add(text);
    this.last = text;
  }

  oncomment(data: string): void {
    const last = this.last;
    // as domhandler: the comment's end offset stays that of its first part
    if (last?.type === 'comment') {
      last.data += data;
      return;
    }
    const { startIndex, endIndex } = this.position;
    const comment: Comment = {
      type: 'comment',
      data,
      parent: null,
      prev: null,
      next: null,
      startIndex,
      endIndex,
    };
    this.add(comment);
    this.last = comment;
  }

  oncommentend(): void {
    this.last = null;
  }

  oncdatastart(): void {
    const text: Text = {
      type: 'text',
      data: '',
      parent: null,
      prev: null,
      next: null,
      startIndex: null,
      endIndex: null,
    };
    const { startIndex, endIndex } = this.position;
    const cdata: CDATA = {
      type: 'cdata',
      children: [text],
      parent: null,
      prev: null,
      next: null,
      startIndex,
      endIndex,
    };
    this.add(cdata);
    text.parent = cdata;
    this.last = text;
  }

  oncdataend(): void {
    this.last = null;
  }

  onprocessinginstruction(name: string, data: string): void {
    const { startIndex, endIndex } = this.position;
    this.add({ type: 'directive', name, data, parent: null, prev: null, next: null, startIndex, endIndex });
  }

  private add(node: AnyNode): void {
    const parent = this.open[this.open.length - 1]!;
    const prev = parent.children[parent.children.length - 1];
    parent.children.push(node);
    if (prev) {
      node.prev = prev;
      prev.next = node;
    }
    node.parent = parent;
    this.last = null;
  }
}
