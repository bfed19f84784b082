/**
 * Builds the one SyncConfig a run uses from, highest precedence first: flags (CLI flags / action
 * inputs) > environment > `.confluence-sync.yml` (the selected profile over the top-level keys) > defaults.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { YAMLException, load } from 'js-yaml';
import type { z } from 'zod';
import { SyncError } from '../errors.js';
import picomatch from 'picomatch';
import { urlForDisplay } from './url-display.js';
import type { Flavor } from '../confluence/types.js';
import type { ConflictStrategy, OnLocalDelete, SyncConfig } from './types.js';
import {
  PROFILE_KEYS,
  SECRET_KEYS,
  configFileSchema,
  profileSchema,
  type ConfigFileInput,
  type ProfileInput,
} from './schema.js';
import { closest } from './suggest.js';
import {
  DEFAULT_CONFIG_FILES,
  discoverConfig,
  shownPath,
  whereSearched,
  type Discovery,
} from './discover.js';

export { DEFAULT_CONFIG_FILES };

export const DEFAULTS = {
  localRoot: 'docs',
  includePatterns: ['**/*.md'],
  excludePatterns: ['**/node_modules/**', '**/.git/**'],
  concurrentOperations: 5,
  conflictStrategy: 'manual' as ConflictStrategy,
  onLocalDelete: 'keep' as OnLocalDelete,
  manifestPath: '.confluence-sync.json',
};

/** Values from CLI flags or action inputs; empty strings count as "not given". */
export interface ConfigFlags {
  confluenceUrl?: string;
  flavor?: Flavor;
  spaceKey?: string;
  parentPageId?: string;
  localRoot?: string;
  includePatterns?: string[];
  excludePatterns?: string[];
  /** A number, or its text from an action input. */
  concurrentOperations?: number | string;
  conflictStrategy?: ConflictStrategy;
  onLocalDelete?: OnLocalDelete;
  manifestPath?: string;
  username?: string;
  token?: string;
}

export interface LoadConfigOptions {
  /** The repository root; relative paths resolve against it (see `discover`). */
  cwd: string;
  /** Explicit config file (relative to cwd or absolute): it must exist. */
  configPath?: string;
  /**
   * The terminal's way (CLI): look for the file in cwd and its parents up to the git top level, and
   * resolve the paths in it against the file's folder; messages name files as seen from cwd.
   * Without it (the Action) only cwd is looked at and paths resolve against cwd.
   */
  discover?: boolean;
  profile?: string;
  env?: Record<string, string | undefined>;
  flags?: ConfigFlags;
}

const EXPECTED: Record<string, string> = {
  confluenceUrl: 'a URL like https://example.atlassian.net/wiki',
  flavor: 'cloud or datacenter',
  spaceKey: 'a space key like DOCS',
  parentPageId: 'a numeric page id like "123456"',
  localRoot: 'a folder path relative to the repository',
  includePatterns: 'a list of glob patterns',
  excludePatterns: 'a list of glob patterns',
  concurrentOperations: 'a whole number from 1 to 64',
  conflictStrategy: 'one of manual, local-first, remote-first, merge',
  onLocalDelete: 'one of keep, archive, delete',
  manifestPath: 'a file path relative to the repository',
  activeProfile: 'a profile name',
  profiles: 'a map of profile names to settings',
};

