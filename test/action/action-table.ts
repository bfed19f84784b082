/** The inputs/outputs tables of the README section, generated from action.yml (the test keeps them equal). */
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';

interface ActionYml {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ').trim();

export function actionTables(actionYmlPath: string): { inputs: string; outputs: string } {
  const action = load(readFileSync(actionYmlPath, 'utf8')) as ActionYml;
  const inputs = [
    '| Input | Default | Description |',
    '| --- | --- | --- |',
    ...Object.entries(action.inputs).map(
      ([name, i]) =>
        `| \`${name}\` | ${i.default === undefined || i.default === '' ? '—' : `\`${cell(String(i.default))}\``} | ${cell(i.description)} |`,
    ),
  ].join('\n');
  const outputs = [
    '| Output | Description |',
    '| --- | --- |',
    ...Object.entries(action.outputs).map(([name, o]) => `| \`${name}\` | ${cell(o.description)} |`),
  ].join('\n');
  return { inputs, outputs };
}
