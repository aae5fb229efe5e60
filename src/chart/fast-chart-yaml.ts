// Chart.yaml and values.yaml without the yaml library, when the fast reader
// (src/util/fast-yaml.ts) can read them and their schema leaves no doubt:
// loading the library costs every chart load ~10 ms of CPU, more than the
// rest of `skiff push` or `pull` spends on the chart. Each reader answers
// undefined for anything it is not sure of (numbers whose source text matters,
// YAML 1.1 words like `yes` or `0777`, keys that are not plain strings, more
// than one document, any validation error); the caller then parses with the
// library as always, which also words every error. test/chart/fast-chart-yaml.test.ts
// compares both readers with the library on generated documents.
import { ChartInvalidError } from '../errors.js';
import { DECLINE, fastYaml, type PlainScalars } from '../util/fast-yaml.js';
import { chartMetadataFrom, type PositionedYaml } from './chart-fields.js';
import type { ChartMetadata, Values } from './types.js';

const NULL = /^(?:~|[Nn]ull|NULL)?$/;

// YAML 1.2's core schema (the yaml library's tests, src/schema/core).
const CORE_TRUE = /^(?:[Tt]rue|TRUE)$/;
const CORE_FALSE = /^(?:[Ff]alse|FALSE)$/;
const CORE_NUMBER = [/^0o[0-7]+$/, /^[-+]?[0-9]+$/, /^0x[0-9a-fA-F]+$/, /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/];

function coreScalar(s: string): unknown {
  if (NULL.test(s)) return null;
  if (CORE_TRUE.test(s)) return true;
  if (CORE_FALSE.test(s)) return false;
  // Chart.yaml keeps a number's text (`version: 1.10`): only the full parse knows it.
  if (CORE_NUMBER.some((re) => re.test(s))) return DECLINE;
  return s;
}

/** Chart.yaml's schema (YAML 1.2 core) with every number declined. */
const CHART_SCALARS: PlainScalars = { value: coreScalar, keyIsString: (k) => typeof coreScalar(k) === 'string' };

// YAML 1.1 as values files are read (src/chart/values-yaml.ts: the yaml
// library's 1.1 schema without timestamps and sexagesimal numbers, plus Go's
// 0o octal): the library's tests, src/schema/yaml-1.1.
const V11_TRUE = /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
const V11_FALSE = /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/;
const V11_OTHER = [
  /^[-+]?0b[0-1_]+$/,
  /^[-+]?0[0-7_]+$/,
  /^[-+]?[0-9][0-9_]*$/,
  /^[-+]?0x[0-9a-fA-F_]+$/,
  /^[-+]?0o[0-7_]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
  /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
  /^<<$/,
];
const SIMPLE_INT = /^[-+]?(?:0|[1-9][0-9]*)$/;
const SIMPLE_FLOAT = /^[-+]?(?:0|[1-9][0-9]*)\.[0-9]+$/;

function valuesScalar(s: string): unknown {
  if (NULL.test(s)) return null;
  if (V11_TRUE.test(s)) return true;
  if (V11_FALSE.test(s)) return false;
  if (SIMPLE_INT.test(s)) {
    const n = Number(s);
    // An integer is a Go int: `-0` is 0; beyond 2^53 only the full parse rounds as it does.
    return Number.isSafeInteger(n) ? n + 0 : DECLINE;
  }
  if (SIMPLE_FLOAT.test(s)) return Number(s);
  if (V11_OTHER.some((re) => re.test(s))) return DECLINE;
  return s;
}

/** values.yaml's schema (YAML 1.1 as Helm reads it) with the rarer number forms declined. */
const VALUES_SCALARS: PlainScalars = { value: valuesScalar, keyIsString: (k) => typeof valuesScalar(k) === 'string' };

class NeedsPositions extends Error {}

/** A fast-read document: it has no positions, so asking for one sends the caller to the full parse. */
function unpositioned(value: unknown): PositionedYaml {
  const need = (): never => {
    throw new NeedsPositions();
  };
  return { value, lineOf: need, sourceOf: need };
}

/** Chart.yaml's metadata read without the yaml library; undefined when the full parse must decide. */
export function fastChartYaml(text: string, file: string): ChartMetadata | undefined {
  const value = fastYaml(text, CHART_SCALARS);
  if (value === undefined) return undefined;
  try {
    return chartMetadataFrom(unpositioned(value), file);
  } catch (err) {
    if (err instanceof NeedsPositions || err instanceof ChartInvalidError) return undefined;
    throw err;
  }
}

/** A values file read without the yaml library, when it is one map in the fast subset; undefined otherwise. */
export function fastValuesYaml(text: string): Values | undefined {
  const value = fastYaml(text, VALUES_SCALARS);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return value as Values;
}
