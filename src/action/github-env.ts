/**
 * What the runner tells the action through GITHUB_* variables and the event payload file, validated.
 * Read from an explicit env object (not @actions/github's import-time context) so tests can drive it.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { z } from 'zod';
import { SyncError } from '../errors.js';

const repoRef = z.object({ full_name: z.string(), fork: z.boolean().optional() }).loose();

const EVENT_SCHEMA = z
  .object({
    pull_request: z
      .object({
        number: z.number().int(),
        head: z
          .object({ ref: z.string(), sha: z.string().optional(), repo: repoRef.nullable().optional() })
          .loose(),
        base: z.object({ ref: z.string(), sha: z.string().optional() }).loose(),
      })
      .loose()
      .optional(),
    repository: repoRef.extend({ default_branch: z.string().optional() }).optional(),
  })
  .loose();

export type EventPayload = z.infer<typeof EVENT_SCHEMA>;

export interface GitHubEnv {
  eventName: string;
  event: EventPayload;
  /** owner/name */
  repository: { owner: string; repo: string };
  /** Short branch or tag name of the ref that triggered the run (for pull requests: "<n>/merge"). */
  refName: string;
  sha: string;
  workspace: string;
  serverUrl: string;
  apiUrl: string;
  runId: string;
  runAttempt: string;
  runnerTemp: string;
}

const ENV_SCHEMA = z.object({
  GITHUB_EVENT_NAME: z.string().min(1),
  GITHUB_EVENT_PATH: z.string().optional(),
  GITHUB_REPOSITORY: z.string().regex(/^[^/]+\/[^/]+$/),
  GITHUB_REF_NAME: z.string().default(''),
  GITHUB_SHA: z.string().default(''),
  GITHUB_WORKSPACE: z.string().optional(),
  GITHUB_SERVER_URL: z.string().default('https://github.com'),
  GITHUB_API_URL: z.string().default('https://api.github.com'),
  GITHUB_RUN_ID: z.string().default('0'),
  GITHUB_RUN_ATTEMPT: z.string().default('1'),
  RUNNER_TEMP: z.string().optional(),
});

export function readGitHubEnv(env: NodeJS.ProcessEnv): GitHubEnv {
  const parsed = ENV_SCHEMA.safeParse(env);
  if (!parsed.success) {
    const name = String(parsed.error.issues[0]?.path[0] ?? 'GITHUB_*');
    throw new SyncError('CS-051', `The runner variable ${name} is missing or malformed.`, {
      hint: 'Run the action inside a GitHub Actions workflow (see .env.example for a local run).',
    });
  }
  const e = parsed.data;
  const [owner = '', repo = ''] = e.GITHUB_REPOSITORY.split('/');
  return {
    eventName: e.GITHUB_EVENT_NAME,
    event: readEvent(e.GITHUB_EVENT_PATH),
    repository: { owner, repo },
    refName: e.GITHUB_REF_NAME,
    sha: e.GITHUB_SHA,
    workspace: e.GITHUB_WORKSPACE ?? process.cwd(),
    serverUrl: e.GITHUB_SERVER_URL.replace(/\/+$/, ''),
    apiUrl: e.GITHUB_API_URL.replace(/\/+$/, ''),
    runId: e.GITHUB_RUN_ID,
    runAttempt: e.GITHUB_RUN_ATTEMPT,
    runnerTemp: e.RUNNER_TEMP ?? tmpdir(),
  };
}

function readEvent(path: string | undefined): EventPayload {
  if (!path) return {};
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new SyncError('CS-050', `The event payload ${path} cannot be read as JSON.`, { cause: e });
  }
  const parsed = EVENT_SCHEMA.safeParse(json);
  if (!parsed.success) {
    throw new SyncError(
      'CS-050',
      `The event payload ${path} is not a GitHub event (${parsed.error.issues[0]?.message}).`,
    );
  }
  return parsed.data;
}

/** A pull request from a fork runs without the repository's secrets. */
export function isForkPullRequest(gh: GitHubEnv): boolean {
  const pr = gh.event.pull_request;
  if (!pr) return false;
  if (pr.head.repo === null) return true; // GitHub sends null when the fork was deleted
  const head = pr.head.repo?.full_name;
  const base = gh.event.repository?.full_name ?? `${gh.repository.owner}/${gh.repository.repo}`;
  return head !== undefined && head.toLowerCase() !== base.toLowerCase();
}
