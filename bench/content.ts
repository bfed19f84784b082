/**
 * Generated content for the benchmark trees: realistic pages (~1.5 KB of storage each: headings,
 * paragraphs with marks and links, a list, a code block, a table) and Markdown of the same size.
 */

export function sectionTitle(section: number): string {
  return `Section ${section}`;
}

export function pageTitle(section: number, page: number): string {
  return `Topic ${section}.${page}`;
}

export function pageBody(label: string): string {
  return [
    `<h2>About ${label}</h2>`,
    `<p>This page describes <strong>${label}</strong>: what it is for, how to set it up and what to watch ` +
      `out for. See <a href="https://example.com/docs">the product documentation</a> for the background.</p>`,
    '<ul><li><p>Install the package and check the version.</p></li>' +
      '<li><p>Set the <code>API_URL</code> and the token in the environment.</p></li>' +
      '<li><p>Run the first import and read its report.</p></li></ul>',
    '<ac:structured-macro ac:name="code" ac:schema-version="1"><ac:parameter ac:name="language">bash</ac:parameter>' +
      '<ac:plain-text-body><![CDATA[npm install --save-dev example-tool\nexample-tool init --yes]]></ac:plain-text-body>' +
      '</ac:structured-macro>',
    '<table><tbody><tr><th><p>Setting</p></th><th><p>Default</p></th><th><p>Meaning</p></th></tr>' +
      '<tr><td><p>retries</p></td><td><p>5</p></td><td><p>How often a failed request is repeated.</p></td></tr>' +
      '<tr><td><p>timeout</p></td><td><p>30 s</p></td><td><p>How long one request may take.</p></td></tr></tbody></table>',
    `<p>Last reviewed for ${label}. Questions go to the docs channel.</p>`,
  ].join('');
}

export function markdownPage(title: string, label: string, image?: string): string {
  return [
    `# ${title}`,
    '',
    `This page describes **${label}**: what it is for, how to set it up and what to watch out for. ` +
      'See [the product documentation](https://example.com/docs) for the background.',
    '',
    '- Install the package and check the version.',
    '- Set the `API_URL` and the token in the environment.',
    '- Run the first import and read its report.',
    '',
    '```bash',
    'npm install --save-dev example-tool',
    'example-tool init --yes',
    '```',
    '',
    '| Setting | Default | Meaning |',
    '| --- | --- | --- |',
    '| retries | 5 | How often a failed request is repeated. |',
    '| timeout | 30 s | How long one request may take. |',
    '',
    ...(image ? [`![Diagram for ${label}](${image})`, ''] : []),
    `Last reviewed for ${label}. Questions go to the docs channel.`,
    '',
  ].join('\n');
}

/** A small valid PNG (1×1 pixel) whose bytes differ per seed (a tEXt chunk), so uploads are distinct. */
export function pngImage(seed: number): Uint8Array {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = chunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]));
  const text = chunk('tEXt', Buffer.from(`Comment\0bench image ${seed} ${'x'.repeat(2000)}`, 'latin1'));
  const idat = chunk('IDAT', Buffer.from([0x78, 0x9c, 0x63, 0x60, 0x00, 0x02, 0x00, 0x00, 0x05, 0x00, 0x01]));
  const iend = chunk('IEND', Buffer.alloc(0));
  return new Uint8Array(Buffer.concat([signature, ihdr, text, idat, iend]));
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
