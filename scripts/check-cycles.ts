/**
 * Lint check over the TypeScript imports of src/: no import cycle, and no arrow running back up.
 *
 *   faces (action, cli) → report | doctor → sync → config → convert | confluence → errors
 *   inside sync:        engine.ts → apply/ → plan/ → state/ → types.ts
 *
 * A module may import its own room, or a room below it; never a room above it or a sibling room
 * on the same floor (action ↛ cli, convert ↛ confluence). Type-only imports count too: they say
 * the same thing about who knows whom. Inside sync/, only sync/state/docs-fs.ts imports node:fs. Run: `npx tsx scripts/check-cycles.ts [srcDir]`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Floors, top (0) to bottom. A room is a path prefix under src/, without extension. */
/** The one module of sync/ allowed to touch the file system. */
export const DOCS_FS = 'sync/state/docs-fs.ts';
const FS_RE = /from\s*['"](?:node:)?fs(?:\/promises)?['"]/;

export const FLOORS: readonly (readonly string[])[] = [
  ['action', 'cli'],
  ['report', 'doctor'],
  ['sync/engine'],
  ['sync/apply'],
  ['sync/plan'],
  ['sync/state'],
  ['sync/types'],
  ['config'],
  ['convert', 'confluence'],
  ['errors'],
];

export interface Finding {
  kind: 'cycle' | 'upward' | 'sideways' | 'fs';
  message: string;
}

const IMPORT_RE =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)|^\s*import\s*['"](\.{1,2}\/[^'"]+)['"]/gm;

function listTs(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listTs(full));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** The import graph of the .ts files under root: module (relative posix path) → imported modules. */
export function importGraph(root: string): Map<string, string[]> {
  const rel = (p: string) => relative(root, p).split(sep).join('/');
  const graph = new Map<string, string[]>();
  for (const file of listTs(root)) {
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
    const deps = new Set<string>();
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (!spec) continue;
      const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
      deps.add(rel(target.endsWith('.ts') ? target : `${target}.ts`));
    }
    graph.set(rel(file), [...deps].sort());
  }
  return graph;
}

function floorOf(module: string): { floor: number; room: string } | undefined {
  const bare = module.replace(/\.ts$/, '');
  let best: { floor: number; room: string } | undefined;
  FLOORS.forEach((rooms, floor) => {
    for (const room of rooms) {
      if ((bare === room || bare.startsWith(`${room}/`)) && room.length > (best?.room.length ?? -1)) {
        best = { floor, room };
      }
    }
  });
  return best;
}

/** Every import cycle (one per strongly connected component) and every arrow against the floors. */
export function check(root: string): Finding[] {
  const graph = importGraph(root);
  const findings: Finding[] = [];
  for (const [from, deps] of graph) {
    const a = floorOf(from);
    for (const to of deps) {
      const b = floorOf(to);
      if (!a || !b || a.room === b.room) continue;
      if (b.floor < a.floor) {
        findings.push({ kind: 'upward', message: `${from} imports ${to}: ${a.room} is below ${b.room}` });
      } else if (b.floor === a.floor) {
        findings.push({
          kind: 'sideways',
          message: `${from} imports ${to}: ${a.room} and ${b.room} share a floor`,
        });
      }
    }
  }
  for (const module of graph.keys()) {
    if (
      module.startsWith('sync/') &&
      module !== DOCS_FS &&
      FS_RE.test(readFileSync(join(root, module), 'utf8'))
    ) {
      findings.push({
        kind: 'fs',
        message: `${module} imports node:fs: file operations go through ${DOCS_FS}`,
      });
    }
  }
  for (const cycle of cycles(graph)) {
    findings.push({ kind: 'cycle', message: `import cycle: ${[...cycle, cycle[0]].join(' → ')}` });
  }
  return findings;
}

/** Tarjan's strongly connected components; each component of more than one module (or a self-import) is a cycle. */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.reverse());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? 'src');
  const findings = check(root);
  for (const f of findings) console.error(`${f.kind}: ${f.message}`);
  if (findings.length > 0) {
    console.error(`check-cycles: ${findings.length} problem(s) in ${relative(process.cwd(), root) || '.'}`);
    process.exit(1);
  }
  console.log(`check-cycles: ${importGraph(root).size} modules, no cycle, no upward import`);
}
