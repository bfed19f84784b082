import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionTables } from './action-table.js';

const root = join(import.meta.dirname, '..', '..');
const HEADING = '# Use it in GitHub Actions';

/** docs/action.md, the "Use it in GitHub Actions" page. */
function section(): { from: string; text: string } {
  const text = readFileSync(join(root, 'docs', 'action.md'), 'utf8');
  const start = text.indexOf(HEADING);
  if (start < 0) throw new Error(`docs/action.md has no "${HEADING}" heading`);
  const rest = text.slice(start + HEADING.length);
  return { from: 'docs/action.md', text: HEADING + rest };
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
