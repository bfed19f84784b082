/**
 * A structural well-formedness check of storage-format bodies read from Confluence. Confluence only
 * stores well-formed XHTML, so a body that is not (a truncated response, a broken proxy) must stop the
 * read instead of reaching the converter, whose tolerant parser would repair it silently and lose
 * whatever it could not place. Deliberately lenient on what Confluence may legitimately send
 * (any entity name, namespaced tags without declarations); strict on structure: every tag closed in
 * order, tags and attributes complete, comments, CDATA and processing instructions terminated.
 */
import { SyncError } from '../errors.js';

const NAME = /[A-Za-z_][\w.:-]*/y;
const ATTRIBUTE = /\s+([A-Za-z_][\w.:-]*)\s*=\s*(?:"[^"<]*"|'[^'<]*')/y;
const TAG_END = /\s*(\/?)>/y;
const CLOSE_END = /\s*>/y;

function match(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/** null when well-formed, else what is wrong and where (an offset; the body is never quoted). */
export function storageProblem(xml: string): string | null {
  const open: string[] = [];
  let i = xml.indexOf('<');
  while (i >= 0) {
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end < 0) return `unterminated comment at offset ${i}`;
      i = end + 3;
    } else if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i + 9);
      if (end < 0) return `unterminated CDATA section at offset ${i}`;
      i = end + 3;
    } else if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i + 2);
      if (end < 0) return `unterminated processing instruction at offset ${i}`;
      i = end + 2;
    } else if (xml.startsWith('<!', i)) {
      return `unexpected declaration at offset ${i}`;
    } else if (xml.startsWith('</', i)) {
      const name = match(NAME, xml, i + 2)?.[0];
      const close = name ? match(CLOSE_END, xml, i + 2 + name.length) : null;
      if (!name || !close) return `malformed end tag at offset ${i}`;
      const expected = open.pop();
      if (expected !== name) {
        return expected
          ? `</${name}> closes <${expected}> at offset ${i}`
          : `</${name}> without a start tag at offset ${i}`;
      }
      i += 2 + name.length + close[0].length;
    } else {
      const name = match(NAME, xml, i + 1)?.[0];
      if (!name) return `malformed start tag at offset ${i}`;
      let j = i + 1 + name.length;
      const seen = new Set<string>();
      for (let m = match(ATTRIBUTE, xml, j); m; m = match(ATTRIBUTE, xml, j)) {
        const attribute = m[1] ?? '';
        if (seen.has(attribute)) return `duplicate attribute ${attribute} at offset ${j}`;
        seen.add(attribute);
        j += m[0].length;
      }
      const end = match(TAG_END, xml, j);
      if (!end) return `malformed or unterminated <${name}> at offset ${i}`;
      if (end[1] !== '/') open.push(name);
      i = j + end[0].length;
    }
    i = xml.indexOf('<', i);
  }
  const unclosed = open.pop();
  return unclosed ? `<${unclosed}> is never closed` : null;
}

/** Throws CS-012 when a page body read from Confluence is not well-formed storage. */
export function assertWellFormedStorage(pageId: string, body: string): void {
  const problem = storageProblem(body);
  if (problem === null) return;
  throw new SyncError(
    'CS-012',
    `Confluence sent page ${pageId} with a body that is not well-formed XML (${problem}); nothing was written from it.`,
    {
      hint: 'Run again (a response may have been cut off); if it persists, open the page in Confluence, save or restore a version, and report it.',
    },
  );
}
