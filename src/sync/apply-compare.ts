/**
 * "Are these two storage bodies the same page?" Confluence (and the converter's round trip) may
 * reorder attributes, re-encode entities or re-indent; none of that is an edit. Used to link a page
 * instead of writing it (adopt, a run that crashed after its write) and to keep a local file's own
 * formatting when the remote change was only a rename or a move.
 */
import { Parser } from 'htmlparser2';

export function canonicalStorage(storage: string): string {
  const out: string[] = [];
  let text = '';
  let inCdata = false;
  const flushText = (): void => {
    const collapsed = inCdata ? text : text.replace(/\s+/g, ' ').trim();
    if (collapsed !== '') out.push(`"${collapsed}"`);
    text = '';
  };
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        flushText();
        const attrs = Object.keys(attribs)
          .sort()
          .map((key) => `${key}=${JSON.stringify(attribs[key])}`)
          .join(' ');
        out.push(`<${name}${attrs ? ` ${attrs}` : ''}>`);
      },
      ontext(data) {
        text += data;
      },
      onclosetag(name) {
        flushText();
        out.push(`</${name}>`);
      },
      oncdatastart() {
        flushText();
        inCdata = true;
      },
      oncdataend() {
        flushText();
        inCdata = false;
      },
      oncomment(data) {
        flushText();
        out.push(`<!--${data}-->`);
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeCDATA: true },
  );
  parser.write(storage);
  parser.end();
  flushText();
  return out.join('');
}

export function sameStorage(a: string, b: string): boolean {
  if (a === b) return true;
  return canonicalStorage(a) === canonicalStorage(b);
}
