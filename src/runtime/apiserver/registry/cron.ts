// Cron schedule checks with the parser's wording (robfig/cron v3 standard
// parser, as the CronJob validation uses it).

const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DOW = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const BOUNDS: [number, number, string[] | undefined, number][] = [
  [0, 59, undefined, 0],
  [0, 23, undefined, 0],
  [1, 31, undefined, 0],
  [1, 12, MONTHS, 1],
  [0, 6, DOW, 0],
];

function parseNum(s: string, names: string[] | undefined, offset: number): number {
  if (names) {
    const i = names.indexOf(s.toLowerCase());
    if (i >= 0) return i + offset;
  }
  if (!/^[0-9]+$/.test(s)) throw new Error(`failed to parse int from ${s}: strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  return Number(s);
}

function checkRange(expr: string, min: number, max: number, names: string[] | undefined, offset: number): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0]!.split('-');
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = min;
    end = max;
  } else {
    start = parseNum(lowAndHigh[0]!, names, offset);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseNum(lowAndHigh[1]!, names, offset);
    else throw new Error(`too many hyphens: ${expr}`);
  }
  if (rangeAndStep.length === 2) {
    const step = parseNum(rangeAndStep[1]!, undefined, 0);
    if (step <= 0) throw new Error(`step of range should be a positive number: ${expr}`);
    if (lowAndHigh.length === 1 && lowAndHigh[0] !== '*' && lowAndHigh[0] !== '?') end = max;
  } else if (rangeAndStep.length > 2) throw new Error(`too many slashes: ${expr}`);
  if (start < min) throw new Error(`beginning of range (${start}) below minimum (${min}): ${expr}`);
  if (end > max) throw new Error(`end of range (${end}) above maximum (${max}): ${expr}`);
  if (start > end) throw new Error(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
}

/** The parser's error message for a schedule, or undefined when it parses. */
export function cronError(schedule: string): string | undefined {
  const s = schedule.trim();
  if (s.startsWith('@')) {
    if (DESCRIPTORS.includes(s)) return undefined;
    if (s.startsWith('@every ')) {
      return /^@every\s+([0-9.]+(ns|us|µs|ms|s|m|h))+$/.test(s) ? undefined : `failed to parse duration ${s}: time: invalid duration ${JSON.stringify(s.slice(7))}`;
    }
    return `unrecognized descriptor: ${s}`;
  }
  const fields = s.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`;
  try {
    fields.forEach((f, i) => {
      const [min, max, names, offset] = BOUNDS[i]!;
      for (const part of f.split(',')) checkRange(part, min, max, names, offset);
    });
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}
