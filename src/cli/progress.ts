/**
 * Progress on stderr: a redrawn bar on a terminal, plain lines otherwise (CI logs, pipes).
 */
import { logLine } from '../report/sanitise.js';
import type { ProgressEvent } from '../sync/types.js';

export interface ProgressSink {
  write(text: string): void;
}

export interface Progress {
  update(event: ProgressEvent): void;
  /** Clears the bar (TTY) before the report is printed. */
  done(): void;
}

const BAR_WIDTH = 24;

export function createProgress(sink: ProgressSink, isTTY: boolean): Progress {
  return isTTY ? ttyProgress(sink) : lineProgress(sink);
}

function ttyProgress(sink: ProgressSink): Progress {
  let drawn = false;
  return {
    update(event) {
      const ratio = event.total > 0 ? Math.min(1, event.done / event.total) : 0;
      const filled = Math.round(ratio * BAR_WIDTH);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
      const label = event.message ? ` ${truncate(logLine(event.message), 40)}` : '';
      sink.write(`\r\x1b[2K${event.phase.padEnd(5)} ${bar} ${event.done}/${event.total}${label}`);
      drawn = true;
    },
    done() {
      if (drawn) sink.write('\r\x1b[2K');
      drawn = false;
    },
  };
}

function lineProgress(sink: ProgressSink): Progress {
  return {
    update(event) {
      // Lists and scans report start and end; only finished steps are worth a line.
      if (event.phase !== 'apply' && event.done === 0) return;
      const label = event.message ? ` ${logLine(event.message)}` : '';
      sink.write(`${event.phase} ${event.done}/${event.total}${label}\n`);
    },
    done() {},
  };
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
