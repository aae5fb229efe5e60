// Kubernetes resource quantities ("500m", "1Gi", "1e3", 2) as numbers: one
// parser for the API server's validation, the scheduler, the controllers and
// quota accounting.
/** The pattern kube-apiserver quotes when it refuses a quantity. */
export const QUANTITY_FMT = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
const QUANTITY_RE = new RegExp(QUANTITY_FMT);
const BIN: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DEC: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** Parses a resource.Quantity into a number; undefined when malformed (surrounding spaces included). */
export function parseQuantity(q: unknown): number | undefined {
  if (typeof q === 'number') return Number.isFinite(q) ? q : undefined;
  if (typeof q !== 'string') return undefined;
  const m = QUANTITY_RE.exec(q.trim() === q ? q : '');
  if (!m) return undefined;
  const base = Number(m[1]);
  if (Number.isNaN(base) || (m[1]!.match(/\./g) ?? []).length > 1) return undefined;
  const suffix = m[2]!;
  if (suffix in BIN) return base * BIN[suffix]!;
  if (suffix in DEC) return base * DEC[suffix]!;
  const e = /^[eE]([-+]?[0-9]+)$/.exec(suffix);
  if (e) return base * 10 ** Number(e[1]);
  return undefined;
}

/** A quantity as Kubernetes prints it: millis for fractions, a binary suffix for byte counts that have one. */
export function formatQuantity(v: number, resource: string): string {
  if (!Number.isInteger(v)) return `${Math.round(v * 1000)}m`;
  if (/memory|storage/.test(resource) && v !== 0) {
    for (const [s, f] of [['Ei', 1024 ** 6], ['Pi', 1024 ** 5], ['Ti', 1024 ** 4], ['Gi', 1024 ** 3], ['Mi', 1024 ** 2], ['Ki', 1024]] as const) {
      if (v % f === 0) return `${v / f}${s}`;
    }
  }
  return String(v);
}
