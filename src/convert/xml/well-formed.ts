/**
 * A strict well-formedness checker for Confluence storage format, answering like Confluence's
 * Woodstox parser does ("Error parsing xhtml: …"). The body is a fragment: several top-level
 * elements and text are fine; `ac:` and `ri:` prefixes need no declaration; named entities are the
 * XML five plus the XHTML 1.0 sets.
 *
 * Used twice: the sync engine refuses a page body read from Confluence that is not well-formed
 * (CS-012) before converting it, and the test emulator answers 400 to a body Confluence would refuse.
 */

export interface XmlProblem {
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

const BUILTIN_PREFIXES = new Set(['ac', 'ri', 'xml', 'xmlns']);

export interface CheckOptions {
  /**
   * Accept any namespace prefix without a declaration. For bodies read back from Confluence, which may
   * carry prefixes it declares itself (template `at:`); what matters there is that the body is intact.
   */
  anyPrefix?: boolean;
}

class XmlError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

/** Returns null when the body is well-formed, else the first problem. */
export function checkStorageXml(input: string, options: CheckOptions = {}): XmlProblem | null {
  try {
    new Checker(input, options).run();
    return null;
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    return { message: error.message, ...position(input, error.at) };
  }
}

/** The message Confluence puts in its 400 answer. */
export function formatXmlProblem(problem: XmlProblem): string {
  return `Error parsing xhtml: ${problem.message}\n at [row,col {unknown-source}]: [${problem.line},${problem.column}]`;
}

function position(input: string, at: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at && i < input.length; i++) {
    if (input[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: at - lineStart + 1 };
}

function describe(ch: string | undefined): string {
  if (ch === undefined) return 'EOF';
  return `'${ch}' (code ${ch.codePointAt(0)})`;
}

function isNameStart(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z_:\u00C0-\uFFFF]/.test(ch);
}

function isNameChar(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]/.test(ch);
}

function isLegalXmlChar(code: number): boolean {
  if (code === 0x9 || code === 0xa || code === 0xd) return true;
  if (code < 0x20) return false;
  if (code === 0xfffe || code === 0xffff) return false;
  return true;
}

interface Open {
  name: string;
  at: number;
  declared: Set<string>;
}

class Checker {
  private i = 0;
  private readonly stack: Open[] = [];

  constructor(
    private readonly s: string,
    private readonly options: CheckOptions,
  ) {}

  run(): void {
    this.checkCharacters();
    const s = this.s;
    while (this.i < s.length) {
      if (s[this.i] === '<') this.markup();
      else if (s[this.i] === '&') this.reference();
      else if (s.startsWith(']]>', this.i)) {
        throw new XmlError(
          "String ']]>' not allowed in textual content, except as the end marker of CDATA section",
          this.i,
        );
      } else this.i++;
    }
    const open = this.stack.at(-1);
    if (open)
      throw new XmlError(`Unexpected EOF; was expecting a close tag for element <${open.name}>`, s.length);
  }

