// The function map of the Go-template engine: Sprig v3's functions and
// Helm's own (pkg/engine/funcs.go of 3.17 and 4.1, the union: 4.1's
// mustToYaml and mustToJson are here too), one file per family under funcs/.
// `include` and `tpl` belong to the engine, which adds them per render.
// Sprig's env/expandenv are absent, as in Helm.
import type { FuncMap, GoFunc } from './func-types.js';
import { fn } from './funcs/define.js';
import { CRYPTO_FUNCS } from './funcs/crypto.js';
import { DATE_FUNCS } from './funcs/dates.js';
import { DICT_FUNCS } from './funcs/dicts.js';
import { ENCODING_FUNCS } from './funcs/encoding.js';
import { FLOW_FUNCS } from './funcs/flow.js';
import { HELM_FUNCS } from './funcs/helm.js';
import { LIST_FUNCS } from './funcs/lists.js';
import { MATH_FUNCS } from './funcs/math.js';
import { NETWORK_FUNCS } from './funcs/network.js';
import { PATH_FUNCS } from './funcs/paths.js';
import { REFLECTION_FUNCS } from './funcs/reflection.js';
import { REGEX_FUNCS } from './funcs/regex.js';
import { SEMVER_FUNCS } from './funcs/semver.js';
import { STRING_FUNCS } from './funcs/strings.js';
import { URL_FUNCS } from './funcs/url.js';

const all: Record<string, GoFunc> = Object.assign(
  Object.create(null) as Record<string, GoFunc>,
  STRING_FUNCS, LIST_FUNCS, DICT_FUNCS, FLOW_FUNCS, MATH_FUNCS, REFLECTION_FUNCS, ENCODING_FUNCS, PATH_FUNCS, REGEX_FUNCS, HELM_FUNCS,
  SEMVER_FUNCS, CRYPTO_FUNCS, NETWORK_FUNCS, DATE_FUNCS, URL_FUNCS,
  { hello: fn([], 'string', () => 'Hello!') },
);

/** Every library function by name (a null-prototype object: no inherited names). */
export const FUNCS: FuncMap = Object.freeze(all);
