/**
 * `npm run soak`: the full hardening runs, a few minutes in all.
 * - fault soak: a 200-page tree synced 30 times per flavour under 15 % injected faults (429, 5xx,
 *   resets, hangs) with random edits on both sides, then checked against the expected state;
 * - crash test: a 200-page push killed with SIGKILL at random moments 22 times, rerun after each.
 * Prints the totals; exits 1 when anything was lost, duplicated, unreported or corrupt.
 * Options: --pages N, --rounds N, --kills N, --seed N, --fault-rate R.
 */
import { parseArgs } from 'node:util';
import { formatCrashTotals, runCrash } from '../test/hardening/crash.js';
import { formatTotals, runSoak } from '../test/hardening/soak.js';

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '30' },
    kills: { type: 'string', default: '22' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    'fault-rate': { type: 'string', default: '0.15' },
  },
});
const pages = Number(values.pages);
const seed = Number(values.seed);
const started = Date.now();
let failed = false;
const log = (line: string) => process.stderr.write(`  ${line}\n`);

console.log(`soak: seed ${seed} (rerun with --seed ${seed} to repeat)`);
for (const flavor of ['cloud', 'datacenter'] as const) {
  const totals = await runSoak({
    pages,
    rounds: Number(values.rounds),
    faultRate: Number(values['fault-rate']),
    seed,
    flavor,
    log,
  });
  console.log(formatTotals(`fault soak (${flavor}, ${pages} pages)`, totals));
  failed ||= totals.problems.length > 0 || totals.losses + totals.duplicates + totals.unreportedConflicts > 0;
}
const crash = await runCrash({ pages, kills: Number(values.kills), seed, log });
console.log(formatCrashTotals(`crash test (cloud, ${pages} pages)`, crash));
failed ||= crash.problems.length > 0 || crash.losses + crash.duplicates + crash.corruptManifests > 0;

console.log(`${failed ? 'FAILED' : 'passed'} in ${Math.round((Date.now() - started) / 1000)} s`);
process.exitCode = failed ? 1 : 0;