  private checkCharacters(): void {
    const s = this.s;
    for (let i = 0; i < s.length; i++) {
      const code = s.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff) {
        const next = s.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          i++;
          continue;
        }
        throw new XmlError(`Illegal character (unpaired surrogate, code ${code})`, i);
      }
      if (code >= 0xdc00 && code <= 0xdfff)
        throw new XmlError(`Illegal character (unpaired surrogate, code ${code})`, i);
      if (!isLegalXmlChar(code)) throw new XmlError(`Illegal character ((CTRL-CHAR, code ${code}))`, i);
    }
  }

  private markup(): void {
    const s = this.s;
    if (s.startsWith('<!--', this.i)) return this.comment();
    if (s.startsWith('<![CDATA[', this.i)) return this.cdata();
    if (s.startsWith('<!', this.i)) {
      throw new XmlError(
        `Unexpected character ${describe(s[this.i + 2])} after '<!' (DOCTYPE not allowed in content)`,
        this.i,
      );
    }
    if (s.startsWith('<?', this.i)) return this.processingInstruction();
    if (s.startsWith('</', this.i)) return this.closeTag();
    this.openTag();
  }

  private comment(): void {
    const start = this.i;
    const end = this.s.indexOf('--', start + 4);
    if (end < 0) throw new XmlError('Unexpected EOF in comment', this.s.length);
    if (this.s[end + 2] !== '>') throw new XmlError("String '--' not allowed in comment (missing '>'?)", end);
    this.i = end + 3;
  }

  private cdata(): void {
    const end = this.s.indexOf(']]>', this.i + 9);
    if (end < 0) throw new XmlError('Unexpected EOF in CDATA section', this.s.length);
    this.i = end + 3;
  }

  private processingInstruction(): void {
    const start = this.i;
    this.i += 2;
    const name = this.name('processing instruction');
    if (name.toLowerCase() === 'xml') {
      throw new XmlError(
        'Illegal processing instruction target ("xml"); xml (case insensitive) is reserved by the specs.',
        start,
      );
    }
    const end = this.s.indexOf('?>', this.i);
    if (end < 0) throw new XmlError('Unexpected EOF in processing instruction', this.s.length);
    this.i = end + 2;
  }

  private closeTag(): void {
    const start = this.i;
    this.i += 2;
    const name = this.name('end tag');
    this.skipSpace();
    if (this.s[this.i] !== '>') {
      throw new XmlError(`Unexpected character ${describe(this.s[this.i])} in end tag; expected '>'`, this.i);
    }
    this.i++;
    const open = this.stack.pop();
    if (!open) throw new XmlError(`Unbalanced close tag </${name}>; no open start tag.`, start);
    if (open.name !== name)
      throw new XmlError(`Unexpected close tag </${name}>; expected </${open.name}>.`, start);
  }

  private openTag(): void {
    const start = this.i;
    this.i++;
    if (!isNameStart(this.s[this.i])) {
      throw new XmlError(
        `Unexpected character ${describe(this.s[this.i])} in content after '<' (malformed start element?).`,
        this.i,
      );
    }
    const name = this.name('start tag');
    const attributes = new Map<string, number>();
    const declared = new Set<string>();
    for (;;) {
      const hadSpace = this.skipSpace();
      const ch = this.s[this.i];
      if (ch === undefined)
        throw new XmlError(`Unexpected EOF; was expecting a close tag for element <${name}>`, this.i);
      if (ch === '>' || (ch === '/' && this.s[this.i + 1] === '>')) {
        this.checkPrefixes(name, [...attributes.keys()], declared, start);
        if (ch === '>') {
          this.stack.push({ name, at: start, declared });
          this.i++;
        } else this.i += 2;
        return;
      }
      if (!hadSpace || !isNameStart(ch)) {
        throw new XmlError(`Unexpected character ${describe(ch)} (expected space, or '>' or "/>")`, this.i);
      }
      const attrAt = this.i;
      const attr = this.name('attribute name');
      if (attributes.has(attr)) throw new XmlError(`Duplicate attribute '${attr}'.`, attrAt);
      attributes.set(attr, attrAt);
      this.skipSpace();
      if (this.s[this.i] !== '=') {
        throw new XmlError(
          `Unexpected character ${describe(this.s[this.i])} expected '=' after attribute name "${attr}"`,
          this.i,
        );
      }
      this.i++;
      this.skipSpace();
      this.attributeValue(attr);
      if (attr.startsWith('xmlns:')) declared.add(attr.slice(6));
    }
  }

  private attributeValue(attr: string): void {
    const quote = this.s[this.i];
    if (quote !== '"' && quote !== "'") {
      throw new XmlError(
        `Unexpected character ${describe(quote)} in start tag; expected a quote character enclosing value for attribute '${attr}'`,
        this.i,
      );
    }
    this.i++;
    for (;;) {
      const ch = this.s[this.i];
      if (ch === undefined) throw new XmlError('Unexpected EOF in attribute value', this.i);
      if (ch === quote) break;
      if (ch === '<') throw new XmlError("Unexpected '<'  in attribute value", this.i);
      if (ch === '&') this.reference();
      else this.i++;
    }
    this.i++;
  }

  private checkPrefixes(element: string, attributes: string[], declared: Set<string>, at: number): void {
    if (this.options.anyPrefix) return;
    for (const qname of [element, ...attributes]) {
      const colon = qname.indexOf(':');
      if (colon < 0) continue;
      const prefix = qname.slice(0, colon);
      if (BUILTIN_PREFIXES.has(prefix) || declared.has(prefix)) continue;
      if (this.stack.some((open) => open.declared.has(prefix))) continue;
      throw new XmlError(`Undeclared namespace prefix "${prefix}"`, at);
    }
  }

  /** At '&': a numeric character reference or a known named entity followed by ';'. */
  private reference(): void {
    const start = this.i;
    this.i++;
    if (this.s[this.i] === '#') {
      this.i++;
      const hex = this.s[this.i] === 'x';
      if (hex) this.i++;
      const digits = hex ? /[0-9a-fA-F]/ : /[0-9]/;
      const from = this.i;
      while (digits.test(this.s[this.i] ?? '')) this.i++;
      if (this.i === from || this.s[this.i] !== ';') {
        throw new XmlError(
          `Unexpected character ${describe(this.s[this.i])}; expected a ${hex ? 'hex' : 'decimal'} digit or ';' in character entity`,
          this.i,
        );
      }
      const code = Number.parseInt(this.s.slice(from, this.i), hex ? 16 : 10);
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || !isLegalXmlChar(code)) {
        throw new XmlError(
          `Illegal character entity: expansion character (code 0x${code.toString(16)})`,
          start,
        );
      }
      this.i++;
      return;
    }
    if (!isNameStart(this.s[this.i])) {
      throw new XmlError(
        `Unexpected character ${describe(this.s[this.i])}; expected a name start character after '&' (unescaped '&'?)`,
        this.i,
      );
    }
    const name = this.name('entity reference');
    if (this.s[this.i] !== ';') {
      throw new XmlError(
        `Unexpected character ${describe(this.s[this.i])}; expected a semi-colon after the reference for entity '${name}'`,
        this.i,
      );
    }
    if (!XHTML_ENTITIES.has(name)) throw new XmlError(`Undeclared general entity "${name}"`, start);
    this.i++;
  }

  private name(what: string): string {
    const start = this.i;
    if (!isNameStart(this.s[this.i])) {
      throw new XmlError(
        `Unexpected character ${describe(this.s[this.i])} in ${what}; expected a name`,
        this.i,
      );
    }
    while (isNameChar(this.s[this.i])) this.i++;
    const name = this.s.slice(start, this.i);
    const colons = name.split(':').length - 1;
    if (colons > 1 || name.startsWith(':') || name.endsWith(':')) {
      throw new XmlError(`Illegal name '${name}' in ${what}`, start);
    }
    return name;
  }

  private skipSpace(): boolean {
    const from = this.i;
    while (/[ \t\r\n]/.test(this.s[this.i] ?? '')) this.i++;
    return this.i > from;
  }
}

