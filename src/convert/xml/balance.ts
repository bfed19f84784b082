/**
 * A cheap check that elements open and close in order. Carried XML travels in pieces (a
 * container's opening and closing markers); if a person deletes or edits one piece, the body
 * would be refused by Confluence, so the converter says which tag is out of place instead.
 */
const TOKEN =
  /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)([A-Za-z][\w:.-]*)(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(\/?)>/g;

/** Null when every element is closed in order; else a description of the first problem. */
export function firstImbalance(xml: string): string | null {
  const stack: string[] = [];
  for (const m of xml.matchAll(TOKEN)) {
    const name = m[2];
    if (name === undefined || m[3] === '/') continue;
    if (m[1] !== '/') stack.push(name);
    else {
      const open = stack.pop();
      if (open !== name) return open ? `</${name}> closes <${open}>` : `</${name}> closes nothing`;
    }
  }
  return stack.length ? `<${stack[stack.length - 1]}> is never closed` : null;
}
