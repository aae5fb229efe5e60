// Timestamps as the Kubernetes API and Helm write them: RFC 3339 in UTC,
// metav1.Time at second precision ("2026-01-02T03:04:05Z"), metav1.MicroTime
// with six fraction digits.

/** metav1.Time's text: RFC 3339 in UTC at second precision. */
export function formatRFC3339(t: Date | number): string {
  // Writes come many to a second (every object and managedFields entry is stamped): the last text is reused.
  const ms = typeof t === 'number' ? t : t.getTime();
  const sec = Math.floor(ms / 1000);
  if (sec !== lastSecond) {
    lastText = `${new Date(ms).toISOString().slice(0, 19)}Z`;
    lastSecond = sec;
  }
  return lastText;
}
let lastSecond = NaN;
let lastText = '';

/** metav1.MicroTime's text: RFC 3339 in UTC with six fraction digits (milliseconds, then 000). */
export function formatRFC3339Micro(t: Date | number): string {
  const iso = (typeof t === 'number' ? new Date(t) : t).toISOString();
  return `${iso.slice(0, 23)}000Z`;
}

/** RFC 3339 in UTC with milliseconds, as JavaScript prints a Date ("…T03:04:05.678Z"). */
export function formatRFC3339Millis(t: Date | number): string {
  return (typeof t === 'number' ? new Date(t) : t).toISOString();
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Milliseconds since the epoch of an RFC 3339 timestamp ("2026-01-02T03:04:05Z",
 * fractions and offsets allowed, as Go's time.RFC3339 parses); undefined for
 * anything else, an absent value included.
 */
export function parseRFC3339(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  const monthDays = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > monthDays || h > 23 || mi > 59 || s > 59) return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : t;
}
