/**
 * The checks behind `confluence-sync doctor` (and the Action's summary when a run fails early): each
 * one says what it found and, when it fails, what to do. Checks run in order; one that cannot run
 * because an earlier one failed is reported as skipped. Read-only: nothing is written anywhere.
 */
import { resolve } from 'node:path';
import type { SyncConfig } from '../config/types.js';
import { shownPath } from '../config/index.js';
import { createClient } from '../confluence/create-client.js';
import { pageOperations, probeSite, type ProbeOptions } from '../confluence/probe.js';
import type { ConfluenceClient, Flavor, Space, TransportEvent } from '../confluence/types.js';
import { toSyncError, type SyncError } from '../errors.js';
import { loadManifest } from '../sync/state/index.js';
import type { CheckId, DoctorCheck, DoctorReport } from './types.js';

export interface DoctorOptions {
  /** Loads the configuration the way the face does (CLI: discovery; Action: inputs + file). */
  load: () => SyncConfig;
  /** Where the user stands, for showing file paths. */
  cwd: string;
  /** Test hooks and transport tuning; doctor retries once, not five times. */
  retries?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Retries and answers, e.g. for a face to show waiting. */
  onEvent?: (event: TransportEvent) => void;
  /** Replaces the client (tests). */
  client?: ConfluenceClient;
}

const FLAVOUR_NAME: Record<Flavor, string> = {
  cloud: 'Confluence Cloud',
  datacenter: 'Confluence Data Center',
};
const ORDER: CheckId[] = ['config', 'site', 'credentials', 'space', 'parent', 'manifest', 'rate-limit'];

