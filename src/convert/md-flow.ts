/**
 * A `containerFlow` (the serialiser's writer of block children: the root, quotes, list items) that
 * writes what the library's writes without its position tracking: the library splits every block it
 * wrote into lines to keep a line and column that no handler's output depends on (a copy of the whole
 * page, line by line, at every level), and spreads the position into each handler's context. Here the
 * children are written by the same handlers, in the same order, with the same `before`/`after`, and
 * joined the library's way (the join rules, last first; see `between`).
 */
import type { Parents, RootContent } from 'mdast';
import type { State } from 'mdast-util-to-markdown';

type FlowParent = Parameters<State['containerFlow']>[0];

export function fastFlow(state: State): void {
  state.containerFlow = function (parent, info) {
    const indexStack = this.indexStack;
    const children = ((parent as Parents).children ?? []) as RootContent[];
    let out = '';
    indexStack.push(-1);
    for (let index = 0; index < children.length; index++) {
      const child = children[index]!;
      indexStack[indexStack.length - 1] = index;
      out += this.handle(child, parent as Parents, this, {
        before: '\n',
        after: '\n',
        now: info.now,
        lineShift: info.lineShift,
      });
      if (child.type !== 'list') this.bulletLastUsed = undefined;
      if (index < children.length - 1) out += between(child, children[index + 1]!, parent, this);
    }
    indexStack.pop();
    return out;
  };
}

/** What goes between two blocks: the last join rule with an opinion decides (a number: blank lines). */
function between(left: RootContent, right: RootContent, parent: FlowParent, state: State): string {
  for (let index = state.join.length - 1; index >= 0; index--) {
    const result = state.join[index]!(left, right, parent, state);
    if (result === true || result === 1) break;
    if (typeof result === 'number') return '\n'.repeat(1 + result);
    if (result === false) return '\n\n<!---->\n\n';
  }
  return '\n\n';
}
