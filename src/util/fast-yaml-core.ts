// YAML 1.2's core schema for the fast reader (src/util/fast-yaml.ts) exactly as
// the yaml library's parse() reads plain scalars into JavaScript.
import { DECLINE, INT, plain, type PlainScalars } from './fast-yaml.js';

/**
 * YAML 1.2's core schema exactly as the yaml library's parse() reads plain
 * scalars into JavaScript, for callers that must get what parse() gives
 * (src/release/resources.ts): integers beyond 2^53 (which parse() rounds to
 * a number) and keys that do not resolve to a string (`null:`, `1.0:`, which
 * parse() turns into other strings) decline.
 */
export const CORE_SCALARS: PlainScalars = {
  value(s) {
    const v = plain(s);
    return typeof v === 'string' && INT.test(s) ? DECLINE : v;
  },
  keyIsString(k) {
    return typeof plain(k) === 'string' && !INT.test(k);
  },
};

