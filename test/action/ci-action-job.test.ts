/**
 * The `action` job of .github/workflows/ci.yml runs the action with `uses: ./` against the emulator
 * started in the job. It cannot run here, so this test runs the same steps: every `uses: ./` step's
 * inputs, in order, through the bundled action, against a local emulator of the same flavour, and
 * checks what the job's last step checks. Changing one without the other fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { startFakeGitHub, type FakeGitHub } from '../fakes/github-api.js';
import { ROOT, ensureBundle, runAction } from './run-action.js';

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}

const ci = load(readFileSync(join(ROOT, '.github', 'workflows', 'ci.yml'), 'utf8')) as {
  jobs: Record<string, { steps: Step[] }>;
};
const steps = ci.jobs.action?.steps ?? [];
const CI_URL = 'http://127.0.0.1:8090';

let emulator: Emulator;
let github: FakeGitHub;
beforeAll(async () => {
  ensureBundle();
  emulator = await startEmulator({ port: 0, flavor: 'datacenter' });
  github = await startFakeGitHub();
}, 240_000);
afterAll(async () => {
  await emulator?.stop();
  await github?.stop();
});

describe('ci.yml: the `uses: ./` job', () => {
  it('starts the emulator as datacenter on the port its steps use', () => {
    const start = steps.find((s) => s.run?.includes('npm run emulator'));
    expect(start?.run).toContain('--port 8090 --flavor datacenter');
    expect(steps.filter((s) => s.uses === './').map((s) => s.with?.url)).toEqual([CI_URL, CI_URL]);
  });

  it(
    "runs each `uses: ./` step with its inputs, and the job's final check holds",
    { timeout: 180_000 },
    async () => {
      const outputs: Record<string, Record<string, string>> = {};
      for (const step of steps.filter((s) => s.uses === './')) {
        const inputs = Object.fromEntries(
          Object.entries(step.with ?? {}).map(([k, v]) => [k, String(v).replace(CI_URL, emulator.url)]),
        );
        const run = await runAction({
          workspace: ROOT,
          eventName: 'push',
          inputs,
          githubApiUrl: github.url,
          githubToken: github.token,
        });
        expect(run.log).not.toContain('::error::');
        expect(run.code, run.log).toBe(0);
        outputs[step.id ?? ''] = run.outputs;
      }
      const final = steps.at(-1)?.run ?? '';
      expect(final).toContain('steps.push.outputs.created }}" -gt 0');
      expect(Number(outputs.push?.created)).toBeGreaterThan(0);
      expect(final).toContain('steps.check.outputs.conflicts }}" = 0');
      expect(outputs.check?.conflicts).toBe('0');
      // Dry run and check: nothing written anywhere.
      expect(emulator.stats().writes).toBe(0);
    },
  );
});
