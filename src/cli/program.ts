/**
 * The command line, described with commander: commands, flags, per-command help with examples, and
 * "did you mean" for mistyped commands and flags. Parsing only: it turns argv into a Request, and
 * main.ts carries it out.
 */
import { Command, CommanderError, Option } from 'commander';
import { CONFLICT_STRATEGIES, FLAVORS } from '../config/schema.js';
import type { ConflictStrategy } from '../config/types.js';
import type { Flavor } from '../confluence/types.js';
import type { SyncMode } from '../sync/types.js';

export interface CommonFlags {
  config?: string;
  profile?: string;
  json: boolean;
  verbose: boolean;
}

export interface SyncFlags extends CommonFlags {
  dryRun: boolean;
  /** Let the run delete or detach more than half of the tracked pages (otherwise CS-049). */
  allowMassDelete?: boolean;
  strategy?: ConflictStrategy;
}

export interface InitFlags {
  config?: string;
  url?: string;
  flavor?: Flavor;
  space?: string;
  parent?: string;
  localRoot?: string;
  force: boolean;
  yes: boolean;
  json: boolean;
}

export type Request =
  | { kind: 'sync'; mode: SyncMode; paths: string[]; flags: SyncFlags }
  | { kind: 'doctor'; flags: CommonFlags }
  | { kind: 'init'; flags: InitFlags };

export interface ProgramOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

const EPILOG = `
Settings come from .confluence-sync.yml (looked for in this folder, then its parents up to the
repository root), then the environment (CONFLUENCE_URL, CONFLUENCE_SPACE_KEY, …), then flags.
Secrets come from the environment only: CONFLUENCE_API_TOKEN (+ CONFLUENCE_USERNAME for Cloud).

Exit codes: 0 done, 1 error, 2 conflicts left to resolve (check: pages edited in Confluence).
Docs: https://github.com/confluence-sync/confluence-sync/tree/main/docs`;

interface SyncCommandSpec {
  mode: SyncMode;
  summary: string;
  examples: string[];
}

const SYNC_COMMANDS: SyncCommandSpec[] = [
  {
    mode: 'status',
    summary: 'show what would change in either direction (writes nothing)',
    examples: ['confluence-sync status', 'confluence-sync status docs/guide/ --json'],
  },
  {
    mode: 'pull',
    summary: 'bring edits made in Confluence into the local files',
    examples: [
      'confluence-sync pull',
      'confluence-sync pull --strategy merge     # merge both-side edits, markers where they overlap',
      'confluence-sync pull --dry-run',
    ],
  },
  {
    mode: 'push',
    summary: 'publish local edits to Confluence',
    examples: [
      'confluence-sync push',
      'confluence-sync push docs/guide/setup.md  # just this page',
      'confluence-sync push --dry-run --json     # the plan as JSON, nothing written',
    ],
  },
  {
    mode: 'sync',
    summary: 'pull and push in one run',
    examples: ['confluence-sync sync', 'confluence-sync sync --strategy local-first'],
  },
  {
    mode: 'check',
    summary: 'what a push would do; exit 2 if a page was edited in Confluence since the last sync',
    examples: ['confluence-sync check            # in CI on a pull request'],
  },
];

function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

function addCommon(cmd: Command): Command {
  return cmd
    .option(
      '-c, --config <file>',
      'configuration file (default: .confluence-sync.yml here or in a parent folder)',
    )
    .option('-p, --profile <name>', 'profile of the configuration file (default: activeProfile)')
    .option('--json', 'print the result as JSON on stdout (errors too)')
    .option('-v, --verbose', 'debug lines on stderr (requests, timings; never tokens or page bodies)');
}

