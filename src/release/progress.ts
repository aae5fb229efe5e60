// What an operation reports while it runs; the CLI decides how to show it.

/** One resource's readiness at one moment of a wait. */
export interface ResourceProgress {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly ready: boolean;
  readonly message: string;
}

export type ProgressEvent =
  /** A step of the operation began ("Applying 12 resources", "Running pre-upgrade hook db-migrate"). */
  | { readonly type: 'step'; readonly message: string }
  /** The state of every awaited resource, sent whenever any of them changes. */
  | { readonly type: 'wait'; readonly resources: readonly ResourceProgress[]; readonly elapsedMs: number; readonly timeoutMs: number }
  /** Something the user should know that does not stop the operation. */
  | { readonly type: 'warning'; readonly message: string };

export type ProgressFn = (ev: ProgressEvent) => void;
