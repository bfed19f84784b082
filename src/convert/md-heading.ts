/**
 * ATX headings written without the library's setext check, which walks the heading's tree (and takes
 * its text) on every heading to find a line ending or a break. A heading whose children are leaves
 * without a line ending, and no break, has none; unless the `setext` option is set, the library then
 * writes it as ATX: what this does, step for step. Anything else: the library's handler.
 */
import type { Heading } from 'mdast';
import type { Handle } from 'mdast-util-to-markdown';

export function fastHeading(library: Handle): Handle {
  return (node, parent, state, info) => {
    const heading = node as Heading;
    if (state.options.setext || !leavesWithoutLineEndings(heading)) return library(node, parent, state, info);
    const rank = Math.max(Math.min(6, heading.depth || 1), 1);
    const tracker = state.createTracker(info);
    const sequence = '#'.repeat(rank);
    const exit = state.enter('headingAtx');
    const subexit = state.enter('phrasing');
    tracker.move(`${sequence} `);
    let value = state.containerPhrasing(heading, { before: '# ', after: '\n', ...tracker.current() });
    const head = value.charCodeAt(0);
    // a leading tab or space would be taken for the heading's own padding: the library encodes it
    if (head === 9 || head === 32) value = `&#x${head.toString(16).toUpperCase()};${value.slice(1)}`;
    value = value ? `${sequence} ${value}` : sequence;
    if (state.options.closeAtx) value += ` ${sequence}`;
    subexit();
    exit();
    return value;
  };
}

function leavesWithoutLineEndings(heading: Heading): boolean {
  for (const child of heading.children) {
    if (child.type === 'break' || 'children' in child) return false;
    if ('value' in child && /[\r\n]/.test(child.value)) return false;
  }
  return true;
}
