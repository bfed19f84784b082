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
  // Without a scheme it may be anything pasted into the wrong place (a token): shown only when it reads
  // as a host name (a forgotten https://).
  if (
    !/^[a-z][a-z0-9+.-]*:\/\//i.test(shown) &&
    !/^(…@)?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(:\d+)?(\/[\w./-]*)?$/i.test(shown)
  )
    return `a value of ${raw.trim().length} characters, not shown`;
  return shown.length > 80 ? `${shown.slice(0, 77)}...` : shown;
}