export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [];
  const add = (check: DoctorCheck) => checks.push(check);
  const finish = (): DoctorReport => {
    for (const id of ORDER) {
      if (!checks.some((c) => c.id === id))
        checks.push({ id, status: 'skip', message: 'not checked (an earlier check failed)' });
    }
    checks.sort((a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id));
    return { checks, ok: !checks.some((c) => c.status === 'fail') };
  };

  // 1. config
  let config: SyncConfig;
  try {
    config = options.load();
  } catch (e) {
    add(failure('config', toSyncError(e)));
    return finish();
  }
  const file = config.configFile ? shownPath(options.cwd, config.configFile) : 'no file (environment only)';
  add({
    id: 'config',
    status: 'ok',
    message: `${file}, profile "${config.profileName}": space ${config.spaceKey}, docs folder ${config.localRoot}`,
  });

  // 2. site and flavour
  const rateLimit: Record<string, string> = {};
  const onEvent = (event: TransportEvent) => {
    if (event.type === 'response') Object.assign(rateLimit, event.rateLimitHeaders);
    options.onEvent?.(event);
  };
  const probeOptions: ProbeOptions = {
    baseUrl: config.confluenceUrl,
    credentials: config.credentials,
    ...(config.flavor ? { flavor: config.flavor } : {}),
    retries: options.retries ?? 1,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    onEvent,
  };
  const probe = await probeSite(probeOptions);
  const where = config.configFile ? shownPath(options.cwd, config.configFile) : '.confluence-sync.yml';
  if (probe.error && probe.error.code !== 'CS-001') {
    add(failure('site', probe.error));
    return finish();
  }
  let flavor: Flavor = config.flavor ?? probe.guessed;
  if (probe.flavor) {
    if (probe.flavor !== flavor) {
      add({
        id: 'site',
        status: 'fail',
        message: `${probe.baseUrl} answers ${probe.api} (${FLAVOUR_NAME[probe.flavor]}), but the ${config.flavor ? 'configured' : 'guessed'} flavour is ${flavor}`,
        fix: `Set flavor: ${probe.flavor} in ${where} (or CONFLUENCE_FLAVOR=${probe.flavor}).`,
      });
      return finish();
    }
    flavor = probe.flavor;
    add({
      id: 'site',
      status: 'ok',
      message: `${FLAVOUR_NAME[flavor]} at ${probe.baseUrl} answers ${probe.api}`,
    });
  } else {
    add({
      id: 'site',
      status: 'warn',
      message: `${probe.baseUrl} answers, but refuses the credentials, so its API version is unknown (taken as ${FLAVOUR_NAME[flavor]})`,
      fix: 'Fix the credentials (next line), then run doctor again.',
    });
  }

  // 3. credentials (and 4. the space, read by the same call)
  const client =
    options.client ??
    createClient({
      baseUrl: config.confluenceUrl,
      credentials: config.credentials,
      flavor,
      retries: options.retries ?? 1,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      onEvent,
    });
  const asWho = config.credentials.username ?? 'the personal access token';
  let space: Space;
  try {
    space = await client.getSpace(config.spaceKey);
  } catch (e) {
    const error = toSyncError(e);
    if (error.code === 'CS-001') {
      add(failure('credentials', error));
      return finish();
    }
    add({ id: 'credentials', status: 'ok', message: `accepted for ${asWho}` });
    add(failure('space', error));
    return finish();
  }
  add({ id: 'credentials', status: 'ok', message: `accepted for ${asWho}` });

  const rootId = config.parentPageId ?? space.homepageId ?? undefined;
  let writable: boolean | undefined;
  let permissionProblem: SyncError | undefined;
  if (rootId) {
    try {
      const ops = await pageOperations({ ...probeOptions, flavor }, rootId);
      writable = ops.includes('update');
    } catch (e) {
      permissionProblem = toSyncError(e);
    }
  }
  if (writable === false) {
    add({
      id: 'space',
      status: 'fail',
      message: `space ${space.key} ("${space.name}") is readable but ${asWho} may not edit page ${rootId}`,
      fix: 'Give this user "Add page" and "Edit" in Space settings → Permissions (or remove a page restriction), or use an account that has them.',
    });
  } else if (writable === true) {
    add({ id: 'space', status: 'ok', message: `space ${space.key} ("${space.name}") readable and writable` });
  } else {
    add({
      id: 'space',
      status: 'warn',
      message: `space ${space.key} ("${space.name}") readable; whether it is writable is unknown${permissionProblem ? ` (${permissionProblem.message})` : ''}`,
      fix: 'A push will tell: a page it may not write fails with CS-004.',
    });
  }

  // 5. the parent page
  if (!rootId) {
    add({
      id: 'parent',
      status: 'fail',
      message: `space ${space.key} has no home page and no parentPageId is set`,
      fix: `Set parentPageId in ${where} to the id of the page the docs live under.`,
    });
  } else {
    try {
      const page = await client.getPage(rootId);
      if (page.spaceId !== space.id) {
        add({
          id: 'parent',
          status: 'fail',
          message: `page ${rootId} ("${page.title}") is in another space, not ${space.key}`,
          fix: `Set parentPageId in ${where} to a page of space ${space.key}, or spaceKey to that page's space.`,
        });
      } else {
        const what = config.parentPageId ? 'parent page' : 'no parentPageId: the docs go under the home page';
        add({ id: 'parent', status: 'ok', message: `${what} ${rootId} ("${page.title}") found` });
      }
    } catch (e) {
      add(failure('parent', toSyncError(e)));
    }
  }

  // 6. the manifest
  const manifestAbs = resolve(config.cwd, config.manifestPath);
  const manifestShown = shownPath(options.cwd, manifestAbs);
  try {
    const manifest = loadManifest(manifestAbs, {
      confluenceUrl: config.confluenceUrl,
      spaceKey: config.spaceKey,
    });
    const pages = Object.keys(manifest.pages).length;
    if (pages === 0 && !manifest.rootPageId) {
      add({
        id: 'manifest',
        status: 'ok',
        message: `${manifestShown}: none yet (the first run links pages by title)`,
      });
    } else if (rootId && manifest.rootPageId && manifest.rootPageId !== rootId && pages > 0) {
      add({
        id: 'manifest',
        status: 'fail',
        code: 'CS-032',
        message: `${manifestShown} syncs the tree under page ${manifest.rootPageId}, but the config says page ${rootId}`,
        fix: 'Use a different manifestPath for this tree, or delete the manifest to link it from scratch.',
      });
    } else {
      add({
        id: 'manifest',
        status: 'ok',
        message: `${manifestShown}: ${pages} page${pages === 1 ? '' : 's'}, for ${config.spaceKey} at ${config.confluenceUrl}`,
      });
    }
  } catch (e) {
    add(failure('manifest', toSyncError(e)));
  }

  // 7. rate limits
  const seen = Object.entries(rateLimit);
  add(
    seen.length > 0
      ? {
          id: 'rate-limit',
          status: 'ok',
          message: `headers seen: ${seen.map(([k, v]) => `${k}=${v}`).join(', ')}`,
        }
      : {
          id: 'rate-limit',
          status: 'warn',
          message: 'no rate-limit headers seen (normal for Data Center, and for Cloud well below its limits)',
          fix: 'Nothing to do: runs wait as Confluence asks (Retry-After) when it does limit them.',
        },
  );
  return finish();
}

function failure(id: CheckId, error: SyncError): DoctorCheck {
  return {
    id,
    status: 'fail',
    code: error.code,
    message: `${error.code} ${error.message}`,
    ...(error.hint ? { fix: error.hint } : {}),
  };
}
