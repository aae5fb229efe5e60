import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { validateValuesSchema, schemaErrors, schemaDraft } from '../../src/values/schema.js';
import { prepareChartValues } from '../../src/values/index.js';
import { ValuesError } from '../../src/errors.js';
import { chart } from './support.js';

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.instance(e, ValuesError);
    return (e as Error).message;
  }
  assert.unreachable('expected a ValuesError');
  return '';
}

const WEBAPP_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['image'],
  properties: {
    replicaCount: { type: 'integer', minimum: 1 },
    image: {
      type: 'object',
      properties: {
        pullPolicy: { enum: ['Always', 'IfNotPresent'] },
        tag: { type: 'string', minLength: 1 },
      },
    },
    ports: { type: 'array', items: { type: 'integer', maximum: 65535 } },
    email: { type: 'string', format: 'email' },
    name: { type: 'string', pattern: '^[a-z]+$' },
    u: { type: 'array', uniqueItems: true },
  },
  additionalProperties: false,
};

test('every failing path is listed, in Helm\'s wording', () => {
  const c = chart({ name: 'webapp', schema: WEBAPP_SCHEMA });
  const msg = message(() =>
    validateValuesSchema(c, {
      replicaCount: 'three',
      image: { pullPolicy: 'Sometimes', tag: '' },
      ports: [80, 70000],
      email: 'not-an-email',
      name: 'Bad',
      extra: true,
      u: [1, 2, 1],
    }),
  );
  // Helm 3.17's exact output for the same chart and values, in its order
  const want = [
    "values don't meet the specifications of the schema(s) in the following chart(s):",
    'webapp:',
    '- (root): Additional property extra is not allowed',
    '- replicaCount: Invalid type. Expected: integer, given: string',
    '- image.pullPolicy: image.pullPolicy must be one of the following: "Always", "IfNotPresent"',
    '- image.tag: String length must be greater than or equal to 1',
    '- ports.1: Must be less than or equal to 65535',
    "- email: Does not match format 'email'",
    "- name: Does not match pattern '^[a-z]+$'",
    '- u: array items[0,2] must be unique',
  ];
  assert.is(msg, want.join('\n'));
});

test('required and minimum at the root', () => {
  const c = chart({ name: 'webapp', schema: WEBAPP_SCHEMA });
  assert.is(
    message(() => validateValuesSchema(c, { replicaCount: 0 })),
    "values don't meet the specifications of the schema(s) in the following chart(s):\nwebapp:\n- (root): image is required\n- replicaCount: Must be greater than or equal to 1",
  );
  validateValuesSchema(c, { replicaCount: 2, image: { tag: 'v1' } });
});

test('draft-04 (boolean exclusiveMinimum), draft-06, 2019-09 and 2020-12 schemas', () => {
  const d4 = { $schema: 'http://json-schema.org/draft-04/schema#', properties: { n: { type: 'number', minimum: 5, exclusiveMinimum: true } } };
  assert.is(schemaDraft(d4), 'draft-04');
  assert.equal(schemaErrors(d4, { n: 5 }), ['- n: Must be greater than 5']);
  assert.equal(schemaErrors(d4, { n: 6 }), []);

  const d6 = { $schema: 'http://json-schema.org/draft-06/schema#', properties: { c: { const: 'x' }, l: { contains: { type: 'string' } } } };
  assert.is(schemaDraft(d6), 'draft-06');
  assert.equal(schemaErrors(d6, { c: 'y', l: [1] }), ['- c: c does not match: "x"', '- l: At least one of the items must match']);

  const d2019 = {
    $schema: 'https://json-schema.org/draft/2019-09/schema',
    properties: { cfg: { type: 'object', dependentRequired: { tls: ['cert'] } } },
    unevaluatedProperties: false,
  };
  assert.is(schemaDraft(d2019), '2019-09');
  assert.equal(schemaErrors(d2019, { cfg: { tls: true }, zzz: 1 }), ['- (root): Additional property zzz is not allowed', '- cfg: Has a dependency on cert']);

  const d2020 = { $schema: 'https://json-schema.org/draft/2020-12/schema', properties: { t: { prefixItems: [{ type: 'string' }], items: false } } };
  assert.is(schemaDraft(d2020), '2020-12');
  assert.equal(schemaErrors(d2020, { t: ['a', 'b'] }), ['- t: No additional items allowed on array']);
  assert.equal(schemaErrors(d2020, { t: [1] }), ['- t.0: Invalid type. Expected: string, given: integer']);

  assert.is(schemaDraft({}), 'draft-07');
});

