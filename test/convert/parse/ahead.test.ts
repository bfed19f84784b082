/**
 * Markdown parsed ahead (src/convert/ahead.ts): toStorage given a tree made ahead writes exactly what
 * it writes after parsing the text itself, on every input the converter tests know; a tree is handed
 * out once; `stop()` ends the parsing; texts too large, or that the conversion refuses, are left alone.
 */
import { describe, expect, it } from 'vitest';
import { AHEAD_MAX_TEXT, MarkdownAhead } from '../../../src/convert/ahead.js';
import { toStorage } from '../../../src/convert/index.js';
import { corpusContext } from '../corpus-context.js';
import { corpusInputs, gfmInputs, specInputs } from './inputs.js';

function outcome(f: () => unknown): unknown {
  try {
    return f();
  } catch (e) {
    return `throws ${(e as Error).message}`;
  }
}

describe('MarkdownAhead', () => {
  it(
    'toStorage with the tree parsed ahead gives what it gives alone, on every input',
    { timeout: 240_000 },
    async () => {
      const texts = [
        ...specInputs(),
        ...gfmInputs(),
        ...corpusInputs(),
        { name: 'CRLF', markdown: '# T\r\n\r\n- a\r\n- b <!--cs:x\r\ny-->\r\n\r\n```\r\ncode\r\n```\r\n' },
      ].map((i) => i.markdown);
      const ahead = new MarkdownAhead();
      await ahead.parse(texts);
      const distinct = new Set(texts.filter((t) => t.length <= AHEAD_MAX_TEXT));
      expect(ahead.size).toBe(distinct.size);
      for (const text of distinct) {
        // as a push converts a file
        const options = { omitTitleHeading: true };
        const alone = outcome(() => toStorage(text, corpusContext, options));
        expect(outcome(() => toStorage(text, corpusContext, { ...options, ahead }))).toEqual(alone);
      }
      expect(ahead.size).toBe(0);
    },
  );

  it('hands a tree out once', async () => {
    const ahead = new MarkdownAhead();
    await ahead.parse(['# A\n\ntext\n']);
    expect(ahead.take('# A\n\ntext\n')?.type).toBe('root');
    expect(ahead.take('# A\n\ntext\n')).toBeUndefined();
  });

  it('stops parsing when told, between two texts', async () => {
    const ahead = new MarkdownAhead();
    const texts = Array.from({ length: 50 }, (_, i) => `- item ${i}\n`);
    const running = ahead.parse(texts);
    await new Promise<void>((resolve) => setImmediate(resolve));
    await new Promise<void>((resolve) => setImmediate(resolve));
    ahead.stop();
    await running;
    expect(ahead.size).toBeGreaterThan(0);
    expect(ahead.size).toBeLessThan(50);
  });

  it('leaves texts too large and texts the converter refuses to the conversion', async () => {
    const large = `${'word '.repeat(AHEAD_MAX_TEXT / 5 + 1)}\n`;
    const deep = `${'> '.repeat(40)}x\n`;
    const ahead = new MarkdownAhead();
    await ahead.parse([large, deep]);
    expect(ahead.size).toBe(0);
    expect(() => toStorage(deep, {}, { ahead })).toThrow(/nests more than/);
  });
});
