// The release record, in Helm v3's JSON shape (pkg/release, pkg/chart), so a
// record skiff writes is one Helm reads and the other way round. Field names
// are Helm's snake_case JSON names; `labels` is kept beside the JSON because
// Helm stores release labels on the storage object, not in the record.
import type { ChartLock, ChartMetadata, Values } from '../chart/types.js';

/** The nine statuses of pkg/release/status.go. */
export const RELEASE_STATUSES = [
  'unknown',
  'deployed',
  'uninstalled',
  'superseded',
  'failed',
  'uninstalling',
  'pending-install',
  'pending-upgrade',
  'pending-rollback',
] as const;
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

/** True for the three pending-* statuses (an operation is, or was, under way). */
export function isPending(status: ReleaseStatus): boolean {
  return status.startsWith('pending-');
}

export interface ReleaseInfo {
  first_deployed: string;
  last_deployed: string;
  /** "" unless the release was uninstalled (Helm marshals a zero time as ""). */
  deleted: string;
  description: string;
  status: ReleaseStatus;
  notes?: string;
  /** Helm 4: the revision a rollback returned to. */
  rollback_revision?: number;
  /** Only in `status --show-resources` output, never stored. */
  resources?: Record<string, unknown[]>;
}

/** A chart file as Helm serialises it: data is base64. */
export interface RecordFile {
  name: string;
  data: string;
}

/** pkg/chart.Chart as JSON; subcharts are not serialised (Helm's `dependencies` is unexported). */
export interface ChartRecord {
  metadata: ChartMetadata;
  lock: ChartLock | null;
  templates: RecordFile[];
  values: Values;
  /** values.schema.json, base64, or null. */
  schema: string | null;
  files: RecordFile[];
}

export const HOOK_EVENTS = [
  'pre-install',
  'post-install',
  'pre-delete',
  'post-delete',
  'pre-upgrade',
  'post-upgrade',
  'pre-rollback',
  'post-rollback',
  'test',
] as const;
export type HookEvent = (typeof HOOK_EVENTS)[number];

export const HOOK_DELETE_POLICIES = ['before-hook-creation', 'hook-succeeded', 'hook-failed'] as const;
export type HookDeletePolicy = (typeof HOOK_DELETE_POLICIES)[number];

export type HookPhase = '' | 'Unknown' | 'Running' | 'Succeeded' | 'Failed';

export interface HookExecution {
  started_at: string;
  completed_at: string;
  phase: HookPhase;
}

/** pkg/release.Hook as JSON. */
export interface HookRecord {
  name: string;
  kind: string;
  path: string;
  manifest: string;
  events: HookEvent[];
  last_run: HookExecution;
  weight: number;
  delete_policies: HookDeletePolicy[];
  output_log_policies?: string[];
}

/** pkg/release.Release as JSON, plus the release labels (stored on the record object). */
export interface Release {
  name: string;
  info: ReleaseInfo;
  chart: ChartRecord;
  /** The user-supplied values (`get values`); the chart's defaults live in chart.values. */
  config: Values;
  manifest: string;
  hooks: HookRecord[];
  version: number;
  namespace: string;
  /**
   * skiff's own: JSON pointers (into the values) of the sensitive values, which
   * outputs redact (src/release/sensitive.ts). Helm ignores the field.
   */
  sensitive_values?: string[];
  /**
   * Helm 4: how the revision's objects were applied, "ssa" (server-side) or
   * "csa" (client-side three-way patch); absent in Helm 3's records, which
   * means client-side. Upgrades and rollbacks keep it (--server-side=auto).
   */
  apply_method?: string;
  /**
   * skiff's own (HIP-0025, src/release/order.ts): the subchart ordering the
   * chart declared, chart path -> the chart paths it waits for, so uninstall
   * and rollback follow it without the subcharts. Absent when none; Helm
   * ignores the field.
   */
  subchart_order?: Record<string, string[]>;
  /** Custom release labels (-l/--labels); not part of the JSON. */
  labels?: Record<string, string>;
}

/** Label keys the storage layer owns; users may not set them with --labels. */
export const SYSTEM_LABELS = ['name', 'owner', 'status', 'version', 'createdAt', 'modifiedAt'] as const;
