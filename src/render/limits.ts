// The render limits' defaults, on their own so that the parent side of the
// render process can read them without loading the template engine.
export const DEFAULT_LIMITS = {
  timeoutMs: 30_000,
  maxOutputBytes: 100 * 1024 * 1024,
  maxRecursionDepth: 100,
  maxLoopIterations: 1_000_000,
};
