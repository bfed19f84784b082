/**
 * Command-line arguments → a typed request (node:util parseArgs). Nothing is read from the
 * environment here: that is config/'s job.
 */
import { parseArgs } from 'node:util';
import type { ConflictStrategy } from '../config/types.js';
import { SyncError } from '../errors.js';
import type { SyncMode } from '../sync/types.js';

export const COMMANDS: readonly SyncMode[] = ['status', 'pull', 'push', 'sync', 'check'];
const STRATEGIES: readonly ConflictStrategy[] = ['manual', 'local-first', 'remote-first', 'merge'];

export interface CliArgs {
  command?: SyncMode;
  paths: string[];
  config?: string;
  profile?: string;
  dryRun: boolean;
  json: boolean;
  strategy?: ConflictStrategy;
  verbose: boolean;
  allowMassDelete: boolean;
  help: boolean;
  version: boolean;
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string', short: 'c' },
        profile: { type: 'string', short: 'p' },
        'dry-run': { type: 'boolean', short: 'n' },
        json: { type: 'boolean' },
        strategy: { type: 'string', short: 's' },
        verbose: { type: 'boolean', short: 'v' },
        'allow-mass-delete': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
      },
    });
  } catch (e) {
    throw new SyncError('CS-020', (e as Error).message.split('\n')[0] ?? 'Invalid arguments.', {
      hint: 'Run "confluence-sync --help" for the commands and flags.',
    });
  }
  const { values, positionals } = parsed;
  const [first, ...paths] = positionals;
  let command: SyncMode | undefined;
  if (first !== undefined) {
    if (!(COMMANDS as readonly string[]).includes(first)) {
      throw new SyncError('CS-020', `Unknown command "${first}".`, {
        hint: `Use one of: ${COMMANDS.join(', ')} (see --help).`,
      });
    }
    command = first as SyncMode;
  }
  let strategy: ConflictStrategy | undefined;
  if (values.strategy !== undefined) {
    if (!(STRATEGIES as readonly string[]).includes(values.strategy)) {
      throw new SyncError('CS-020', `Unknown --strategy "${values.strategy}".`, {
        hint: `Use one of: ${STRATEGIES.join(', ')}.`,
      });
    }
    strategy = values.strategy as ConflictStrategy;
  }
  return {
    ...(command ? { command } : {}),
    paths,
    ...(values.config !== undefined ? { config: values.config } : {}),
    ...(values.profile !== undefined ? { profile: values.profile } : {}),
    dryRun: values['dry-run'] === true,
    json: values.json === true,
    ...(strategy ? { strategy } : {}),
    verbose: values.verbose === true,
    allowMassDelete: values['allow-mass-delete'] === true,
    help: values.help === true,
    version: values.version === true,
  };
}

export const USAGE = `Usage: confluence-sync <command> [paths…] [options]

Keeps a folder of Markdown and a tree of Confluence pages in step.

Commands:
  status    show what would change in either direction (writes nothing)
  pull      bring edits made in Confluence into the local files
  push      publish local edits to Confluence
  sync      pull and push in one run
  check     what a push would do; exit 2 if a page was edited in Confluence since the last sync

Paths (optional) limit the run to these files or folders (relative to the repository or to localRoot).

Options:
  -c, --config FILE     configuration file (default: .confluence-sync.yml)
  -p, --profile NAME    profile in the configuration file (default: activeProfile)
  -n, --dry-run         plan and report, write nothing
      --json            print the change set as JSON on stdout
  -s, --strategy S      conflicts: manual | local-first | remote-first | merge
  -v, --verbose         debug lines on stderr (requests, timings; never tokens or page bodies)
      --allow-mass-delete let this run delete or detach more than half of the tracked pages
  -h, --help            this help
  -V, --version         the version

Secrets come from the environment: CONFLUENCE_API_TOKEN (+ CONFLUENCE_USERNAME for Cloud).

Exit codes: 0 done, 1 error, 2 conflicts left to resolve (check: pages edited in Confluence).
`;
