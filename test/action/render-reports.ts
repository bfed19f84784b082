/**
 * Renders what reviewers see, from real runs of the bundled action (emulator, bare remote, fake
 * GitHub): the check's PR comment and job summary for a conflict, and the pull request body of a
 * scheduled pull with a conflict. Writes the Markdown and a GitHub-like HTML page (GFM via marked)
 * per report into the folder given, for screenshots (docs/images/):
 *   npx tsx test/action/render-reports.ts /tmp/shots
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { marked } from 'marked';
import { startEmulator } from '../emulator/index.js';
import { startFakeGitHub } from '../fakes/github-api.js';
import { createRepoFixture, git } from './git-fixture.js';
import { ensureBundle, runAction } from './run-action.js';

const out = process.argv[2] ?? 'report-shots';
mkdirSync(out, { recursive: true });
ensureBundle();
const emulator = await startEmulator({ port: 0 });
const github = await startFakeGitHub();
const fx = createRepoFixture({
  '.confluence-sync.yml': `activeProfile: default\nprofiles:\n  default:\n    confluenceUrl: ${emulator.url}\n    flavor: cloud\n    spaceKey: DOCS\n    localRoot: docs\n`,
  'docs/guide.md':
    '# Guide\n\nHow to use the product.\n\n## Steps\n\n1. Install it.\n2. Run `docs init`.\n3. Open the dashboard.\n',
  'docs/setup/index.md': '# Setup\n\nGetting ready.\n',
  'docs/setup/install.md': '# Install\n\nRun the installer.\n',
});
const secrets = { username: 'ci@example.com', token: 'emulator-token' };
const act = (ws: string, eventName: string, inputs: Record<string, string> = {}, event: unknown = {}) =>
  runAction({
    workspace: ws,
    eventName,
    event,
    inputs: { ...secrets, ...inputs },
    githubApiUrl: github.url,
    githubToken: github.token,
  });
const page = (t: string) => emulator.pages('DOCS').find((p) => p.title === t);

try {
  await act(fx.clone('push'), 'push');
  emulator.editPage(page('Guide')?.id ?? '', {
    body: '<p>How to use the product.</p><h2>Steps</h2><ol><li>Install it with <code>brew install docs</code>.</li><li>Run <code>docs init --team</code>.</li><li>Open the dashboard.</li></ol><p>Ask in #docs-help when stuck.</p>',
  });

  // A pull request that rewrites the guide and adds a page under Setup.
  const dev = fx.clone('dev');
  git(dev, 'checkout', '-q', '-B', 'feature/guide');
  fx.commitFiles(dev, {
    'docs/guide.md': '# Guide\n\nHow to use the product, rewritten.\n',
    'docs/setup/upgrade.md': '# Upgrade\n\nHow to upgrade.\n',
  });
  const pr = github.addPullRequest({
    head: 'feature/guide',
    files: ['docs/guide.md', 'docs/setup/upgrade.md'],
  });
  const event = {
    pull_request: {
      number: pr.number,
      head: { ref: 'feature/guide', repo: { full_name: 'acme/docs' } },
      base: { ref: 'main' },
    },
    repository: { full_name: 'acme/docs' },
  };
  const check = await act(fx.clone('check', 'feature/guide'), 'pull_request', {}, event);
  write('check-comment', github.comments(pr.number)[0]?.body ?? '');
  write('check-summary', check.summary);

  // Scheduled pull: the guide was also edited on main (not pushed yet), Install edited in Confluence.
  const main = fx.clone('main-edit');
  fx.commitFiles(main, {
    'docs/guide.md':
      '# Guide\n\nHow to use the product (edited on main).\n\n## Steps\n\n1. Install it.\n2. Run `docs init`.\n3. Open the dashboard.\n',
  });
  emulator.editPage(page('Install')?.id ?? '', { body: '<p>Run the new installer.</p>' });
  const pull = await act(fx.clone('pull'), 'schedule', { 'fail-on-conflict': 'false' });
  const opened = github.pulls().find((p) => p.head.ref === 'confluence-sync/pull');
  write('pull-request-body', opened?.body ?? `(no pull request)\n\n${pull.log}`);
} finally {
  await emulator.stop();
  await github.stop();
  fx.cleanup();
}

function write(name: string, markdown: string): void {
  writeFileSync(join(out, `${name}.md`), markdown);
  const body = marked.parse(markdown, { gfm: true, async: false });
  writeFileSync(
    join(out, `${name}.html`),
    `<!doctype html><meta charset="utf-8"><style>
body{font:14px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1f2328;max-width:920px;margin:24px auto;padding:16px 24px;border:1px solid #d0d7de;border-radius:6px}
h2{font-size:1.5em;border-bottom:1px solid #d8dee4;padding-bottom:.3em}h3{font-size:1.25em}h4{font-size:1em}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #d0d7de;padding:6px 13px}tr:nth-child(2n){background:#f6f8fa}
code{background:rgba(175,184,193,.2);padding:.2em .4em;border-radius:6px;font-size:85%}pre{background:#f6f8fa;padding:16px;border-radius:6px;overflow:auto}pre code{background:none;padding:0}
a{color:#0969da;text-decoration:none}details{margin:8px 0}summary{cursor:pointer}sub{color:#59636e}
</style><body>${body.replace(/<details>/g, '<details open>')}</body>`,
  );
}
