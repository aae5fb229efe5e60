// The compiled values.schema.json validators kept under $SKIFF_HOME/cache/schemas:
// a validator read back from the cache reports exactly what a fresh compile
// reports; a damaged, foreign or stale entry is never trusted.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chmodSync, mkdtempSync, readdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { schemaErrors, useSchemaCache, clearCompiledSchemas, compileSchema } from '../../src/values/schema.js';
import { ValuesError } from '../../src/errors.js';
import { CLI } from '../support/cli.js';

type Case = { name: string; schema: Record<string, unknown>; values: Record<string, unknown>[] };

const CASES: Case[] = [
  {
    name: 'draft-07 with formats, patterns, refs and combinators',
    schema: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      definitions: { port: { type: 'integer', minimum: 1, maximum: 65535 } },
      required: ['image'],
      properties: {
        image: { type: 'object', required: ['repository'], properties: { repository: { type: 'string', pattern: '^[a-z0-9./-]+$' }, pullPolicy: { enum: ['Always', 'IfNotPresent', 'Never'] } } },
        ports: { type: 'array', items: { $ref: '#/definitions/port' }, uniqueItems: true },
        email: { type: 'string', format: 'email' },
        started: { type: 'string', format: 'date-time' },
        url: { type: 'string', format: 'uri' },
        mode: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
        tls: { type: 'object', if: { properties: { enabled: { const: true } } }, then: { required: ['secret'] } },
      },
      additionalProperties: false,
    },
    values: [
      { image: { repository: 'nginx' } },
      {},
      { image: { repository: 'Not Valid', pullPolicy: 'Sometimes' }, ports: [0, 80, 80, 70000], email: 'nope', started: 'yesterday', url: 'not a uri', mode: true, tls: { enabled: true }, extra: 1 },
    ],
  },
  {
    name: 'draft-04 (exclusiveMaximum as a boolean)',
    schema: { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object', properties: { replicas: { type: 'integer', maximum: 10, exclusiveMaximum: true } } },
    values: [{ replicas: 9 }, { replicas: 10 }, { replicas: 'x' }],
  },
  {
    name: '2020-12 (unevaluatedProperties, prefixItems)',
    schema: { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: { a: { type: 'string' }, pair: { prefixItems: [{ type: 'string' }, { type: 'integer' }] } }, unevaluatedProperties: false },
    values: [{ a: 'x' }, { a: 1, b: 2, pair: [1, 'x'] }],
  },
  {
    name: 'an unknown $schema (ignored, as Helm 3 ignores it)',
    schema: { $schema: 'https://json-schema.org/schema#', type: 'object', properties: { n: { type: 'number', multipleOf: 5 } } },
    values: [{ n: 10 }, { n: 7 }],
  },
];

const copy = <T>(v: T): T => structuredClone(v);

/** What each case's values give, as Helm's error lines, compiled with the current cache setting. */
function allErrors(): string[][] {
  return CASES.flatMap((c) => c.values.map((v) => schemaErrors(copy(c.schema), copy(v), c.name)));
}

function freshDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'skiff-schema-cache-')), 'schemas');
}

test('validators read back from the cache report what a fresh compile reports', () => {
  useSchemaCache(undefined);
  clearCompiledSchemas();
  const expected = allErrors();
  assert.ok(expected.some((lines) => lines.length > 3), 'the cases include failing values');
  const dir = freshDir();
  useSchemaCache(dir);
  try {
    clearCompiledSchemas();
    assert.equal(allErrors(), expected, 'cold cache');
    assert.equal(readdirSync(dir).filter((f) => f.endsWith('.js')).length, CASES.length, 'one entry per schema');
    clearCompiledSchemas();
    assert.equal(allErrors(), expected, 'warm cache');
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    for (const f of readdirSync(dir)) assert.equal(statSync(join(dir, f)).mode & 0o777, 0o600, f);
  } finally {
    useSchemaCache(undefined);
    clearCompiledSchemas();
  }
});

const ACCEPT_ALL = 'module.exports = function v() { v.errors = null; return true; };';

/**
 * Runs `body` with the first case's failing values compiled once into a fresh
 * cache folder: `errors()` validates them again (from the cache), `expected`
 * is what a cache-less compile reports, `file` the stored entry.
 */
function withStoredEntry(body: (t: { dir: string; file: string; expected: string[]; errors: () => string[] }) => void): void {
  const c = CASES[0]!;
  const bad = c.values[2]!;
  const errors = () => {
    clearCompiledSchemas();
    return schemaErrors(copy(c.schema), copy(bad), c.name);
  };
  useSchemaCache(undefined);
  const expected = errors();
  const dir = freshDir();
  useSchemaCache(dir);
  try {
    errors();
    const [entry] = readdirSync(dir);
    body({ dir, file: join(dir, entry!), expected, errors });
  } finally {
    useSchemaCache(undefined);
    clearCompiledSchemas();
  }
}

