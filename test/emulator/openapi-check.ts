/**
 * A small JSON-schema check of emulator answers against the response schemas of Atlassian's Cloud
 * v2 OpenAPI spec (the subset in fixtures/cloud-v2-tree-schemas.json): $ref, allOf, type, enum,
 * nullable, properties, required, items, integer formats. Extra properties pass (the spec allows
 * them). One documented deviation: the live API answers `parentId: null, parentType: null` for a
 * top-level page although the spec does not mark them nullable (shared/reference/confluence-api.md §1.3).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  format?: string;
}

interface Fixture {
  operations: Record<string, { path: string; method: string; status: string; schema: Schema }>;
  schemas: Record<string, Schema>;
}

const fixture = JSON.parse(
  readFileSync(fileURLToPath(new URL('./fixtures/cloud-v2-tree-schemas.json', import.meta.url)), 'utf8'),
) as Fixture;

const LIVE_NULLABLE = new Set(['parentId', 'parentType']);

function resolve(schema: Schema): Schema {
  let s = schema;
  while (s.$ref) {
    const name = s.$ref.split('/').at(-1) ?? '';
    const found = fixture.schemas[name];
    if (!found) throw new Error(`schema ${name} is not in the fixture`);
    s = found;
  }
  return s;
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function check(value: unknown, raw: Schema, at: string, key: string, problems: string[]): void {
  const schema = resolve(raw);
  for (const part of schema.allOf ?? []) check(value, part, at, key, problems);
  if (value === null) {
    if (!schema.nullable && !LIVE_NULLABLE.has(key)) problems.push(`${at}: null is not allowed`);
    return;
  }
  const actual = typeOf(value);
  if (schema.type) {
    const ok = schema.type === actual || (schema.type === 'number' && actual === 'integer');
    if (!ok) {
      problems.push(`${at}: expected ${schema.type}, got ${actual}`);
      return;
    }
  }
  if (schema.enum && !schema.enum.includes(value)) {
    problems.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  if (schema.format === 'date-time' && typeof value === 'string' && Number.isNaN(Date.parse(value))) {
    problems.push(`${at}: not a date-time`);
  }
  if (actual === 'object') {
    const obj = value as Record<string, unknown>;
    for (const name of schema.required ?? []) {
      if (!(name in obj)) problems.push(`${at}.${name}: required`);
    }
    for (const [name, sub] of Object.entries(schema.properties ?? {})) {
      if (obj[name] !== undefined) check(obj[name], sub, `${at}.${name}`, name, problems);
    }
  }
  if (actual === 'array' && schema.items) {
    (value as unknown[]).forEach((item, i) => check(item, schema.items!, `${at}[${i}]`, '', problems));
  }
}

/** Problems of `body` against the spec's success schema of `operationId` (empty: it conforms). */
export function specProblems(operationId: string, body: unknown): string[] {
  const op = fixture.operations[operationId];
  if (!op) throw new Error(`operation ${operationId} is not in the fixture`);
  const problems: string[] = [];
  check(body, op.schema, operationId, '', problems);
  return problems;
}