// The named entities Confluence resolves in storage format: the XML five plus the XHTML 1.0 sets
// (xhtml-lat1.ent, xhtml-symbol.ent, xhtml-special.ent). HTML5-only names are not in here on purpose.

// xhtml-lat1.ent: U+00A0..U+00FF in code point order.
const LATIN1 = (
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute ' +
  'micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig ' +
  'Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash ' +
  'Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc ' +
  'euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml ' +
  'yacute thorn yuml'
).split(' ');

const GREEK_UPPER =
  'Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho'.split(' ');
const GREEK_UPPER_2 = 'Sigma Tau Upsilon Phi Chi Psi Omega'.split(' ');
const GREEK_LOWER =
  'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma tau upsilon phi chi psi omega'.split(
    ' ',
  );

// xhtml-symbol.ent (besides the Greek letters built above).
const SYMBOLS: Record<string, number> = {
  fnof: 402,
  thetasym: 977,
  upsih: 978,
  piv: 982,
  bull: 8226,
  hellip: 8230,
  prime: 8242,
  Prime: 8243,
  oline: 8254,
  frasl: 8260,
  weierp: 8472,
  image: 8465,
  real: 8476,
  trade: 8482,
  alefsym: 8501,
  larr: 8592,
  uarr: 8593,
  rarr: 8594,
  darr: 8595,
  harr: 8596,
  crarr: 8629,
  lArr: 8656,
  uArr: 8657,
  rArr: 8658,
  dArr: 8659,
  hArr: 8660,
  forall: 8704,
  part: 8706,
  exist: 8707,
  empty: 8709,
  nabla: 8711,
  isin: 8712,
  notin: 8713,
  ni: 8715,
  prod: 8719,
  sum: 8721,
  minus: 8722,
  lowast: 8727,
  radic: 8730,
  prop: 8733,
  infin: 8734,
  ang: 8736,
  and: 8743,
  or: 8744,
  cap: 8745,
  cup: 8746,
  int: 8747,
  there4: 8756,
  sim: 8764,
  cong: 8773,
  asymp: 8776,
  ne: 8800,
  equiv: 8801,
  le: 8804,
  ge: 8805,
  sub: 8834,
  sup: 8835,
  nsub: 8836,
  sube: 8838,
  supe: 8839,
  oplus: 8853,
  otimes: 8855,
  perp: 8869,
  sdot: 8901,
  lceil: 8968,
  rceil: 8969,
  lfloor: 8970,
  rfloor: 8971,
  lang: 9001,
  rang: 9002,
  loz: 9674,
  spades: 9824,
  clubs: 9827,
  hearts: 9829,
  diams: 9830,
};

