#!/usr/bin/env node
import { main } from './main.js';

// `confluence-sync status | head` closes the pipe early: that is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

void main().then((code) => {
  process.exitCode = code;
});
