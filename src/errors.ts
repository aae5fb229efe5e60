/**
 * Typed errors. Every failure a user can cause is a SkiffError subclass with a
 * stable code, a user-facing message, an optional hint and an exit status; the
 * CLI prints `Error: <message>` (and the hint) and exits with `exitCode`.
 */
export interface SkiffErrorOptions {
  readonly hint?: string;
  readonly cause?: unknown;
  readonly exitCode?: number;
}

/**
 * Marks every SkiffError, so that isSkiffError recognises one made by another
 * copy of this module: the CLI's fast paths are bundled into files of their
 * own (scripts/build.mjs), each with its own SkiffError class.
 */
const SKIFF_ERROR = Symbol.for('skiff.SkiffError');

export class SkiffError extends Error {
  readonly code: string;
  readonly hint?: string;
  readonly exitCode: number;

  constructor(code: string, message: string, options: SkiffErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 1;
  }

  get [SKIFF_ERROR](): true {
    return true;
  }
}

/** Bad command-line usage: unknown flag, missing argument, malformed flag value (exit 2). */
export class UsageError extends SkiffError {
  constructor(message: string, options: SkiffErrorOptions = {}) {
    super('USAGE', message, { exitCode: 2, ...options });
  }
}

/** A chart that cannot be loaded: missing/invalid Chart.yaml, bad archive, bad version. */
export class ChartInvalidError extends SkiffError {
  constructor(message: string, options: SkiffErrorOptions = {}) {
    super('CHART_INVALID', message, options);
  }
}

/** Values that cannot be parsed or fail validation (bad --set, bad YAML, schema violation). */
export class ValuesError extends SkiffError {
  constructor(message: string, options: SkiffErrorOptions = {}) {
    super('VALUES_INVALID', message, options);
  }
}

/** A template that fails to compile or render; the message names file and line. */
export class RenderError extends SkiffError {
  readonly template?: string;
  readonly line?: number;
  /** What the templates rendered, for `template --debug` to print when the output is not valid YAML (Helm's "render out invalid YAML"). */
  readonly rendered?: string;
  constructor(message: string, options: SkiffErrorOptions & { template?: string; line?: number; rendered?: string } = {}) {
    super('RENDER_FAILED', message, options);
    this.template = options.template;
    this.line = options.line;
    if (options.rendered !== undefined) this.rendered = options.rendered;
  }
}

/** A template tried to reach something outside the data skiff gives it. */
export class SandboxViolationError extends RenderError {
  constructor(message: string, options: SkiffErrorOptions & { template?: string; line?: number } = {}) {
    super(message, options);
    (this as { code: string }).code = 'SANDBOX_VIOLATION';
  }
}

/** A release that does not exist (exit 1, Helm's "release: not found"). */
export class ReleaseNotFoundError extends SkiffError {
  constructor(name: string, options: SkiffErrorOptions = {}) {
    super('RELEASE_NOT_FOUND', `release: not found: ${name}`, options);
  }
}

/** A release operation that conflicts with another (locked, name in use, ...). */
export class ReleaseConflictError extends SkiffError {
  constructor(message: string, options: SkiffErrorOptions = {}) {
    super('RELEASE_CONFLICT', message, options);
  }
}

/** A cluster that cannot be reached or refuses the request. */
export class ClusterError extends SkiffError {
  readonly status?: number;
  readonly reason?: string;
  constructor(message: string, options: SkiffErrorOptions & { status?: number; reason?: string } = {}) {
    super('CLUSTER', message, options);
    this.status = options.status;
    this.reason = options.reason;
  }
}

/** A chart repository problem: unknown repo, bad index, digest mismatch, no matching version. */
export class RepoError extends SkiffError {
  constructor(message: string, options: SkiffErrorOptions = {}) {
    super('REPO', message, options);
  }
}

/** A chart provenance (.prov) that cannot be made or does not verify: key not found, bad signature, hash mismatch. */
export class ProvenanceError extends SkiffError {
  constructor(message: string, options: SkiffErrorOptions = {}) {
    super('PROVENANCE', message, options);
  }
}

/** An archive that would write outside its target or exceed the size bounds. */
export class ArchiveError extends SkiffError {
  constructor(message: string, options: SkiffErrorOptions = {}) {
    super('ARCHIVE_UNSAFE', message, options);
  }
}

/** A wait that ran out of time; the message summarises what was and was not ready. */
export class TimeoutError extends SkiffError {
  constructor(message: string, options: SkiffErrorOptions = {}) {
    super('TIMEOUT', message, options);
  }
}

/**
 * An operation stopped by SIGINT/SIGTERM between two of its steps; the exit
 * status is the shell's for that signal (130, 143).
 */
export class InterruptedError extends SkiffError {
  readonly signal: string;
  constructor(signal: string, message: string, options: SkiffErrorOptions = {}) {
    super('INTERRUPTED', message, { exitCode: signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1, ...options });
    this.signal = signal;
  }
}

export function isSkiffError(err: unknown): err is SkiffError {
  return err instanceof SkiffError || (err instanceof Error && (err as unknown as Record<symbol, unknown>)[SKIFF_ERROR] === true);
}

/**
 * A patch that cannot be decoded or applied. `status` is the HTTP status
 * kube-apiserver answers with: 400 (malformed), 415 (patch type unsupported
 * for the kind), 422 (well-formed but does not apply, e.g. a failed JSON Patch test),
 * 500 (a strategic merge patch whose structure does not fit the object).
 */
export class PatchError extends SkiffError {
  readonly status: number;
  constructor(message: string, options: SkiffErrorOptions & { status?: number } = {}) {
    super('PATCH_FAILED', message, options);
    this.status = options.status ?? 422;
  }
}

/** A kubeconfig that cannot be used: missing file, unknown context, unreadable or invalid certificate. */
export class KubeConfigError extends SkiffError {
  constructor(message: string, options: SkiffErrorOptions = {}) {
    super('KUBECONFIG', message, options);
  }
}

/** An object the API server rejects as invalid (HTTP 422, reason Invalid); `causes` are kube-apiserver field errors. */
export class ObjectInvalidError extends SkiffError {
  readonly causes: readonly { readonly type: string; readonly field: string; readonly message: string }[];
  constructor(causes: readonly { readonly type: string; readonly field: string; readonly message: string }[], options: SkiffErrorOptions = {}) {
    super('OBJECT_INVALID', causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message)).join(', '), options);
    this.causes = causes;
  }
}