export function loadConfig(options: LoadConfigOptions): SyncConfig {
  const start = resolve(options.cwd);
  const env = options.env ?? {};
  const flags = options.flags ?? {};

  const located = locateFile(start, options.configPath, options.discover === true);
  const file = located.path ? readConfigFile(located.path, start) : null;
  const cwd = file && options.discover ? dirname(located.path as string) : start;
  const fileLabel = file?.label ?? '.confluence-sync.yml';
  const missingWhere = file ? ` in ${file.label}` : '';
  const noFile = file ? '' : noFileNote(located.discovery, start);
  const profileName =
    given(options.profile) ?? given(env.CONFLUENCE_PROFILE) ?? file?.data.activeProfile ?? 'default';
  const fromFile = file ? selectProfile(file.data, profileName, file.label) : {};
  const fromEnv = envLayer(env);
  const fromFlags = flagsLayer(flags);

  const merged: ProfileInput = {
    ...stripUndefined(fromFile),
    ...stripUndefined(fromEnv),
    ...stripUndefined(fromFlags),
  };

  const confluenceUrl = merged.confluenceUrl;
  if (!confluenceUrl) {
    throw new SyncError(
      'CS-020',
      `No Confluence URL is configured${missingWhere} (profile "${profileName}")${noFile}.`,
      {
        hint: file
          ? `Add confluenceUrl to ${fileLabel}, or set CONFLUENCE_URL.`
          : 'Run "confluence-sync init" to write one, or set CONFLUENCE_URL and CONFLUENCE_SPACE_KEY.',
      },
    );
  }
  if (!merged.spaceKey) {
    throw new SyncError(
      'CS-020',
      `No space key is configured${missingWhere} (profile "${profileName}")${noFile}.`,
      {
        hint: file
          ? `Add spaceKey to ${fileLabel}, or set CONFLUENCE_SPACE_KEY.`
          : 'Run "confluence-sync init" to write one, or set CONFLUENCE_SPACE_KEY.',
      },
    );
  }
  const token = given(flags.token) ?? given(env.CONFLUENCE_API_TOKEN);
  if (!token) {
    throw new SyncError(
      'CS-022',
      `No Confluence API token is set (settings read from ${file ? file.label : 'the environment; no config file was found'}).`,
      {
        hint: 'Set CONFLUENCE_API_TOKEN (Cloud: an API token, with CONFLUENCE_USERNAME = your Atlassian e-mail; Data Center: a personal access token).',
      },
    );
  }
  const username = given(flags.username) ?? given(env.CONFLUENCE_USERNAME);

  const config: SyncConfig = {
    cwd,
    profileName,
    confluenceUrl: normaliseUrl(confluenceUrl),
    credentials: username ? { username, token } : { token },
    spaceKey: merged.spaceKey,
    localRoot: insideCwd(cwd, merged.localRoot ?? DEFAULTS.localRoot, 'localRoot'),
    includePatterns: merged.includePatterns ?? [...DEFAULTS.includePatterns],
    excludePatterns: merged.excludePatterns ?? [...DEFAULTS.excludePatterns],
    concurrentOperations: merged.concurrentOperations ?? DEFAULTS.concurrentOperations,
    conflictStrategy: merged.conflictStrategy ?? DEFAULTS.conflictStrategy,
    onLocalDelete: merged.onLocalDelete ?? DEFAULTS.onLocalDelete,
    manifestPath: insideCwd(cwd, merged.manifestPath ?? DEFAULTS.manifestPath, 'manifestPath'),
  };
  assertManifestPlace(config);
  if (merged.flavor) config.flavor = merged.flavor;
  if (merged.parentPageId) config.parentPageId = merged.parentPageId;
  if (located.path) config.configFile = located.path;
  return config;
}

// ------------------------------------------------------------------ finding the file

interface Located {
  path?: string;
  discovery?: Discovery;
}

function locateFile(start: string, configPath: string | undefined, discover: boolean): Located {
  if (given(configPath)) {
    const path = resolve(start, configPath as string);
    if (!existsSync(path)) {
      throw new SyncError('CS-023', `Config file ${configPath} does not exist (looked for ${path}).`, {
        hint: discover
          ? 'Check the --config path (relative to the current folder), or leave it out to find .confluence-sync.yml in this folder or a parent.'
          : 'Check the config path (it is relative to the repository root).',
      });
    }
    return { path };
  }
  if (discover) {
    const discovery = discoverConfig(start);
    return discovery.path ? { path: discovery.path, discovery } : { discovery };
  }
  const path = DEFAULT_CONFIG_FILES.map((name) => join(start, name)).find((p) => existsSync(p));
  return path ? { path } : {};
}

function noFileNote(discovery: Discovery | undefined, start: string): string {
  if (discovery) return `: no .confluence-sync.yml was found ${whereSearched(discovery)}`;
  return `: no .confluence-sync.yml in ${start}`;
}

// ------------------------------------------------------------------ the file

interface LoadedFile {
  label: string;
  data: ConfigFileInput;
}

