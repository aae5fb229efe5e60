// The in-memory chart model shared by chart loading, values, rendering,
// packaging and repositories (the shape of Helm's chart.Chart).

/** A values tree: what values.yaml, -f files and --set flags produce. */
export type Values = Record<string, unknown>;

export interface Maintainer {
  name: string;
  email?: string;
  url?: string;
}

/** One entry of Chart.yaml `dependencies:`. */
export interface ChartDependency {
  name: string;
  version?: string;
  repository?: string;
  condition?: string;
  tags?: string[];
  enabled?: boolean;
  'import-values'?: (string | { child: string; parent: string })[];
  alias?: string;
  /** HIP-0025: sibling dependencies (by name or alias) that must be deployed and ready before this one (src/release/order.ts). */
  'depends-on'?: string[];
}

/** Chart.yaml, with Helm's field names. */
export interface ChartMetadata {
  apiVersion: string; // "v2" (v1 accepted for reading old charts)
  name: string;
  version: string;
  kubeVersion?: string;
  description?: string;
  type?: 'application' | 'library';
  keywords?: string[];
  home?: string;
  sources?: string[];
  dependencies?: ChartDependency[];
  maintainers?: Maintainer[];
  icon?: string;
  appVersion?: string;
  deprecated?: boolean;
  annotations?: Record<string, string>;
}

export interface ChartLock {
  generated: string;
  digest: string;
  /** `digest` is not written by Helm (nor by skiff's update): a user's pin of an oci:// dependency's manifest digest, checked by `dependency build`. */
  dependencies: { name: string; version: string; repository: string; digest?: string }[];
}

/** A file of the chart, path relative to the chart root with forward slashes. */
export interface ChartFile {
  readonly name: string;
  readonly data: Buffer;
}

export interface Chart {
  metadata: ChartMetadata;
  lock?: ChartLock;
  /** Files under templates/ (partials included), in path order. */
  templates: ChartFile[];
  /** values.yaml parsed (empty object when absent). */
  values: Values;
  /** values.yaml as written, for `show values`. */
  rawValues?: string;
  /** values.schema.json parsed, when present. */
  schema?: Record<string, unknown>;
  /** Every other file not ignored by .helmignore: README, NOTES, crds/, files for .Files (not Chart.yaml, values.yaml, values.schema.json, templates/, charts/). */
  files: ChartFile[];
  /** Subcharts loaded from charts/ (directories or archives). */
  dependencies: Chart[];
  /** Where it was loaded from (directory or archive path), for messages. */
  source?: string;
  /**
   * The metadata files exactly as read (Chart.yaml, Chart.lock, values.yaml,
   * values.schema.json, and requirements.yaml/.lock of v1 charts), so that
   * packaging keeps comments and formatting.
   */
  raw?: ChartFile[];
}
