import { realPages, acceptedByEngine, measure } from './real-corpus.js';
const MARKERS = /<!--task [^>]*-->|<!--cs(?:64)?:[\s\S]*?-->|<span data-cs=(?:'[^']*'|"[^"]*")><\/span>/g;
const tot = new Map<string, number>();
const rows: string[] = [];
for (const p of realPages().filter((p) => acceptedByEngine(p.storage) && p.kind !== 'fragment')) {
  const f = measure(p.file, p.kind, p.storage);
  const per = new Map<string, number>();
  for (const m of f.markdown.matchAll(MARKERS)) {
    const s = m[0];
    let k: string;
    if (s.startsWith('<!--task')) k = 'task-id';
    else {
      const inner = s.startsWith('<!--') ? s.replace(/^<!--cs(64)?:/, '') : s.replace(/^<span data-cs=['"]/, '');
      const mm = inner.match(/^(macro [\w:-]+|\/macro|<\/?[\w:-]+|&lt;\/?[\w:-]+|\S{0,12})/);
      k = (s.startsWith('<!--') ? 'B ' : 'I ') + (mm ? mm[1] : '?');
      if (s.startsWith('<!--cs64')) k = 'B64';
    }
    per.set(k, (per.get(k) ?? 0) + s.length);
    tot.set(k, (tot.get(k) ?? 0) + s.length);
  }
  const top = [...per].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => `${k}:${v}`).join('  ');
  rows.push(`${(f.carryShare * 100).toFixed(0).padStart(3)}% ${String(f.markdown.length).padStart(6)} ${p.file.padEnd(45)} ${top}`);
}
rows.sort();
console.log(rows.join('\n'));
console.log([...tot].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${k}:${v}`).join('\n'));
