/** Line endings of Markdown text as toStorage parses it. */

/** Carried storage (block and inline markers) is pushed byte for byte, a CR in it included. */
const CARRIED = /<!--cs(?:64)?:[\s\S]*?-->|data-cs=(?:'[^']*'|"[^"]*")/g;

/**
 * CR and CRLF are line endings to Markdown, but a CR kept in a code block or HTML is a character no
 * pulled fence or block can spell: a file saved with CRLF (Windows, the TypeScript handbook) pushes
 * line feeds only, outside carried storage.
 */
export function lineFeeds(markdown: string): string {
  if (!markdown.includes('\r')) return markdown;
  let out = '';
  let last = 0;
  for (const m of markdown.matchAll(CARRIED)) {
    out += markdown.slice(last, m.index).replace(/\r\n?/g, '\n') + m[0];
    last = m.index + m[0].length;
  }
  return out + markdown.slice(last).replace(/\r\n?/g, '\n');
}
