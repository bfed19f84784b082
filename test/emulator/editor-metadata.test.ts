/** A person's edit saved as the Cloud editor saves it: the switch adds the editor's metadata. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addEditorMetadata } from './editor-metadata.js';
import { startEmulator, type Emulator } from './index.js';

/** Ids are random: compare with every id replaced by a placeholder. */
const shape = (s: string): string => s.replace(/(local-id|ac:local-id|ac:macro-id)="[^"]*"/g, '$1="…"');

describe('addEditorMetadata', () => {
  const cases: [string, string, string][] = [
    [
      'paragraphs and headings get local-id',
      '<h2>Setup</h2><p>Text</p>',
      '<h2 local-id="…">Setup</h2><p local-id="…">Text</p>',
    ],
    [
      'list items hold their text in a paragraph',
      '<ul><li>one</li><li>two<ul><li>nested</li></ul></li></ul>',
      '<ul local-id="…"><li local-id="…"><p local-id="…">one</p></li><li local-id="…"><p local-id="…">two</p><ul local-id="…"><li local-id="…"><p local-id="…">nested</p></li></ul></li></ul>',
    ],
    [
      'tables get a layout, a width and a colgroup; cells hold paragraphs',
      '<table><tbody><tr><th>Name</th><th>Role</th></tr><tr><td>Ann</td><td><p>Dev</p></td></tr></tbody></table>',
      '<table data-table-width="760" data-layout="default" ac:local-id="…"><colgroup><col style="width: 380.0px;" /><col style="width: 380.0px;" /></colgroup><tbody><tr><th><p local-id="…">Name</p></th><th><p local-id="…">Role</p></th></tr><tr><td><p local-id="…">Ann</p></td><td><p local-id="…">Dev</p></td></tr></tbody></table>',
    ],
    [
      'macros get ac:local-id and ac:macro-id',
      '<ac:structured-macro ac:name="toc" ac:schema-version="1" />',
      '<ac:structured-macro ac:local-id="…" ac:macro-id="…" ac:name="toc" ac:schema-version="1" />',
    ],
    [
      'what is there already stays',
      '<p local-id="abc">x</p><table data-layout="wide"><colgroup><col /></colgroup><tbody><tr><td><p>y</p></td></tr></tbody></table>',
      '<p local-id="…">x</p><table data-table-width="760" ac:local-id="…" data-layout="wide"><colgroup><col /></colgroup><tbody><tr><td><p local-id="…">y</p></td></tr></tbody></table>',
    ],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => {
      const once = addEditorMetadata(input);
      expect(shape(once)).toBe(expected);
      expect(addEditorMetadata(once)).toBe(once);
      for (const id of input.match(/local-id="[^"]*"/g) ?? []) expect(once).toContain(id);
    });
  }
});

describe('the editor-metadata switch', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0 });
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.reset());

  it('off (default): a person’s edit is stored as given', () => {
    const { id } = emu.createPage({ spaceKey: 'DOCS', title: 'Plain', body: '<p>1</p>' });
    emu.editPage(id, { body: '<p>2</p>' });
    expect(emu.getPage(id)!.body).toBe('<p>2</p>');
  });

  it('on: editPage and PUT /__emulator/pages/{id} save as the Cloud editor does', async () => {
    const { id } = emu.createPage({ spaceKey: 'DOCS', title: 'Edited', body: '<p>1</p>' });
    emu.setEditorMetadata(true);
    emu.editPage(id, { body: '<p>2</p>' });
    expect(shape(emu.getPage(id)!.body)).toBe('<p local-id="…">2</p>');
    emu.setEditorMetadata(false);

    const admin = `http://127.0.0.1:${emu.port}/__emulator`;
    const put = (body: unknown) =>
      fetch(`${admin}/pages/${id}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await put({ body: '<ul><li>a</li></ul>', editor: true })).status).toBe(200);
    expect(shape(emu.getPage(id)!.body)).toBe(
      '<ul local-id="…"><li local-id="…"><p local-id="…">a</p></li></ul>',
    );
    const on = await fetch(`${admin}/editor-metadata`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ enabled: true }),
    });
    expect(on.status).toBe(204);
    await put({ body: '<h1>T</h1>' });
    expect(shape(emu.getPage(id)!.body)).toBe('<h1 local-id="…">T</h1>');
    expect(emu.getPage(id)!.version).toBe(4);
  });
});
