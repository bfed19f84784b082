/** md → storage: walks the mdast tree, one handler per node type, hooks for sibling runs. */
import type { Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import { SyncError } from '../errors.js';
import { constructs } from './constructs/index.js';
import type { SequenceHook, WriteHandlers, WriteState } from './registry.js';
import type { ConvertContext } from './types.js';

const handlers: WriteHandlers = Object.assign({}, ...constructs.map((c) => c.write ?? {}));
const blockHooks = constructs.flatMap((c) => c.blockHooks ?? []);
const inlineHooks = constructs.flatMap((c) => c.inlineHooks ?? []);

export function createWriteState(ctx: ConvertContext, source: string | null, root?: Root): WriteState {
  const definitions: WriteState['definitions'] = new Map();
  if (root) collectDefinitions(root, definitions);
  const state: WriteState = {
    ctx,
    source,
    attachments: [],
    links: [],
    definitions,
    nextTaskId: 1,
    blocks: (nodes) => run(nodes, blockHooks, state),
    inlines: (nodes) => run(nodes, inlineHooks, state),
  };
  return state;
}

function run<T extends RootContent | PhrasingContent>(
  nodes: T[],
  hooks: SequenceHook<T>[],
  state: WriteState,
): string {
  let out = '';
  let i = 0;
  outer: while (i < nodes.length) {
    for (const hook of hooks) {
      const taken = hook(nodes, i, state);
      if (taken) {
        out += taken.storage;
        i = taken.next;
        continue outer;
      }
    }
    out += writeNode(nodes[i]!, state);
    i++;
  }
  return out;
}

export function writeNode(node: Nodes, state: WriteState): string {
  const handler = handlers[node.type] as ((n: Nodes, s: WriteState) => string) | undefined;
  if (!handler)
    throw new SyncError('CS-099', `The converter has no handler for Markdown node "${node.type}".`);
  return handler(node, state);
}

function collectDefinitions(node: Nodes, into: WriteState['definitions']): void {
  if (node.type === 'definition') {
    if (!into.has(node.identifier)) into.set(node.identifier, { url: node.url, title: node.title });
    return;
  }
  if ('children' in node) for (const child of node.children) collectDefinitions(child, into);
}
