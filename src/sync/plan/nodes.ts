/**
 * A doc path names a node of the tree: a leaf `a/b.md`, a folder page `a/G/index.md` (or README.md), or a
 * virtual folder `a/G/`. These helpers take a node apart and put it back together somewhere else.
 */

export type NodeShape = 'leaf' | 'folder-index' | 'virtual-folder';

export function shapeOf(path: string): NodeShape {
  if (path.endsWith('/')) return 'virtual-folder';
  return /\/(index|readme)\.md$/i.test(path) ? 'folder-index' : 'leaf';
}

/** The node itself without index file or trailing slash: `a/b.md`, `a/G`. */
function ownPath(path: string): string {
  const shape = shapeOf(path);
  if (shape === 'leaf') return path;
  return shape === 'virtual-folder' ? path.slice(0, -1) : path.slice(0, path.lastIndexOf('/'));
}

/** The folder (trailing slash, "" = localRoot) the node sits in. */
export function containingFolder(path: string): string {
  const own = ownPath(path);
  return own.slice(0, own.lastIndexOf('/') + 1);
}

/** The node's own name: `b` for `a/b.md`, `G` for `a/G/index.md` and `a/G/`. */
export function nodeName(path: string): string {
  const own = ownPath(path);
  const name = own.slice(own.lastIndexOf('/') + 1);
  return shapeOf(path) === 'leaf' ? name.replace(/\.md$/i, '') : name;
}

/** The same kind of node with another folder and/or name. */
export function rebuild(path: string, folder: string, name: string): string {
  const shape = shapeOf(path);
  if (shape === 'leaf') return `${folder}${name}${path.match(/\.md$/i)?.[0] ?? '.md'}`;
  if (shape === 'virtual-folder') return `${folder}${name}/`;
  return `${folder}${name}/${path.slice(path.lastIndexOf('/') + 1)}`;
}

/** Depth in the tree: parents have a smaller depth than their children. */
export function depth(path: string): number {
  return containingFolder(path).split('/').length - 1;
}

/** Lower-cased keys a node occupies, for uniqueness among siblings. */
export function occupied(path: string): string[] {
  return shapeOf(path) === 'leaf' ? [path.toLowerCase()] : [`${ownPath(path)}/`.toLowerCase()];
}