test('a stored validator is what later runs use; a damaged or foreign one is compiled again', () => {
  withStoredEntry(({ file, expected, errors }) => {
    // The entry is what a later run evaluates: one that accepts everything is taken at its word.
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, ACCEPT_ALL);
    assert.equal(errors(), [], 'the stored validator was used');
    for (const damaged of ['', 'module.exports = 42;', 'this is not JavaScript', "const fs = require('node:fs'); module.exports = function v() { return true; };", good.slice(0, good.length / 2)]) {
      writeFileSync(file, damaged);
      assert.equal(errors(), expected, `entry: ${damaged.slice(0, 40)}`);
    }
  });
});

test('a cache folder other users can write is not used: code planted there never runs', () => {
  withStoredEntry(({ dir, file, expected, errors }) => {
    writeFileSync(file, ACCEPT_ALL);
    chmodSync(dir, 0o777);
    useSchemaCache(dir);
    assert.equal(errors(), expected);
  });
});

test('an invalid schema is reported on every run and never stored', () => {
  const dir = freshDir();
  useSchemaCache(dir);
  try {
    for (let run = 0; run < 2; run++) {
      clearCompiledSchemas();
      assert.throws(() => compileSchema({ type: 'object', properties: { a: { type: 'strnig' } } }, 'mychart'), (e: unknown) => e instanceof ValuesError && /mychart: invalid values.schema.json/.test((e as Error).message));
    }
    let entries: string[] = [];
    try { entries = readdirSync(dir); } catch { /* never created */ }
    assert.equal(entries.filter((f) => f.endsWith('.js')), []);
  } finally {
    useSchemaCache(undefined);
    clearCompiledSchemas();
  }
});

test('entries of other builds are removed when one is written', () => {
  const dir = freshDir();
  useSchemaCache(dir);
  try {
    clearCompiledSchemas();
    schemaErrors(copy(CASES[1]!.schema), {}, 'a');
    const stale = join(dir, '0000000000000000-0123456789abcdef0123456789abcdef01234567.js');
    writeFileSync(stale, 'module.exports = function v() { return true; };');
    clearCompiledSchemas();
    schemaErrors(copy(CASES[3]!.schema), {}, 'b');
    assert.not.ok(readdirSync(dir).includes('0000000000000000-0123456789abcdef0123456789abcdef01234567.js'));
    assert.equal(readdirSync(dir).length, 2);
  } finally {
    useSchemaCache(undefined);
    clearCompiledSchemas();
  }
});

test('skiff template: the same schema errors with a cold and a warm cache, and the same output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'skiff-schema-cli-'));
  const chart = join(dir, 'web');
  const home = join(dir, 'home');
  spawnSync('mkdir', ['-p', join(chart, 'templates')]);
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: web\nversion: 1.0.0\n');
  writeFileSync(join(chart, 'values.yaml'), 'replicas: 1\nimage:\n  repository: nginx\n');
  writeFileSync(join(chart, 'values.schema.json'), JSON.stringify({ type: 'object', properties: { replicas: { type: 'integer', minimum: 1 }, image: (CASES[0]!.schema.properties as Record<string, unknown>).image } }));
  writeFileSync(join(chart, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  replicas: {{ .Values.replicas | quote }}\n');
  const env = { ...process.env, SKIFF_HOME: home, NO_COLOR: '1' };
  const runs = (args: string[]) => [0, 1].map(() => spawnSync(process.execPath, [CLI, 'template', 'x', chart, ...args], { env, encoding: 'utf8' }));
  const ok = runs([]);
  assert.equal(ok[0]!.status, 0, ok[0]!.stderr);
  assert.equal(ok[1]!.stdout, ok[0]!.stdout);
  const bad = runs(['--set', 'replicas=0', '--set', 'image.repository=Bad Name']);
  assert.equal(bad[0]!.status, 1);
  assert.match(bad[0]!.stderr, /values don't meet the specifications of the schema\(s\) in the following chart\(s\):\nweb:\n- replicas: Must be greater than or equal to 1\n- image.repository: Does not match pattern/);
  assert.equal(bad[1]!.stderr, bad[0]!.stderr);
  assert.equal(bad[1]!.status, 1);
  assert.equal(readdirSync(join(home, 'cache', 'schemas')).length, 1);
});

test.run();
