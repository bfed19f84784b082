import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index.js';

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

const BODY = [
  '<p>Intro with <strong>bold</strong> &amp; <code>code</code>.</p>',
  '<ac:structured-macro ac:name="info"><ac:parameter ac:name="title">Heads up</ac:parameter><ac:rich-text-body><p>Panel text</p></ac:rich-text-body></ac:structured-macro>',
  '<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">ts</ac:parameter><ac:plain-text-body><![CDATA[const a = 1 < 2;]]></ac:plain-text-body></ac:structured-macro>',
  '<table><tbody><tr><th>Key</th></tr><tr><td>Value</td></tr></tbody></table>',
  '<p><ac:structured-macro ac:name="status"><ac:parameter ac:name="colour">Green</ac:parameter><ac:parameter ac:name="title">Done</ac:parameter></ac:structured-macro></p>',
  '<ac:structured-macro ac:name="jira"><ac:parameter ac:name="key">ABC-1</ac:parameter></ac:structured-macro>',
  '<p><script>alert(1)</script></p>',
].join('');

async function view(url: string): Promise<{ status: number; type: string; html: string }> {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type') ?? '', html: await res.text() };
}

describe('page view for browsers (no auth on loopback)', () => {
  it('Cloud: /wiki/spaces/{key}/pages/{id} answers 200 with the title and the body rendered', async () => {
    emulator = await startEmulator({ flavor: 'cloud' });
    const page = emulator.createPage({ spaceKey: 'DOCS', title: 'Setup <guide>', body: BODY });
    const { status, type, html } = await view(`${emulator.url}/spaces/DOCS/pages/${page.id}`);
    expect(status).toBe(200);
    expect(type).toContain('text/html');
    expect(html).toContain('<h1 class="title">Setup &#60;guide&#62;</h1>');
    expect(html).toContain(
      '<div class="panel panel-info"><div class="panel-title">Heads up</div><p>Panel text</p></div>',
    );
    expect(html).toContain('<div class="code-lang">ts</div><pre><code>const a = 1 &#60; 2;</code></pre>');
    expect(html).toContain('<td>Value</td>');
    expect(html).toContain('<span class="lozenge lozenge-green">Done</span>');
    expect(html).toContain('Macro “jira”');
    expect(html).not.toContain('<script>');
    const titled = await view(`${emulator.url}/spaces/DOCS/pages/${page.id}/Setup+guide`);
    expect(titled.status).toBe(200);
  });

  it('Data Center: /pages/viewpage.action?pageId= answers 200; an unknown id answers 404', async () => {
    emulator = await startEmulator({ flavor: 'datacenter' });
    const page = emulator.createPage({ spaceKey: 'DOCS', title: 'Runbook', body: '<p>Steps</p>' });
    const ok = await view(`${emulator.url}/pages/viewpage.action?pageId=${page.id}`);
    expect(ok.status).toBe(200);
    expect(ok.html).toContain('<h1 class="title">Runbook</h1>');
    expect((await view(`${emulator.url}/pages/viewpage.action?pageId=999999`)).status).toBe(404);
  });

  it('the API itself still needs credentials', async () => {
    emulator = await startEmulator({ flavor: 'cloud' });
    expect((await fetch(`${emulator.url}/api/v2/spaces`)).status).toBe(401);
  });
});
