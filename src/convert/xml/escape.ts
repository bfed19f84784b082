/** Text and attribute escaping for storage XML: only the XML five and numeric references, never HTML names. */

// Characters XML 1.0 cannot carry at all (Confluence answers 400); they are removed.
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Any character either replacement below would change. */
const SPECIAL = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export function escapeText(text: string): string {
  if (!SPECIAL.test(text)) return text;
  return text
    .replace(ILLEGAL, '')
    .replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

export function escapeAttr(value: string): string {
  return value.replace(ILLEGAL, '').replace(/[&<>"\n\r\t]/g, (c) => ATTR_REFS[c] ?? c);
}

const ATTR_REFS: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\n': '&#10;',
  '\r': '&#13;',
  '\t': '&#9;',
};

/** A CDATA section; `]]>` inside is split across two sections so the text survives unchanged. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(ILLEGAL, '').replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** `<name a="b">inner</name>`, or `<name a="b"/>` when inner is empty. */
export function element(name: string, attrs: Record<string, string | undefined>, inner = ''): string {
  let open = `<${name}`;
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined) open += ` ${key}="${escapeAttr(value)}"`;
  }
  return inner === '' ? `${open}/>` : `${open}>${inner}</${name}>`;
}

export function parameter(name: string, value: string): string {
  return `<ac:parameter ac:name="${escapeAttr(name)}">${escapeText(value)}</ac:parameter>`;
}

/** A structured macro with its parameters (in the given order) and an optional body (already XML). */
export function macro(name: string, params: [string, string][], body = ''): string {
  const inner = params.map(([k, v]) => parameter(k, v)).join('') + body;
  return `<ac:structured-macro ac:name="${escapeAttr(name)}" ac:schema-version="1">${inner}</ac:structured-macro>`;
}
