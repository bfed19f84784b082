/**
 * `--profile`: a V8 CPU profile of chosen engine runs (the same data `node --cpu-prof` writes), saved
 * as .cpuprofile (open in Chrome DevTools) and summarised: where the engine's CPU time went, by
 * function of src/, inclusive of what it calls.
 */
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  sampledMs: number;
  idleMs: number;
  /** Functions of src/ by inclusive CPU time (ms), largest first. */
  inclusive: { fn: string; ms: number }[];
  /** Self time by category: garbage collection, native (fs, hashing, …), JavaScript. */
  selfTop: { fn: string; ms: number }[];
}

let session: Session | undefined;

export async function startProfile(): Promise<void> {
  session ??= new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
}

export async function stopProfile(file: string): Promise<ProfileSummary> {
  if (!session) throw new Error('no profile running');
  const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
  session.disconnect();
  writeFileSync(file, JSON.stringify(profile));
  return summarise(profile, relative(process.cwd(), file));
}

function label(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  const at = url.indexOf('/src/');
  const where = at >= 0 ? url.slice(at + 1) : (url.split('/').pop() ?? '');
  return `${functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
}

export function summarise(profile: CpuProfile, file: string): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

  const inclusive = new Map<string, number>();
  const selfBy = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    // The inspector's own work (starting and stopping the profiler) is not the engine's.
    if (node.callFrame.functionName === 'dispatch' && node.callFrame.url === '') continue;
    total += us;
    if (node.callFrame.functionName === '(idle)') idle += us;
    selfBy.set(label(node), (selfBy.get(label(node)) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = byId.get(at)!;
      if (!n.callFrame.url.includes('/src/')) continue;
      const key = label(n);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([fn, us]) => ({ fn, ms: Math.round(us / 1000) }));
  return {
    file,
    sampledMs: Math.round(total / 1000),
    idleMs: Math.round(idle / 1000),
    inclusive: top(inclusive, 14),
    selfTop: top(selfBy, 10),
  };
}

export function profileMarkdown(title: string, s: ProfileSummary): string {
  return [
    `**${title}** — ${s.sampledMs} ms sampled, of which ${s.idleMs} ms idle (waiting on the network or disk); ` +
      `profile: \`${s.file}\``,
    '',
    '| src/ function (inclusive CPU) | ms |',
    '| --- | --- |',
    ...s.inclusive.map((r) => `| ${r.fn} | ${r.ms} |`),
    '',
    '| self time, top | ms |',
    '| --- | --- |',
    ...s.selfTop.map((r) => `| ${r.fn} | ${r.ms} |`),
    '',
  ].join('\n');
}
