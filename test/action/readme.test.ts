import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionTables } from './action-table.js';

const root = join(import.meta.dirname, '..', '..');
const HEADING = '## Use it in GitHub Actions';

/** The "Use it in GitHub Actions" section of README.md. */
function section(): { from: string; text: string } {
  const text = readFileSync(join(root, 'README.md'), 'utf8');
  const start = text.indexOf(HEADING);
  if (start < 0) throw new Error(`README.md has no "${HEADING}" section`);
  const rest = text.slice(start + HEADING.length);
  const end = rest.search(/\n## /);
  return { from: 'README.md', text: HEADING + (end >= 0 ? rest.slice(0, end) : rest) };
}

describe('"Use it in GitHub Actions"', () => {
  const { from, text } = section();
  const tables = actionTables(join(root, 'action.yml'));

  it(`has the inputs table of action.yml (${from})`, () => {
    expect(text, `regenerate the table in ${from} from action.yml`).toContain(tables.inputs);
  });

  it(`has the outputs table of action.yml (${from})`, () => {
    expect(text, `regenerate the table in ${from} from action.yml`).toContain(tables.outputs);
  });

  it.each(readdirSync(join(root, 'examples', 'workflows')))(
    'shows examples/workflows/%s as it is',
    (file) => {
      const yaml = readFileSync(join(root, 'examples', 'workflows', file), 'utf8').trimEnd();
      expect(text).toContain(`\`\`\`yaml\n${yaml}\n\`\`\``);
    },
  );
});
