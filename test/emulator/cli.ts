/**
 * npm run emulator -- --port 8090 [--flavor cloud|datacenter] [--latency-ms N] [--data FILE]
 * Runs a local Confluence until Ctrl-C (then saves the data file).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_USERS, startEmulator } from './index.js';

const USAGE =
  'usage: npm run emulator -- [--port 8090] [--flavor cloud|datacenter] [--latency-ms N] [--data FILE]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8090' },
      flavor: { type: 'string', default: 'cloud' },
      'latency-ms': { type: 'string', default: '0' },
      data: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  const latencyMs = Number(values['latency-ms']);
  const flavor = values.flavor;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535\n${USAGE}`);
  if (!Number.isInteger(latencyMs) || latencyMs < 0)
    throw new Error(`--latency-ms must be a whole number\n${USAGE}`);
  if (flavor !== 'cloud' && flavor !== 'datacenter')
    throw new Error(`--flavor must be cloud or datacenter\n${USAGE}`);

  const emulator = await startEmulator({ port, flavor, latencyMs, dataFile: values.data });
  const user = DEFAULT_USERS[0] ?? { username: 'ci@example.com', token: 'emulator-token' };
  console.log(`Confluence emulator (${flavor}) listening at ${emulator.url}`);
  console.log(`  user: ${user.username}   token: ${user.token}   spaces: DOCS (writable), READ (read-only)`);
  console.log(values.data ? `  data file: ${values.data}` : '  data: in memory (use --data FILE to keep it)');
  console.log('Try it:');
  console.log(`  export CONFLUENCE_URL=${emulator.url}`);
  // 127.0.0.1 alone would make the client guess Data Center.
  console.log(`  export CONFLUENCE_FLAVOR=${flavor}`);
  if (flavor === 'cloud') console.log(`  export CONFLUENCE_USERNAME=${user.username}`);
  console.log(`  export CONFLUENCE_API_TOKEN=${user.token}`);
  console.log(
    `Pages open in a browser: ${emulator.url}${flavor === 'cloud' ? '/spaces/DOCS/pages/<id>' : '/pages/viewpage.action?pageId=<id>'}`,
  );
  console.log('Ctrl-C to stop.');

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    emulator.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
