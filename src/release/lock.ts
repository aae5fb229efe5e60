// The operation lock. skiff does not add a lock object: the pending revision
// an operation writes IS the lock. Its record carries three annotations —
// skiff.io/lock-operation (install/upgrade/rollback/uninstall),
// skiff.io/lock-holder (user@host pid N) and skiff.io/lock-expires (RFC 3339)
// — and the operation removes them when it writes its final status. The
// expiry is renewed at the start of every phase that may take up to
// --timeout (each hook, the readiness wait) to now + timeout + a grace of
// a tenth of the timeout (at least 2 s, at most 30 s). Two operations cannot both
// create revision N+1 (the object name is unique), so the loser fails at once
// and writes nothing. A pending revision whose lock has expired (a crashed or
// killed skiff) is marked failed by the next operation, which then proceeds:
// no more Helm's permanent "another operation is in progress". A pending
// revision written by Helm has no expiry; it counts as locked for Helm's
// default timeout (5m0s) after it was last written.
import { hostname, userInfo } from 'node:os';
import type { RecordHeader } from './driver.js';
import { isPending } from './types.js';

export const LOCK_OPERATION = 'skiff.io/lock-operation';
export const LOCK_HOLDER = 'skiff.io/lock-holder';
export const LOCK_EXPIRES = 'skiff.io/lock-expires';
/** Extra time beyond a phase's timeout for writing the final status. */
export function lockGraceMs(timeoutMs: number): number {
  return Math.min(30_000, Math.max(2_000, Math.round(timeoutMs / 10)));
}
const FOREIGN_LOCK_MS = 5 * 60_000;

/** The annotations that make a pending record a lock held until now + timeout + grace. */
export function lockAnnotations(operation: string, timeoutMs: number, now: number): Record<string, string> {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (containers): keep "unknown"
  }
  return {
    [LOCK_OPERATION]: operation,
    [LOCK_HOLDER]: `${user}@${hostname()} pid ${process.pid}`,
    [LOCK_EXPIRES]: new Date(now + timeoutMs + lockGraceMs(timeoutMs)).toISOString(),
  };
}

export type LockState =
  | { readonly state: 'free' }
  | { readonly state: 'held'; readonly operation: string; readonly holder: string; readonly expires: Date }
  | { readonly state: 'expired'; readonly operation: string; readonly holder: string; readonly expires: Date };

/** Judges the lock a release's newest revision holds: free unless that revision is pending. */
export function lockState(last: RecordHeader | undefined, now: number): LockState {
  if (!last || !isPending(last.status)) return { state: 'free' };
  const a = last.annotations;
  const operation = a[LOCK_OPERATION] ?? last.status.slice('pending-'.length);
  const holder = a[LOCK_HOLDER] ?? 'another client (no skiff lock; e.g. Helm)';
  const since = (last.modifiedAt || last.createdAt) * 1000;
  const expires = a[LOCK_EXPIRES] ? new Date(a[LOCK_EXPIRES]) : new Date(since + FOREIGN_LOCK_MS);
  return { state: expires.getTime() > now ? 'held' : 'expired', operation, holder, expires };
}
