// Go's time zones for the date functions: UTC, Local (the process's zone,
// TZ else the system's) and IANA names, with the offsets and abbreviations
// of the platform's time-zone data as Go's tzdata names them.

/** A time zone: a name and the offset (seconds east) and abbreviation in force at an instant. */
export interface Zone {
  readonly name: string;
  at(unixSec: number): { offset: number; abbrev: string };
}

export const UTC: Zone = { name: 'UTC', at: () => ({ offset: 0, abbrev: 'UTC' }) };

const zoneCache = new Map<string, Zone | undefined>();

function intlZone(iana: string, name: string): Zone | undefined {
  let dtf: Intl.DateTimeFormat;
  try {
    dtf = new Intl.DateTimeFormat('en-US', { timeZone: iana, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', timeZoneName: 'short' });
  } catch {
    return undefined;
  }
  const raw = (ms: number) => {
    const parts = Object.fromEntries(dtf.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
    const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
    return { offset: Math.round((local - Math.floor(ms / 1000) * 1000) / 1000), name: parts.timeZoneName ?? '' };
  };
  return {
    name,
    at(unixSec: number) {
      // Intl covers years 1..9999 comfortably; outside, the offset at the nearest supported instant.
      const ms = Math.min(Math.max(unixSec, -62135596800), 253402300799) * 1000;
      const { offset, name: abbrev0 } = raw(ms);
      let abbrev = abbrev0;
      if (/^GMT[+-]/.test(abbrev)) {
        abbrev = localAbbrev(iana, ms) ?? '';
        // Platform data may lack names for early instants: the name of the same offset in later years.
        for (let k = 1; abbrev === '' && k <= 4; k++) {
          const later = Math.max(ms, 0) + k * 182.6 * 86400_000;
          const r = raw(later);
          if (r.offset === offset) abbrev = /^GMT[+-]/.test(r.name) ? localAbbrev(iana, later) ?? '' : r.name;
        }
        if (abbrev === '') abbrev = formatOffset(offset);
      }
      if (abbrev === 'GMT' && iana === 'UTC') abbrev = 'UTC';
      return { offset, abbrev };
    },
  };
}

// en-US names only American zones; other English locales know their own (IST, CET, AEST...).
const ABBREV_LOCALES = ['en-US', 'en-GB', 'en-IN', 'en-AU', 'en-NZ', 'en-ZA', 'en-IE', 'en-CA', 'en-SG', 'en-HK', 'en-PH', 'en-NG', 'en-KE'];
const abbrevFormats = new Map<string, Intl.DateTimeFormat[]>();

/** The zone's letter abbreviation at an instant as some English locale writes it (Go's tzdata names), if any. */
function localAbbrev(iana: string, ms: number): string | undefined {
  let fmts = abbrevFormats.get(iana);
  if (fmts === undefined) {
    fmts = ABBREV_LOCALES.map((l) => new Intl.DateTimeFormat(l, { timeZone: iana, timeZoneName: 'short' }));
    abbrevFormats.set(iana, fmts);
  }
  for (const f of fmts) {
    const name = f.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? '';
    if (/^[A-Z]{2,5}$/.test(name) && name !== 'GMT' && name !== 'UTC') return name;
  }
  return undefined;
}

/** Go's numeric zone abbreviation for zones without a name: "+01", "-0530". */
function formatOffset(offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  const h = String(Math.floor(a / 3600)).padStart(2, '0');
  const m = Math.floor((a % 3600) / 60);
  return m === 0 ? `${sign}${h}` : `${sign}${h}${String(m).padStart(2, '0')}`;
}

/** time.LoadLocation: "" and "UTC" are UTC, "Local" the process's zone; undefined for an unknown name. */
export function loadLocation(name: string): Zone | undefined {
  if (name === '' || name === 'UTC') return UTC;
  if (name === 'Local') return local();
  if (!zoneCache.has(name)) zoneCache.set(name, /^[A-Za-z0-9_+\-/]+$/.test(name) && !name.startsWith('/') ? intlZone(name, name) : undefined);
  return zoneCache.get(name);
}

let localZone: Zone | undefined;
/** Go's time.Local: the process's zone (TZ, else the system's); named "Local". */
export function local(): Zone {
  if (localZone === undefined) {
    const tz = process.env.TZ;
    const iana = tz === '' ? 'UTC' : (tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
    const z = intlZone(iana === 'Etc/UTC' ? 'UTC' : iana, 'Local') ?? { name: 'Local', at: UTC.at };
    localZone = { name: 'Local', at: z.at };
  }
  return localZone;
}
