/** The storage files of a converter test folder (fixtures, real-pages), by name, sorted. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;

export const xmlIn = (dir: string): [string, string][] =>
  readdirSync(join(here, dir))
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .map((f) => [`${dir}/${f}`, readFileSync(join(here, dir, f), 'utf8')]);
