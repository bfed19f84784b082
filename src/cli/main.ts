/**
 * The terminal face: argv → Request (program.ts) → the command → exit code. Errors end as one line
 * on stderr (and a JSON object on stdout with --json). Exit codes: 0 done, 1 error, 2 conflicts.
 */
import { isatty } from 'node:tty';
import { SyncError } from '../errors.js';
import type { RunDeps } from '../sync/engine.js';
import type { DoctorOptions } from '../doctor/index.js';
import { runDoctorCommand } from './doctor-command.js';
import { runInitCommand } from './init-command.js';
import { reportError, type CliIo } from './output.js';
import { CommanderError, buildProgram, type Request } from './program.js';
import { runSyncCommand } from './sync-command.js';
import { packageVersion } from './version.js';

export type { CliIo } from './output.js';

export interface CliDeps extends RunDeps {
  /** Transport tuning for doctor and init (tests: no real waiting). */
  probe?: Pick<DoctorOptions, 'sleep' | 'retries' | 'timeoutMs'>;
}

const defaultIo = (): CliIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: () => process.stdin,
  interactive: isatty(0) && isatty(2),
  env: process.env,
  cwd: process.cwd(),
});

/** Runs one command; resolves to the exit code (0 ok, 1 error, 2 unresolved conflicts). */
export async function main(
  argv: readonly string[] = process.argv.slice(2),
  io: CliIo = defaultIo(),
  deps: CliDeps = {},
): Promise<number> {
  const wantsJson = argv.includes('--json');
  let request: Request | undefined;
  const program = buildProgram(
    packageVersion(),
    { out: (t) => io.stdout.write(t), err: (t) => io.stderr.write(t) },
    (r) => (request = r),
  );
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) {
      reportError(io, e, wantsJson);
      return 1;
    }
    // --help, --version and "help <command>" print and end with 0; a bare call prints help and ends with 1.
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
    if (e.code === 'commander.help' || e.code === 'commander.executeSubCommandAsync') return e.exitCode;
    reportError(io, usageError(e, argv), wantsJson);
    return 1;
  }
  if (!request) return 0;
  const { probe, ...runDeps } = deps;
  try {
    if (request.kind === 'sync')
      return await runSyncCommand(request.mode, request.paths, request.flags, io, runDeps);
    if (request.kind === 'doctor') return await runDoctorCommand(request.flags, io, probe);
    return await runInitCommand(request.flags, io, probe);
  } catch (e) {
    reportError(io, e, request.flags.json);
    return 1;
  }
}

/** commander's "error: unknown option '--forse'\n(Did you mean --force?)" → one CS-020 line with a hint. */
function usageError(e: CommanderError, argv: readonly string[]): SyncError {
  const [first = '', ...rest] = e.message.split('\n');
  const message = first.replace(/^error:\s*/i, '').replace(/\.+$/, '');
  const suggestion = rest.find((l) => /did you mean/i.test(l))?.replace(/^\(|\)$/g, '');
  const command = argv.find((a) => !a.startsWith('-'));
  const helpFor = e.code === 'commander.unknownCommand' || !command ? '' : ` ${command}`;
  return new SyncError('CS-020', `${message.charAt(0).toUpperCase()}${message.slice(1)}.`, {
    hint: `${suggestion ? `${suggestion} ` : ''}See "confluence-sync${helpFor} --help".`,
  });
}