test('anyOf/oneOf report the combinator, not every branch', () => {
  const s = { properties: { port: { anyOf: [{ type: 'integer' }, { type: 'string', pattern: '^[0-9]+$' }] }, mode: { oneOf: [{ type: 'string' }, { type: ['string', 'null'] }] } } };
  assert.equal(schemaErrors(s, { port: 'http', mode: 'a' }), ['- port: Must validate at least one schema (anyOf)', '- mode: Must validate one and only one schema (oneOf)']);
  assert.equal(schemaErrors({ properties: { x: { type: ['string', 'null'] } } }, { x: 1.5 }), ['- x: Invalid type. Expected: [string,null], given: number']);
});

test('subcharts are validated against their own section, with globals; errors grouped per chart', () => {
  const c = chart({
    name: 'parent',
    schema: { properties: { name: { type: 'string' } } },
    subcharts: [
      {
        name: 'db',
        values: { port: 5432 },
        schema: {
          $schema: 'http://json-schema.org/draft-07/schema#',
          type: 'object',
          required: ['port', 'password'],
          properties: { port: { type: 'integer' }, global: { type: 'object', required: ['env'] } },
        },
      },
    ],
  });
  const msg = message(() => prepareChartValues(c, { name: 7, db: { port: 'x' } }));
  assert.is(
    msg,
    [
      "values don't meet the specifications of the schema(s) in the following chart(s):",
      'parent:',
      '- name: Invalid type. Expected: string, given: integer',
      'db:',
      '- (root): password is required',
      '- port: Invalid type. Expected: integer, given: string',
      '- global: env is required',
    ].join('\n'),
  );
  // globals reach the subchart's schema; --skip-schema-validation skips it all
  prepareChartValues(c, { global: { env: 'prod' }, db: { password: 'p' } });
  prepareChartValues(c, { name: 7 }, { skipSchemaValidation: true });
});

test('a disabled subchart is not validated', () => {
  const c = chart({
    name: 'p',
    dependencies: [{ name: 's', version: '*', condition: 's.enabled' }],
    subcharts: [{ name: 's', schema: { required: ['must'] } }],
  });
  assert.match(message(() => prepareChartValues(c, {})), /s:\n- \(root\): must is required/);
  prepareChartValues(c, { s: { enabled: false } });
});

test('an invalid schema is reported with the chart name', () => {
  const c = chart({ name: 'broken', schema: { type: 'object', properties: { a: { $ref: '#/definitions/missing' } } } });
  assert.match(message(() => validateValuesSchema(c, {})), /^broken: invalid values\.schema\.json: /);
});

test('the same schema object is compiled once and reused', () => {
  const s = { type: 'object', properties: { a: { type: 'string' } } };
  assert.equal(schemaErrors(s, { a: 1 }), ['- a: Invalid type. Expected: string, given: integer']);
  assert.equal(schemaErrors(s, { a: 'ok' }), []);
  // two charts with the same $id do not collide
  const a = { $id: 'https://example.com/values', properties: { x: { type: 'string' } } };
  const b = { $id: 'https://example.com/values', properties: { x: { type: 'integer' } } };
  assert.equal(schemaErrors(a, { x: 1 }).length, 1);
  assert.equal(schemaErrors(b, { x: 1 }).length, 0);
});

test('a $schema no draft answers to is ignored, as Helm 3 ignores it; the schema still validates', () => {
  const schema = { $schema: 'https://json-schema.org/schema#', type: 'object', properties: { port: { type: 'integer' } } };
  assert.equal(schemaErrors(schema, { port: 80 }), []);
  assert.equal(schemaErrors(schema, { port: 'eighty' }), ['- port: Invalid type. Expected: integer, given: string']);
});

test.run();
