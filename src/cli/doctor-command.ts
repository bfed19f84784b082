/** `confluence-sync doctor`: the checks of src/doctor/, one line each. */
import { loadConfig } from '../config/index.js';
import { doctorText, runDoctor, type DoctorOptions } from '../doctor/index.js';
import type { CliIo } from './output.js';
import type { CommonFlags } from './program.js';
import { retryLine } from './waiting.js';

export async function runDoctorCommand(
  flags: CommonFlags,
  io: CliIo,
  hooks: Pick<DoctorOptions, 'sleep' | 'retries' | 'timeoutMs'> = {},
): Promise<number> {
  const report = await runDoctor({
    cwd: io.cwd,
    load: () =>
      loadConfig({
        cwd: io.cwd,
        discover: true,
        ...(flags.config !== undefined ? { configPath: flags.config } : {}),
        ...(flags.profile !== undefined ? { profile: flags.profile } : {}),
        env: io.env,
      }),
    ...hooks,
    onEvent: (event) => {
      const line = retryLine(event);
      if (line) io.stderr.write(`${line}\n`);
      if (flags.verbose && event.type === 'response')
        io.stderr.write(`debug ${event.method} ${event.path} ${event.status}\n`);
    },
  });
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    io.stdout.write(doctorText(report));
  }
  return report.ok ? 0 : 1;
}
