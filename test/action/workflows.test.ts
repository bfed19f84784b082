import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { loadWorkflowParser } from './workflow-parser.js';

const { parseWorkflow, parseAction, NoOperationTraceWriter } = await loadWorkflowParser();

const root = join(import.meta.dirname, '..', '..');
const examples = join(root, 'examples', 'workflows');
const files = readdirSync(examples).filter((f) => f.endsWith('.yml'));

function errorsOf(result: { context: { errors: { getErrors(): { message: string }[] } } }): string[] {
  return result.context.errors.getErrors().map((e) => e.message);
}

type Workflow = {
  permissions?: Record<string, string>;
  jobs: Record<
    string,
    { permissions?: Record<string, string>; steps: { uses?: string; with?: Record<string, string> }[] }
  >;
};

describe('example workflows', () => {
  it('are all there', () => {
    expect(files.sort()).toEqual(['confluence-pull.yml', 'docs-push.yml', 'matrix.yml', 'pr-check.yml']);
  });

  it.each(files)('%s is a valid workflow', (file) => {
    const content = readFileSync(join(examples, file), 'utf8');
    const result = parseWorkflow({ name: file, content }, new NoOperationTraceWriter());
    expect(errorsOf(result)).toEqual([]);
    expect(result.value).toBeDefined();
  });

  it.each(files)('%s passes only inputs the action declares', (file) => {
    const wf = load(readFileSync(join(examples, file), 'utf8')) as Workflow;
    const declared = Object.keys(
      (load(readFileSync(join(root, 'action.yml'), 'utf8')) as { inputs: object }).inputs,
    );
    for (const job of Object.values(wf.jobs)) {
      for (const step of job.steps.filter((s) => s.uses?.startsWith('confluence-sync/'))) {
        for (const name of Object.keys(step.with ?? {})) expect(declared).toContain(name);
      }
    }
  });

  // The least each flow needs: nothing is write unless the flow writes there.
  it.each([
    ['docs-push.yml', { contents: 'write' }],
    ['confluence-pull.yml', { contents: 'write', 'pull-requests': 'write' }],
    ['pr-check.yml', { contents: 'read', 'pull-requests': 'write' }],
    ['matrix.yml', { contents: 'write' }],
  ])('%s asks for the least permissions', (file, expected) => {
    const wf = load(readFileSync(join(examples, file), 'utf8')) as Workflow;
    expect(wf.permissions).toEqual(expected);
    for (const job of Object.values(wf.jobs)) expect(job.permissions).toBeUndefined();
  });

  it('a broken workflow is reported (the validator is not a no-op)', () => {
    const content = 'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    stepz: []\n';
    expect(errorsOf(parseWorkflow({ name: 'bad.yml', content }, new NoOperationTraceWriter()))).not.toEqual(
      [],
    );
  });
});

describe('action.yml', () => {
  const content = readFileSync(join(root, 'action.yml'), 'utf8');
  const action = load(content) as {
    runs: { using: string; main: string };
    inputs: Record<string, { description?: string; default?: unknown }>;
    outputs: Record<string, { description?: string }>;
  };

  it('is a valid action definition', () => {
    expect(errorsOf(parseAction({ name: 'action.yml', content }, new NoOperationTraceWriter()))).toEqual([]);
  });

  it('a broken action definition is reported (the validator is not a no-op)', () => {
    const bad = content.replace('using: node24', 'using: node99');
    expect(
      errorsOf(parseAction({ name: 'action.yml', content: bad }, new NoOperationTraceWriter())),
    ).not.toEqual([]);
  });

  it('runs the bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  it('gives every input a description and a default, and every output a description', () => {
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description, name).toBeTruthy();
      expect(input.default, name).toBeDefined();
    }
    for (const [name, output] of Object.entries(action.outputs))
      expect(output.description, name).toBeTruthy();
  });

  it('declares the inputs and outputs the action reads and writes', async () => {
    const { INPUT_NAMES } = await import('../../src/action/inputs.js');
    expect(Object.keys(action.inputs).sort()).toEqual([...INPUT_NAMES].sort());
    expect(Object.keys(action.outputs).sort()).toEqual(
      [
        'change-set',
        'conflicts',
        'created',
        'deleted',
        'moved',
        'pull-request-head-sha',
        'pull-request-number',
        'pull-request-operation',
        'pull-request-url',
        'updated',
      ].sort(),
    );
  });
});