/** Builds the program; `onRequest` receives what the user asked for once argv is parsed. */
export function buildProgram(
  version: string,
  output: ProgramOutput,
  onRequest: (r: Request) => void,
): Command {
  const program = new Command('confluence-sync');
  program
    .description('Keep a folder of Markdown and a tree of Confluence pages in step, both ways.')
    .usage('<command> [paths…] [options]')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help (also: confluence-sync help <command>)')
    .helpCommand('help [command]', 'show help for a command')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: output.out, writeErr: output.err, outputError: () => undefined })
    .addHelpText('after', EPILOG);

  for (const spec of SYNC_COMMANDS) {
    const cmd = program
      .command(spec.mode)
      .summary(spec.summary)
      .description(`${spec.summary[0]!.toUpperCase()}${spec.summary.slice(1)}.`)
      .argument('[paths...]', 'limit the run to these files or folders (relative to here or to localRoot)');
    addCommon(cmd)
      .option('-n, --dry-run', 'plan and report, write nothing')
      .option('--allow-mass-delete', 'let this run delete or detach more than half of the tracked pages')
      .addOption(
        new Option('-s, --strategy <name>', 'how to settle pages changed on both sides').choices(
          CONFLICT_STRATEGIES,
        ),
      )
      .addHelpText('after', examples(spec.examples))
      .action((paths: string[], opts: Record<string, unknown>) => {
        onRequest({ kind: 'sync', mode: spec.mode, paths, flags: syncFlags(opts) });
      });
  }

  addCommon(
    program
      .command('doctor')
      .summary('check the configuration, the site, the credentials, the space and the manifest')
      .description(
        'Checks, in order: the configuration, that the site answers (and which flavour and API version),\n' +
          'that the credentials are accepted, that the space is readable and writable, that the parent page\n' +
          'exists, that the manifest belongs to this site/space/tree, and whether rate-limit headers come back.\n' +
          'One line per check, with what to do when it fails. Writes nothing. Exit 1 when a check fails.',
      ),
  )
    .addHelpText('after', examples(['confluence-sync doctor', 'confluence-sync doctor --profile production']))
    .action((opts: Record<string, unknown>) => onRequest({ kind: 'doctor', flags: commonFlags(opts) }));

  program
    .command('init')
    .summary('write a commented .confluence-sync.yml (asks for what flags do not give)')
    .description(
      'Writes a commented .confluence-sync.yml in the current folder from the flags, asking on a terminal\n' +
        'for what they leave out. Detects the flavour (Cloud or Data Center) from the site, checks the\n' +
        'credentials when CONFLUENCE_API_TOKEN is set, and says what a first pull and push would do.\n' +
        'Refuses to overwrite an existing file without --force.',
    )
    .option('--url <url>', 'the Confluence site, e.g. https://example.atlassian.net/wiki')
    .option('--space <key>', 'the space key, e.g. DOCS')
    .option('--parent <id>', 'the id of the page the docs live under (default: the space home page)')
    .option('--local-root <folder>', 'the Markdown folder, relative to the file (default: docs)')
    .addOption(
      new Option('--flavor <flavor>', 'cloud or datacenter (default: detected from the site)').choices(
        FLAVORS,
      ),
    )
    .option('-c, --config <file>', 'where to write (default: .confluence-sync.yml in the current folder)')
    .option('-f, --force', 'overwrite an existing file')
    .option('-y, --yes', 'ask nothing: take defaults for what flags do not give')
    .option('--json', 'print the result as JSON on stdout')
    .addHelpText(
      'after',
      examples([
        'confluence-sync init                                   # asks for the site, space and folder',
        'confluence-sync init --url https://example.atlassian.net/wiki --space DOCS --local-root docs',
      ]),
    )
    .action((opts: Record<string, unknown>) => onRequest({ kind: 'init', flags: initFlags(opts) }));

  return program;
}

function commonFlags(opts: Record<string, unknown>): CommonFlags {
  return {
    ...(typeof opts.config === 'string' ? { config: opts.config } : {}),
    ...(typeof opts.profile === 'string' ? { profile: opts.profile } : {}),
    json: opts.json === true,
    verbose: opts.verbose === true,
  };
}

function syncFlags(opts: Record<string, unknown>): SyncFlags {
  return {
    ...commonFlags(opts),
    dryRun: opts.dryRun === true,
    ...(opts.allowMassDelete === true ? { allowMassDelete: true } : {}),
    ...(typeof opts.strategy === 'string' ? { strategy: opts.strategy as ConflictStrategy } : {}),
  };
}

function initFlags(opts: Record<string, unknown>): InitFlags {
  const text = (key: string) => (typeof opts[key] === 'string' ? { [key]: opts[key] as string } : {});
  return {
    ...text('config'),
    ...text('url'),
    ...text('space'),
    ...text('parent'),
    ...text('localRoot'),
    ...(typeof opts.flavor === 'string' ? { flavor: opts.flavor as Flavor } : {}),
    force: opts.force === true,
    yes: opts.yes === true,
    json: opts.json === true,
  };
}

export { CommanderError };
