/**
 * A URL someone typed, as it may appear in a message: without a `user:password@` part, a query or a
 * fragment (where tokens hide). Read as text, not parsed: a URL parser reads `user:pass@host` as a
 * scheme and a path, and a password holding `/` or `@` moves where it thinks the host starts.
 */
export function urlForDisplay(raw: string): string {
  let shown = raw.trim().replace(/[?#][\s\S]*$/, '');
  const at = shown.lastIndexOf('@');
  if (at >= 0) {
    const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(shown)?.[0] ?? '';
    shown = `${scheme}…${shown.slice(at)}`;
  }
  shown = shown.replace(/[\u0000-\u001f\u007f]/g, '');
  return shown.length > 80 ? `${shown.slice(0, 77)}...` : shown;
}
