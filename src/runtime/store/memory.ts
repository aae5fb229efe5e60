// The memory driver: nothing persists; the store's own index and history are
// the whole state. For tests, `skiff cluster start --store memory` and benchmarks.
import type { LogDriver } from './types.js';

/** A driver that keeps nothing beyond the process. */
export function memoryDriver(): LogDriver {
  return {
    load: () => ({ records: [], compactedRv: 0, lastRv: 0 }),
    append: () => {},
    compact: () => {},
    close: () => {},
  };
}
