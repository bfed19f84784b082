/**
 * The terminal face: arguments → SyncConfig → runSync → report. No sync logic here.
 */
import { loadConfig } from '../config/index.js';
import { toSyncError } from '../errors.js';
import { toJson, toText } from '../report/index.js';
import { runSync, type RunDeps } from '../sync/engine.js';
import { USAGE, parseCliArgs } from './args.js';
import { createProgress } from './progress.js';
import { packageVersion } from './version.js';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
}

const defaultIo = (): CliIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});

/** Runs one command; resolves to the exit code (0 ok, 1 error, 2 unresolved conflicts). */
export async function main(
  argv: readonly string[] = process.argv.slice(2),
  io: CliIo = defaultIo(),
  deps: RunDeps = {},
): Promise<number> {
  const progress = createProgress(io.stderr, io.stderr.isTTY === true && !io.env.CI);
  try {
    const args = parseCliArgs(argv);
    if (args.help) {
      io.stdout.write(USAGE);
      return 0;
    }
    if (args.version) {
      io.stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    if (!args.command) {
      io.stderr.write(USAGE);
      return 1;
    }
    const config = loadConfig({
      cwd: io.cwd,
      ...(args.config !== undefined ? { configPath: args.config } : {}),
      ...(args.profile !== undefined ? { profile: args.profile } : {}),
      env: io.env,
      flags: args.strategy ? { conflictStrategy: args.strategy } : {},
    });
    const result = await runSync(
      config,
      {
        mode: args.command,
        dryRun: args.dryRun,
        ...(args.allowMassDelete ? { allowMassDelete: true } : {}),
        ...(args.paths.length > 0 ? { paths: args.paths } : {}),
        ...(args.strategy ? { strategy: args.strategy } : {}),
        onProgress: (event) => progress.update(event),
        ...(args.verbose ? { log: (line: string) => io.stderr.write(`debug ${line}\n`) } : {}),
      },
      deps,
    );
    progress.done();
    io.stdout.write(
      args.json
        ? `${toJson(result.changeSet)}\n`
        : ensureNewline(toText(result.changeSet, { color: wantsColor(io) })),
    );
    return result.exitCode;
  } catch (e) {
    progress.done();
    io.stderr.write(`error ${toSyncError(e).toLine()}\n`);
    return 1;
  }
}

function wantsColor(io: CliIo): boolean {
  return io.stderr.isTTY === true && (io.stdout as { isTTY?: boolean }).isTTY === true && !io.env.NO_COLOR;
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