function readConfigFile(path: string, shownFrom: string): LoadedFile {
  const label = shownPath(shownFrom, path);

  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new SyncError(
      'CS-023',
      `Config file ${label} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`,
      {
        hint: 'Check that the file exists and is readable.',
        cause: e,
      },
    );
  }

  let raw: unknown;
  try {
    raw = load(text);
  } catch (e) {
    if (e instanceof YAMLException) {
      const where = e.mark ? `line ${e.mark.line + 1}, column ${e.mark.column + 1}` : 'unknown position';
      throw new SyncError('CS-021', `${label} is not valid YAML at ${where}: ${e.reason}.`, {
        hint: 'Fix the YAML syntax there (indentation, quotes, a missing colon).',
        cause: e,
      });
    }
    throw e;
  }
  if (raw === undefined || raw === null) return { label, data: {} };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new SyncError(
      'CS-020',
      `${label} must be a mapping of settings, not a ${Array.isArray(raw) ? 'list' : typeof raw}.`,
      {
        hint: 'Start the file with keys such as confluenceUrl: and spaceKey:, or a profiles: section.',
      },
    );
  }
  return { label, data: parseWith(configFileSchema, raw, label) };
}

function selectProfile(data: ConfigFileInput, name: string, label: string): ProfileInput {
  const { activeProfile: _active, profiles, ...topLevel } = data;
  if (!profiles && name === 'default') return topLevel;
  const profile = profiles?.[name];
  if (profile) return { ...stripUndefined(topLevel), ...stripUndefined(profile) };
  const names = Object.keys(profiles ?? {});
  if (name === 'default' && names.length === 0) return topLevel;
  const suggestion = closest(name, names);
  throw new SyncError(
    'CS-020',
    `Profile "${name}" is not defined in ${label} (profiles: ${names.join(', ') || 'none'}).`,
    {
      hint: suggestion
        ? `Did you mean "${suggestion}"? Set activeProfile, --profile or CONFLUENCE_PROFILE to an existing profile.`
        : 'Set activeProfile, --profile or CONFLUENCE_PROFILE to an existing profile.',
    },
  );
}

// ------------------------------------------------------------------ env and flags

function envLayer(env: Record<string, string | undefined>): ProfileInput {
  const raw = {
    confluenceUrl: given(env.CONFLUENCE_URL),
    flavor: given(env.CONFLUENCE_FLAVOR),
    spaceKey: given(env.CONFLUENCE_SPACE_KEY),
    parentPageId: given(env.CONFLUENCE_PARENT_PAGE_ID),
  };
  return parseWith(profileSchema, stripUndefined(raw), 'the environment', {
    confluenceUrl: 'CONFLUENCE_URL',
    flavor: 'CONFLUENCE_FLAVOR',
    spaceKey: 'CONFLUENCE_SPACE_KEY',
    parentPageId: 'CONFLUENCE_PARENT_PAGE_ID',
  });
}

function flagsLayer(flags: ConfigFlags): ProfileInput {
  const { username: _u, token: _t, concurrentOperations, ...rest } = flags;
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (typeof value === 'string' ? value.trim() !== '' : value !== undefined) raw[key] = value;
  }
  if (typeof concurrentOperations === 'number') raw.concurrentOperations = concurrentOperations;
  else if (given(concurrentOperations)) {
    const text = (concurrentOperations as string).trim();
    raw.concurrentOperations = /^\d+$/.test(text) ? Number(text) : text;
  }
  return parseWith(profileSchema, raw, 'the flags');
}

// ------------------------------------------------------------------ validation messages

