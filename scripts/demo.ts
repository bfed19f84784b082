/**
 * `npm run demo`: confluence-sync end to end on this machine, no Confluence needed.
 * Starts the local Confluence emulator, pushes a copy of examples/docs, edits a page "in
 * Confluence", pulls it back, then edits one paragraph on both sides to show a conflict (manual)
 * and the merge strategy's conflict markers. Every step is the real CLI command and its output.
 *
 *   npm run demo             # Cloud flavour
 *   npm run demo -- --datacenter
 *   npm run demo -- --keep   # keep the temp folder and print its path
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dump } from 'js-yaml';
import { main } from '../src/cli/main.js';
import { createClient } from '../src/confluence/create-client.js';
import { startEmulator } from '../test/emulator/index.js';

const args = new Set(process.argv.slice(2));
const flavor = args.has('--datacenter') ? 'datacenter' : 'cloud';
const keep = args.has('--keep');
const EXAMPLES = fileURLToPath(new URL('../examples/docs', import.meta.url));

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[22m` : s);
const step = (n: number, text: string) => console.log(`\n${bold(`── ${n}. ${text}`)}\n`);

const dir = mkdtempSync(join(tmpdir(), 'confluence-sync-demo-'));
// With --keep, the emulator's pages are kept beside the files, so the kept config can be used again.
const dataFile = join(dir, '.emulator-data.json');
const emulator = await startEmulator({ flavor, ...(keep ? { dataFile } : {}) });
const env = {
  CONFLUENCE_USERNAME: 'ci@example.com',
  CONFLUENCE_API_TOKEN: 'emulator-token',
  NO_COLOR: process.stdout.isTTY ? '' : '1',
};

async function cli(...argv: string[]): Promise<number> {
  console.log(`$ confluence-sync ${argv.join(' ')}`);
  const code = await main(argv, { stdout: process.stdout, stderr: process.stderr, env, cwd: dir });
  console.log(`(exit ${code})`);
  return code;
}

function pageByTitle(title: string) {
  const page = emulator.pages('DOCS').find((p) => p.title === title && p.status === 'current');
  if (!page) throw new Error(`demo: no page "${title}"`);
  return page;
}

function showFile(path: string, grep: RegExp): void {
  const lines = readFileSync(join(dir, path), 'utf8').split('\n');
  console.log(`  ${path}:`);
  lines.forEach((line, i) => {
    if (grep.test(line)) console.log(`  ${String(i + 1).padStart(4)} │ ${line}`);
  });
}

try {
  console.log(bold(`confluence-sync demo — local Confluence emulator (${flavor}) at ${emulator.url}`));
  console.log(`Working copy of examples/docs: ${dir}`);
  const root = emulator.createPage({ spaceKey: 'DOCS', title: 'Demo Docs', body: '<p>The synced tree.</p>' });
  cpSync(EXAMPLES, join(dir, 'docs'), { recursive: true });
  writeFileSync(
    join(dir, '.confluence-sync.yml'),
    dump({
      activeProfile: 'demo',
      profiles: {
        demo: {
          confluenceUrl: emulator.url,
          flavor,
          spaceKey: 'DOCS',
          parentPageId: root.id,
          localRoot: 'docs',
        },
      },
    }),
  );

  step(1, 'Push examples/docs: nested folders, an image, cross-links, code, tables, alerts');
  await cli('push');
  const tree = emulator
    .pages('DOCS')
    .filter((p) => p.status === 'current' && p.id !== root.id && p.title !== 'Docs Home');
  console.log(
    `\n  Confluence now has ${tree.length} pages under "Demo Docs" (${emulator.stats().writes} write requests).`,
  );

  step(2, 'Run it again: nothing to do, zero writes');
  emulator.resetStats();
  await cli('push');
  console.log(`  requests: ${emulator.stats().total} (${emulator.stats().writes} writes)`);

  step(3, 'Someone edits "Installation" in Confluence; pull brings it back');
  const install = pageByTitle('Installation');
  emulator.editPage(install.id, {
    body: install.body.replace(
      'Then set the credentials:',
      'Then set the credentials (added in Confluence by a colleague):',
    ),
  });
  await cli('pull');
  showFile('docs/guide/installation.md', /colleague/);

  step(4, 'Both sides edit the same sentence of "Configuration": manual strategy reports a conflict');
  const configPage = pageByTitle('Configuration');
  emulator.editPage(configPage.id, {
    body: configPage.body.replace('Settings live in', 'Settings (says Confluence) live in'),
  });
  const file = join(dir, 'docs/guide/configuration.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('Settings live in', 'Settings (says git) live in'));
  await cli('status');
  await cli('sync');

  step(5, 'The merge strategy writes git-style conflict markers for a person to resolve');
  await cli('pull', '--strategy', 'merge');
  showFile('docs/guide/configuration.md', /^(<<<<<<<|=======|>>>>>>>)|says/);
  console.log('\n  A push refuses the file while the markers are in it:');
  await cli('push');

  step(6, 'Resolve the markers, push, and the change set as JSON');
  const marked = readFileSync(file, 'utf8');
  writeFileSync(
    file,
    marked.replace(
      /<<<<<<< local\n[\s\S]*?>>>>>>> confluence\n/,
      'Settings (agreed by both) live in `.confluence-sync.yml` at the root of the repository:\n',
    ),
  );
  await cli('push', '--json');

  console.log(`\n${bold('Pages')}`);
  const client = createClient({
    baseUrl: emulator.url,
    flavor,
    credentials: { token: env.CONFLUENCE_API_TOKEN },
  });
  for (const page of emulator
    .pages('DOCS')
    .filter((p) => p.status === 'current' && p.title !== 'Docs Home')) {
    console.log(`  ${page.title.padEnd(18)} v${page.version}  ${client.pageUrl(page.id, 'DOCS')}`);
  }
} finally {
  await emulator.stop();
  if (keep) {
    const port = new URL(emulator.url).port;
    console.log(`\nKept ${dir} (the emulator has stopped; its pages are in .emulator-data.json there).`);
    console.log(
      'To look around with the kept config, start the same emulator again, then run commands from there:',
    );
    console.log(`  npm run emulator -- --port ${port} --flavor ${flavor} --data ${dataFile}`);
    console.log(
      `  cd ${dir} && CONFLUENCE_USERNAME=ci@example.com CONFLUENCE_API_TOKEN=emulator-token confluence-sync status`,
    );
  } else rmSync(dir, { recursive: true, force: true });
}
