/**
 * The shape of a construct: one file in constructs/ holds both directions of one Markdown ⇄
 * Confluence construct plus its fixtures. The two pipelines look handlers up here.
 */
import type { Nodes, PhrasingContent, RootContent } from 'mdast';
import type { Handle } from 'mdast-util-to-markdown';
import type { AttachmentRef, ConvertContext, LinkRef } from './types.js';
import type { AnyNode, Element } from './xml/parse.js';
import './nodes.js';

/** md → storage. */
export interface WriteState {
  ctx: ConvertContext;
  /** The Markdown source, when the tree came from parsing it (null for trees built in code). */
  source: string | null;
  attachments: AttachmentRef[];
  links: LinkRef[];
  definitions: Map<string, { url: string; title?: string | null }>;
  nextTaskId: number;
  blocks(nodes: RootContent[]): string;
  inlines(nodes: PhrasingContent[]): string;
}

export type WriteHandlers = {
  [K in Nodes['type']]?: (node: Extract<Nodes, { type: K }>, state: WriteState) => string;
};

/** Consumes a run of siblings starting at `index` (paired HTML tags, markers…), or declines with null. */
export type SequenceHook<T> = (
  nodes: T[],
  index: number,
  state: WriteState,
) => { storage: string; next: number } | null;

/** storage → md. */
export interface ReadState {
  ctx: ConvertContext;
  source: string;
  blocks(nodes: AnyNode[]): RootContent[];
  inlines(nodes: AnyNode[]): PhrasingContent[];
}

/** Returns the mdast for an element, or null when this element is not in the form the construct writes. */
export type ReadHandler = (el: Element, state: ReadState) => RootContent[] | null;

export interface Fixture {
  name: string;
  markdown: string;
  storage: string;
  ctx?: ConvertContext;
  /** Default 'both': toStorage(markdown) ≡ storage and toMarkdown(storage) === markdown. */
  direction?: 'both' | 'toStorage' | 'toMarkdown';
}

export interface Construct {
  name: string;
  /** Keyed by element name, or `macro:<name>` for structured macros (`macro:*`: any, after its own). */
  read?: Record<string, ReadHandler>;
  write?: WriteHandlers;
  blockHooks?: SequenceHook<RootContent>[];
  inlineHooks?: SequenceHook<PhrasingContent>[];
  /** mdast-util-to-markdown handlers for the construct's own node types. */
  markdown?: Record<string, Handle>;
  fixtures: Fixture[];
}
