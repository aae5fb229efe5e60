import { UsageError } from '../errors.js';
import { parseGoDuration } from '../util/duration.js';

/** Parses a Go duration flag ("5m0s", "30s", "1h30m", "250ms"; a bare number is seconds) into milliseconds. */
export function parseDuration(text: string, flag = 'duration'): number {
  const s = String(text).trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  let ms = NaN;
  try {
    ms = parseGoDuration(s);
  } catch {
    // reported below
  }
  if (!(ms >= 0)) throw new UsageError(`invalid ${flag} "${text}": expected a duration like 30s, 5m0s or 1h`);
  return ms;
}
