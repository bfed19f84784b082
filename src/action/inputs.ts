/**
 * Every action input is read here and nowhere else, validated with zod. A bad value ends the run with
 * CS-051 naming the input and what it accepts.
 */
import { z } from 'zod';
import { urlForDisplay } from '../config/url-display.js';
import { SyncError } from '../errors.js';

export const ACTION_MODES = ['auto', 'push', 'pull', 'sync', 'check'] as const;
export type ActionMode = (typeof ACTION_MODES)[number];

const STRATEGIES = ['manual', 'local-first', 'remote-first', 'merge'] as const;

const text = z.string().trim();
const optionalText = text.transform((v) => (v === '' ? undefined : v));
const bool = text
  .toLowerCase()
  .pipe(z.enum(['true', 'false', 'yes', 'no', '1', '0'], { error: 'expected true or false' }))
  .transform((v) => v === 'true' || v === 'yes' || v === '1');
const list = text.transform((v) =>
  v
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== ''),
);

const INPUT_SCHEMA = z.object({
  mode: text.pipe(z.enum(ACTION_MODES, { error: `expected one of ${ACTION_MODES.join(', ')}` })),
  url: optionalText.pipe(
    z
      .url({ protocol: /^https?$/, error: 'expected an http(s) URL like https://example.atlassian.net/wiki' })
      .optional(),
  ),
  username: optionalText,
  token: optionalText,
  space: optionalText.pipe(
    z
      .string()
      .regex(/^~?[A-Za-z0-9_]+$/, { error: 'expected a space key like DOCS' })
      .optional(),
  ),
  'parent-page-id': optionalText.pipe(
    z.string().regex(/^\d+$/, { error: 'expected a numeric page id' }).optional(),
  ),
  'local-root': optionalText,
  config: optionalText,
  profile: optionalText,
  'conflict-strategy': optionalText.pipe(
    z.enum(STRATEGIES, { error: `expected one of ${STRATEGIES.join(', ')}` }).optional(),
  ),
  'dry-run': bool,
  'allow-mass-delete': bool,
  'manifest-storage': text.pipe(z.enum(['commit', 'cache'], { error: 'expected commit or cache' })),
  'manifest-path': optionalText,
  'github-token': optionalText,
  comment: bool,
  'fail-on-conflict': bool,
  'pull-request-branch': text.pipe(
    z.string().regex(/^(?!\/|.*\/\/|.*\.\.|.*\/$|.*\.lock$)[A-Za-z0-9._/-]+$/, {
      error: 'expected a git branch name',
    }),
  ),
  'pull-request-title': text.pipe(z.string().min(1, { error: 'must not be empty' })),
  'pull-request-labels': list,
  'commit-message': text.pipe(z.string().min(1, { error: 'must not be empty' })),
  concurrency: optionalText.pipe(
    z
      .string()
      .regex(/^\d+$/, { error: 'expected a whole number from 1 to 50' })
      .transform(Number)
      .pipe(
        z
          .number()
          .min(1, { error: 'expected a whole number from 1 to 50' })
          .max(50, { error: 'expected a whole number from 1 to 50' }),
      )
      .optional(),
  ),
});

export type InputName = keyof typeof INPUT_SCHEMA.shape;
export const INPUT_NAMES = Object.keys(INPUT_SCHEMA.shape) as InputName[];

/** Defaults used when an input is unset (the runner passes action.yml's defaults; local runs may not). */
const DEFAULTS: Partial<Record<InputName, string>> = {
  mode: 'auto',
  config: '.confluence-sync.yml',
  'dry-run': 'false',
  'allow-mass-delete': 'false',
  'manifest-storage': 'commit',
  comment: 'true',
  'fail-on-conflict': 'true',
  'pull-request-branch': 'confluence-sync/pull',
  'pull-request-title': 'docs: changes from Confluence',
  'pull-request-labels': 'confluence-sync',
  'commit-message': 'docs: sync with Confluence',
};

export interface ActionInputs {
  mode: ActionMode;
  url?: string;
  username?: string;
  token?: string;
  space?: string;
  parentPageId?: string;
  localRoot?: string;
  config?: string;
  profile?: string;
  conflictStrategy?: (typeof STRATEGIES)[number];
  dryRun: boolean;
  allowMassDelete: boolean;
  manifestStorage: 'commit' | 'cache';
  manifestPath?: string;
  githubToken?: string;
  comment: boolean;
  failOnConflict: boolean;
  pullRequestBranch: string;
  pullRequestTitle: string;
  pullRequestLabels: string[];
  commitMessage: string;
  concurrency?: number;
}

/** The inputs that carry secrets, masked before anything else runs. */
export const SECRET_INPUTS = ['token', 'github-token'] as const satisfies readonly InputName[];

export function secretInputValues(getInput: (name: string) => string): string[] {
  return SECRET_INPUTS.map((name) => getInput(name).trim()).filter((v) => v !== '');
}

/** `getInput` is `core.getInput` in the action (it reads INPUT_<NAME> from the environment). */
export function readInputs(getInput: (name: string) => string): ActionInputs {
  const raw: Record<string, string> = {};
  for (const name of INPUT_NAMES) {
    const value = getInput(name).trim();
    raw[name] = value === '' ? (DEFAULTS[name] ?? '') : value;
  }
  const parsed = INPUT_SCHEMA.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'unknown');
    const value = raw[name] ?? '';
    const shown =
      name === 'token' || name === 'github-token'
        ? ''
        : ` "${name === 'url' ? urlForDisplay(value) : value}"`;
    throw new SyncError('CS-051', `Input \`${name}\`${shown} is invalid: ${issue?.message ?? 'bad value'}.`, {
      hint: `Fix \`${name}\` in the workflow step's \`with:\` block.`,
    });
  }
  const v = parsed.data;
  return {
    mode: v.mode,
    url: v.url,
    username: v.username,
    token: v.token,
    space: v.space,
    parentPageId: v['parent-page-id'],
    localRoot: v['local-root'],
    config: v.config,
    profile: v.profile,
    conflictStrategy: v['conflict-strategy'],
    dryRun: v['dry-run'],
    allowMassDelete: v['allow-mass-delete'],
    manifestStorage: v['manifest-storage'],
    manifestPath: v['manifest-path'],
    githubToken: v['github-token'],
    comment: v.comment,
    failOnConflict: v['fail-on-conflict'],
    pullRequestBranch: v['pull-request-branch'],
    pullRequestTitle: v['pull-request-title'],
    pullRequestLabels: v['pull-request-labels'],
    commitMessage: v['commit-message'],
    concurrency: v.concurrency,
  };
}
