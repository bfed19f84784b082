/** Where the CLI writes: stdout for results, stderr for people (progress, waiting, errors). */
import { toSyncError, type SyncError } from '../errors.js';
import { logLine } from '../report/sanitise.js';

export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  /**
   * Where `init` asks its questions. A function: touching process.stdin opens it, and an open pipe
   * keeps the process alive after the command is done.
   */
  stdin?: () => NodeJS.ReadableStream;
  /** A person is at a terminal (stdin and stderr are TTYs): init may ask. */
  interactive?: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** One line on stderr; with --json also `{"error": {…}}` on stdout, so a pipe always gets JSON. */
export function reportError(io: CliIo, e: unknown, json: boolean): void {
  const error: SyncError = toSyncError(e);
  io.stderr.write(`error ${logLine(error.toLine())}\n`);
  if (json) {
    io.stdout.write(
      `${JSON.stringify({ error: { code: error.code, message: error.message, hint: error.hint ?? null } }, null, 2)}\n`,
    );
  }
}

export function wantsColor(io: CliIo): boolean {
  return io.stderr.isTTY === true && io.stdout.isTTY === true && !io.env.NO_COLOR;
}

export function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
