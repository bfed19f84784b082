/** status | pull | push | sync | check: config → client → engine → report. No sync logic here. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../config/index.js';
import { shownPath } from '../config/index.js';
import { createClient } from '../confluence/create-client.js';
import { toJson, toText } from '../report/index.js';
import { runSync, type RunDeps } from '../sync/engine.js';
import type { SyncMode } from '../sync/types.js';
import { nextStep } from './next-step.js';
import { ensureNewline, wantsColor, type CliIo } from './output.js';
import { createProgress } from './progress.js';
import type { SyncFlags } from './program.js';
import { retryLine, siteLine } from './waiting.js';

export async function runSyncCommand(
  mode: SyncMode,
  paths: readonly string[],
  flags: SyncFlags,
  io: CliIo,
  deps: RunDeps,
): Promise<number> {
  const progress = createProgress(io.stderr, io.stderr.isTTY === true && !io.env.CI);
  const say = (line: string) => {
    progress.done();
    io.stderr.write(`${line}\n`);
  };
  try {
    const config = loadConfig({
      cwd: io.cwd,
      discover: true,
      ...(flags.config !== undefined ? { configPath: flags.config } : {}),
      ...(flags.profile !== undefined ? { profile: flags.profile } : {}),
      env: io.env,
      flags: flags.strategy ? { conflictStrategy: flags.strategy } : {},
    });
    const log = flags.verbose ? (line: string) => say(`debug ${line}`) : undefined;
    const client =
      deps.client ??
      createClient({
        baseUrl: config.confluenceUrl,
        credentials: config.credentials,
        ...(config.flavor ? { flavor: config.flavor } : {}),
        concurrency: config.concurrentOperations,
        ...(log ? { log } : {}),
        onEvent: (event) => {
          const line = retryLine(event);
          if (line) say(line);
        },
      });
    const from = config.configFile ? `, config ${shownPath(io.cwd, config.configFile)}` : '';
    say(`${siteLine(client)} · space ${config.spaceKey}${from}`);

    const result = await runSync(
      config,
      {
        mode,
        dryRun: flags.dryRun,
        ...(flags.allowMassDelete ? { allowMassDelete: true } : {}),
        ...(paths.length > 0 ? { paths: paths.map((p) => fromHere(io.cwd, p)) } : {}),
        ...(flags.strategy ? { strategy: flags.strategy } : {}),
        onProgress: (event) => progress.update(event),
        ...(log ? { log } : {}),
      },
      { ...deps, client },
    );
    progress.done();
    if (flags.json) {
      io.stdout.write(`${toJson(result.changeSet)}\n`);
    } else {
      let text = ensureNewline(toText(result.changeSet, { color: wantsColor(io) }));
      if (mode === 'status' && !flags.dryRun) text += `${nextStep(result.changeSet)}\n`;
      io.stdout.write(text);
    }
    return result.exitCode;
  } finally {
    progress.done();
  }
}

/**
 * A path the user typed is relative to where they stand; the engine resolves paths against the
 * repository or localRoot. One that exists from here is passed on absolute (a trailing / kept).
 */
function fromHere(cwd: string, path: string): string {
  const abs = resolve(cwd, path);
  if (!existsSync(abs)) return path;
  return path.endsWith('/') ? `${abs}/` : abs;
}
