/** Layout lines (src/convert/constructs/layout-line.ts): the carried pieces of a page layout as words, losslessly. */
import { describe, expect, it } from 'vitest';
import { blockMarker, parseBlockMarker } from '../../src/convert/constructs/carry-through.js';
import { expandLayoutLine, layoutLine } from '../../src/convert/constructs/layout-line.js';
import { normalizeStorage, toMarkdown, toStorage } from '../../src/convert/index.js';

describe('layout lines', () => {
  it.each([
    ['<ac:layout><ac:layout-section ac:type="two_equal"><ac:layout-cell>', 'layout section:two_equal cell'],
    ['</ac:layout-cell><ac:layout-cell>', '/cell cell'],
    [
      '</ac:layout-cell></ac:layout-section><ac:layout-section ac:type="fixed-width"><ac:layout-cell>',
      '/cell /section section:fixed-width cell',
    ],
    ['</ac:layout-cell></ac:layout-section></ac:layout>', '/cell /section /layout'],
    [
      '</ac:layout-cell><ac:layout-cell/></ac:layout-section><ac:layout-section ac:type="single"><ac:layout-cell>',
      '/cell cell:empty /section section:single cell',
    ],
    ['<div class="columnLayout twoColumns">', 'div.columnLayout.twoColumns'],
    ['</div>', '/div'],
    ['<div class="footer"/>', 'div.footer:empty'],
    ['</div></div><div class="cell aside"><div class="innerCell">', '/div /div div.cell.aside div.innerCell'],
  ])('%s ⇔ %s', (xml, line) => {
    expect(layoutLine(xml)).toBe(line);
    expect(expandLayoutLine(line)).toBe(xml);
    expect(blockMarker(xml)).toBe(`<!--cs:${line}-->`);
    expect(parseBlockMarker(blockMarker(xml))).toBe(xml);
  });

  it.each([
    // another spelling of the same tags, an attribute the line has no word for, anything else: the XML stays
    ['<ac:layout-cell />', '<!--cs:<ac:layout-cell />-->'],
    [
      '<ac:layout-section ac:type="single" data-x="1"><ac:layout-cell>',
      '<!--cs:<ac:layout-section ac:type="single" data-x="1"><ac:layout-cell>-->',
    ],
    ['</ac:layout-cell><p>x</p>', '<!--cs:</ac:layout-cell><p>x</p>-->'],
    ['<div class="cell  large">', '<!--cs:<div class="cell  large">-->'],
    [
      '<div class="contentLayout" data-atlassian-layout="{}">',
      '<!--cs:<div class="contentLayout" data-atlassian-layout="{}">-->',
    ],
  ])('%s keeps its XML', (xml, marker) => {
    expect(layoutLine(xml)).toBeNull();
    expect(blockMarker(xml)).toBe(marker);
    expect(parseBlockMarker(marker)).toBe(xml);
  });

  it('carried text that reads like a layout line travels in base64, never as a line', () => {
    for (const text of ['cell', '/cell cell', 'layout section:single cell', 'div.note', '/div']) {
      expect(blockMarker(text)).toMatch(/^<!--cs64:/);
      expect(parseBlockMarker(blockMarker(text))).toBe(text);
    }
  });

  it('a layout line an edit broke is refused, not pushed as text', () => {
    expect(() => parseBlockMarker('<!--cs:/cell /sektion section:single cell-->')).toThrow(
      /CS-045|does not read/,
    );
  });

  it('a two-column page pulls with its content as Markdown between layout lines, and pushes the same layout', () => {
    const storage =
      '<ac:layout><ac:layout-section ac:type="two_equal"><ac:layout-cell><h2>FlowChat</h2><p>One</p></ac:layout-cell><ac:layout-cell><p>Two</p></ac:layout-cell></ac:layout-section></ac:layout>';
    const markdown = toMarkdown(storage);
    expect(markdown).toBe(
      '<!--cs:layout section:two_equal cell-->\n\n## FlowChat\n\nOne\n\n<!--cs:/cell cell-->\n\nTwo\n\n<!--cs:/cell /section /layout-->\n',
    );
    const back = toStorage(markdown).storage;
    expect(normalizeStorage(back)).toBe(normalizeStorage(storage));
    expect(toMarkdown(back)).toBe(markdown);
  });
});