function parseWith<T extends z.ZodType>(
  schema: T,
  input: unknown,
  label: string,
  names: Record<string, string> = {},
): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems: string[] = [];
  let hint = 'Fix the value(s) named above.';
  for (const issue of result.error.issues) {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const at = [...path, key].join('.');
        const secretEnv = SECRET_KEYS[key];
        if (secretEnv) {
          problems.push(`"${at}" does not belong in ${label}: secrets never live in the config file`);
          hint = `Remove it and set ${secretEnv} in the environment (a CI secret).`;
          continue;
        }
        const candidates = path.length === 0 ? [...PROFILE_KEYS, 'activeProfile', 'profiles'] : PROFILE_KEYS;
        const suggestion = closest(key, candidates);
        problems.push(
          `unknown key "${at}" in ${label}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
        );
      }
      continue;
    }
    const key = [...path].reverse().find((p) => Number.isNaN(Number(p))) ?? '';
    const shown = names[key] ?? path.join('.');
    const value = valueAt(input, issue.path);
    const got = value === undefined ? '' : `, got ${describe(value)}`;
    problems.push(`${shown} in ${label} must be ${EXPECTED[key] ?? issue.message}${got}`);
  }
  throw new SyncError('CS-020', `Invalid configuration: ${problems.join('; ')}.`, { hint });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

// ------------------------------------------------------------------ normalising

function normaliseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    const shown = urlForDisplay(url);
    throw new SyncError('CS-020', `The Confluence URL "${shown}" is not a URL.`, {
      hint: 'Use the site address, e.g. https://example.atlassian.net/wiki.',
    });
  }
  if (parsed.username || parsed.password) {
    // A token in the URL would live in the config file, i.e. in git: refuse it like a token key.
    throw new SyncError('CS-009', `The Confluence URL for ${parsed.host} contains credentials.`, {
      hint: 'Remove the user/password from confluenceUrl and set CONFLUENCE_USERNAME / CONFLUENCE_API_TOKEN in the environment (a CI secret).',
    });
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
    throw new SyncError('CS-009', `The Confluence URL ${parsed.origin} is not https.`, {
      hint: 'Use an https:// address (only 127.0.0.1/localhost may use http).',
    });
  }
  parsed.search = '';
  parsed.hash = '';
  return parsed.toString().replace(/\/+$/, '');
}

/** A path setting as a posix path relative to cwd; one that leaves the repository is refused. */
/**
 * The manifest is written on every run: never into `.git` (hooks and config live there), and never as
 * a file the scan would read as a page.
 */
function assertManifestPlace(config: SyncConfig): void {
  const path = config.manifestPath;
  if (path.split('/').includes('.git'))
    throw new SyncError(
      'CS-020',
      `manifestPath "${path}" is inside .git, where confluence-sync never writes.`,
      {
        hint: 'Keep the manifest beside the config, e.g. manifestPath: .confluence-sync.json (the default).',
      },
    );
  const root = config.localRoot === '.' ? '' : `${config.localRoot}/`;
  if (!path.startsWith(root)) return;
  const inRoot = path.slice(root.length);
  const excluded = picomatch(config.excludePatterns.length > 0 ? config.excludePatterns : ['!**'], {
    dot: true,
  });
  if (picomatch(config.includePatterns)(inRoot) && !excluded(inRoot))
    throw new SyncError(
      'CS-020',
      `manifestPath "${path}" is a file the docs folder's includePatterns would sync as a page.`,
      {
        hint: 'Move the manifest out of the docs folder (the default is .confluence-sync.json at the repository root).',
      },
    );
}

function insideCwd(cwd: string, path: string, key: string): string {
  const absolute = isAbsolute(path) ? path : resolve(cwd, path);
  const rel = relative(cwd, absolute).split(sep).join('/');
  if (rel === '..' || rel.startsWith('../') || isAbsolute(rel)) {
    throw new SyncError('CS-041', `${key} "${path}" is outside the repository (${cwd}).`, {
      hint: `Set ${key} to a path inside the repository.`,
    });
  }
  const normal = posix.normalize(rel || '.');
  assertNoSymlinkOut(cwd, normal, key);
  return normal;
}

/**
 * The folder (or a folder on its way) may be a symlink: its real path must stay in the repository too,
 * else every read and write of the run would land elsewhere. A path that does not exist yet is fine.
 */
function assertNoSymlinkOut(cwd: string, rel: string, key: string): void {
  let realCwd: string;
  let real: string;
  try {
    realCwd = realpathSync(cwd);
    // The nearest part of the path that exists (a manifest not written yet: its folder).
    let existing = resolve(cwd, rel);
    while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
    real = realpathSync(existing);
  } catch {
    return;
  }
  const inside = relative(realCwd, real);
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw new SyncError('CS-041', `${key} "${rel}" is a symlink that leads outside the repository.`, {
      hint: `Set ${key} to a real folder inside the repository; nothing was read or written.`,
    });
  }
}

function given(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