// xhtml-special.ent plus the XML five.
const SPECIAL: Record<string, number> = {
  quot: 34,
  amp: 38,
  lt: 60,
  gt: 62,
  apos: 39,
  OElig: 338,
  oelig: 339,
  Scaron: 352,
  scaron: 353,
  Yuml: 376,
  circ: 710,
  tilde: 732,
  ensp: 8194,
  emsp: 8195,
  thinsp: 8201,
  zwnj: 8204,
  zwj: 8205,
  lrm: 8206,
  rlm: 8207,
  ndash: 8211,
  mdash: 8212,
  lsquo: 8216,
  rsquo: 8217,
  sbquo: 8218,
  ldquo: 8220,
  rdquo: 8221,
  bdquo: 8222,
  dagger: 8224,
  Dagger: 8225,
  permil: 8240,
  lsaquo: 8249,
  rsaquo: 8250,
  euro: 8364,
};

function build(): ReadonlyMap<string, number> {
  const map = new Map<string, number>();
  LATIN1.forEach((name, i) => map.set(name, 0xa0 + i));
  GREEK_UPPER.forEach((name, i) => map.set(name, 913 + i)); // Alpha..Rho = U+0391..U+03A1
  GREEK_UPPER_2.forEach((name, i) => map.set(name, 931 + i)); // U+03A2 is unassigned
  GREEK_LOWER.forEach((name, i) => map.set(name, 945 + i));
  for (const [name, code] of Object.entries(SYMBOLS)) map.set(name, code);
  for (const [name, code] of Object.entries(SPECIAL)) map.set(name, code);
  return map;
}

/** Entity name → Unicode code point. */
export const XHTML_ENTITIES: ReadonlyMap<string, number> = build();
