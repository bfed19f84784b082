/**
 * `confluence-sync init`: asks for (or takes from flags) the site, space, parent page and folder,
 * detects the flavour, writes a commented .confluence-sync.yml, checks the credentials when a token
 * is set, and says what a first pull and push would do.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { loadConfig, shownPath } from '../config/index.js';
import { profileSchema } from '../config/schema.js';
import { configTemplate, type TemplateValues } from '../config/template.js';
import type { SyncConfig } from '../config/types.js';
import { probeSite } from '../confluence/probe.js';
import { normaliseBaseUrl } from '../confluence/site-url.js';
import type { Flavor } from '../confluence/types.js';
import { doctorText, runDoctor, type DoctorOptions } from '../doctor/index.js';
import { SyncError } from '../errors.js';
import { countChanges } from '../report/index.js';
import { runSync } from '../sync/engine.js';
import type { CliIo } from './output.js';
import type { InitFlags } from './program.js';
import { retryLine } from './waiting.js';

type Hooks = Pick<DoctorOptions, 'sleep' | 'retries' | 'timeoutMs'>;

const NAMES: Record<Flavor, string> = { cloud: 'Confluence Cloud', datacenter: 'Confluence Data Center' };

export async function runInitCommand(flags: InitFlags, io: CliIo, hooks: Hooks = {}): Promise<number> {
  const target = resolve(io.cwd, flags.config ?? '.confluence-sync.yml');
  const shown = shownPath(io.cwd, target);
  if (existsSync(target) && !flags.force) {
    throw new SyncError('CS-060', `${shown} already exists; init leaves it as it is.`, {
      hint: 'Run "confluence-sync doctor" to check it, or "confluence-sync init --force" to replace it.',
    });
  }
  const say = (line: string) => io.stderr.write(`${line}\n`);
  const values = await gather(flags, io);

  const token = io.env.CONFLUENCE_API_TOKEN?.trim();
  const username = io.env.CONFLUENCE_USERNAME?.trim();
  let flavor = flags.flavor;
  let flavorNote = 'given with --flavor';
  if (!flavor) {
    const probe = await probeSite({
      baseUrl: values.confluenceUrl,
      credentials: { token: token ?? '', ...(username ? { username } : {}) },
      retries: hooks.retries ?? 1,
      ...(hooks.sleep ? { sleep: hooks.sleep } : {}),
      ...(hooks.timeoutMs !== undefined ? { timeoutMs: hooks.timeoutMs } : {}),
      onEvent: (e) => {
        const line = retryLine(e);
        if (line) say(line);
      },
    });
    if (probe.error?.code === 'CS-002' || probe.error?.code === 'CS-009') throw probe.error;
    flavor = probe.flavor ?? probe.guessed;
    flavorNote = probe.flavor
      ? `detected: the site answers ${probe.api}`
      : 'guessed from the URL (the site did not accept the credentials, so its API could not be asked)';
  }
  const content = configTemplate({ ...values, flavor });
  writeFileSync(target, content);
  const summary: Record<string, unknown> = {
    file: target,
    confluenceUrl: values.confluenceUrl,
    flavor,
    spaceKey: values.spaceKey,
    parentPageId: values.parentPageId ?? null,
    localRoot: values.localRoot,
  };
  say(
    `Wrote ${shown}: ${NAMES[flavor]} (${flavorNote}) at ${values.confluenceUrl}, space ${values.spaceKey}, folder ${values.localRoot}.`,
  );

  if (!token) {
    say(
      'Credentials not checked: set CONFLUENCE_API_TOKEN (and CONFLUENCE_USERNAME for Cloud), then run "confluence-sync doctor".',
    );
    if (flags.json) io.stdout.write(`${JSON.stringify({ ...summary, checked: false }, null, 2)}\n`);
    return 0;
  }

  const load = (): SyncConfig =>
    loadConfig({ cwd: dirname(target), configPath: target, discover: true, env: io.env });
  const report = await runDoctor({ cwd: io.cwd, load, ...hooks });
  if (!flags.json) io.stdout.write(doctorText(report));
  if (!report.ok) {
    if (flags.json)
      io.stdout.write(`${JSON.stringify({ ...summary, checked: true, doctor: report }, null, 2)}\n`);
    return 1;
  }
  const config = load();
  const push = countChanges((await runSync(config, { mode: 'push', dryRun: true })).changeSet);
  const pull = countChanges((await runSync(config, { mode: 'pull', dryRun: true })).changeSet);
  const firstPush = `a first push would create ${push.created} page${push.created === 1 ? '' : 's'}, update ${push.updated}`;
  const firstPull = `a first pull would write ${pull.created} new file${pull.created === 1 ? '' : 's'}, update ${pull.updated}`;
  if (flags.json) {
    io.stdout.write(
      `${JSON.stringify({ ...summary, checked: true, doctor: report, firstPush: push, firstPull: pull }, null, 2)}\n`,
    );
  } else {
    io.stdout.write(
      `\nFrom here, ${firstPush}; ${firstPull}.\n` +
        'Next: "confluence-sync status" shows each page; "confluence-sync push" (or pull) does it.\n',
    );
  }
  return 0;
}

async function gather(flags: InitFlags, io: CliIo): Promise<TemplateValues> {
  const interactive = io.interactive === true && io.stdin !== undefined && !flags.yes;
  const rl =
    interactive && io.stdin
      ? createInterface({ input: io.stdin(), output: io.stderr as NodeJS.WritableStream })
      : undefined;
  const ask = async (question: string, fallback?: string): Promise<string | undefined> => {
    if (!rl) return fallback;
    const answer = (await rl.question(`${question}${fallback ? ` [${fallback}]` : ''}: `)).trim();
    return answer || fallback;
  };
  try {
    const url =
      flags.url ??
      io.env.CONFLUENCE_URL ??
      (await ask('Confluence site (e.g. https://example.atlassian.net/wiki)'));
    const space = flags.space ?? io.env.CONFLUENCE_SPACE_KEY ?? (await ask('Space key (e.g. DOCS)'));
    const parent = flags.parent ?? (await ask('Parent page id (empty: the space home page)', ''));
    const localRoot =
      flags.localRoot ?? (await ask('Markdown folder, relative to the config file', 'docs')) ?? 'docs';
    const missing = [url ? '' : '--url', space ? '' : '--space'].filter(Boolean);
    if (missing.length > 0) {
      throw new SyncError('CS-061', `init needs ${missing.join(' and ')} (there is no terminal to ask on).`, {
        hint: 'Pass them as flags, e.g. confluence-sync init --url https://example.atlassian.net/wiki --space DOCS.',
      });
    }
    const { baseUrl } = normaliseBaseUrl(url as string);
    const checked = profileSchema.safeParse({
      spaceKey: space,
      localRoot,
      ...(parent ? { parentPageId: parent } : {}),
    });
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new SyncError(
        'CS-061',
        `init: ${issue?.path.join('.') ?? 'a value'} is not valid (${issue?.message ?? 'invalid'}).`,
        {
          hint: 'The parent page id is the number in the page URL (…/pages/123456/…).',
        },
      );
    }
    return {
      confluenceUrl: baseUrl,
      spaceKey: space as string,
      localRoot,
      ...(checked.data.parentPageId ? { parentPageId: checked.data.parentPageId } : {}),
    };
  } finally {
    rl?.close();
  }
}
