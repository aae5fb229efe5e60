// The per-template rules of `helm lint` (Helm 4's chart/v2/lint/rules/template.go),
// run over what each of the root chart's templates rendered, in the chart's
// template order: the file extension, the first line's indent, and for each
// YAML document its name (by kind, as the API server validates it: a
// warning), its apiVersion's deprecation (a warning), a workload's selector
// and a List's resource-policy annotation (errors).
import { parseAllDocuments } from 'yaml';
import type { Chart } from '../chart/types.js';
import { splitDocuments } from '../render/index.js';
import { isDNS1123Label, nameIsDNS1035Label, nameIsDNSSubdomain, nameIsPathSegment, type NameValidator } from '../apimachinery/validation.js';
import type { LintFinding } from './lint.js';

const DEPRECATED: Readonly<Record<string, string>> = {
  'extensions/v1beta1': 'networking.k8s.io/v1 or apps/v1',
  'apps/v1beta1': 'apps/v1',
  'apps/v1beta2': 'apps/v1',
  'networking.k8s.io/v1beta1': 'networking.k8s.io/v1',
  'policy/v1beta1': 'policy/v1',
  'autoscaling/v2beta1': 'autoscaling/v2',
  'autoscaling/v2beta2': 'autoscaling/v2',
  'rbac.authorization.k8s.io/v1beta1': 'rbac.authorization.k8s.io/v1',
  'apiextensions.k8s.io/v1beta1': 'apiextensions.k8s.io/v1',
  'storage.k8s.io/v1beta1': 'storage.k8s.io/v1',
  'scheduling.k8s.io/v1beta1': 'scheduling.k8s.io/v1',
  'coordination.k8s.io/v1beta1': 'coordination.k8s.io/v1',
};

const EXTENSIONS = ['.yaml', '.yml', '.tpl', '.txt'];

/** Namespace names as Kubernetes 1.35 (Helm 4's client) validates them: a label, and "must not contain dots" for a name that would be a subdomain. */
const namespaceName: NameValidator = (name) => {
  const errs = isDNS1123Label(name);
  if (name.length <= 63 && errs.length > 0 && nameIsDNSSubdomain(name, false).length === 0) return ['must not contain dots'];
  return errs;
};

/** Helm's validateMetadataNameFunc: the API server's name rule for the kind, a DNS subdomain for the rest. */
function nameRule(kind: string): NameValidator {
  switch (kind.toLowerCase()) {
    case 'service':
      return nameIsDNS1035Label;
    case 'namespace':
      return namespaceName;
    case 'certificatesigningrequest':
      return () => [];
    case 'role':
    case 'clusterrole':
    case 'rolebinding':
    case 'clusterrolebinding':
      return nameIsPathSegment;
    default:
      return nameIsDNSSubdomain;
  }
}

function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot < 0 ? '' : base.slice(dot);
}

/** Go's %q for the texts lint quotes (JSON's quoting agrees with it for what templates print). */
const q = (s: string): string => JSON.stringify(s);

function topIndent(content: string): string | undefined {
  for (const line of content.split('\n')) {
    if (line.trim() === '') continue;
    return line.startsWith(' ') || line.startsWith('\t') ? `document starts with an illegal indent: ${q(line)}, which may cause parsing problems` : undefined;
  }
  return undefined;
}

interface Head {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
}

function headOf(value: unknown): Head | undefined {
  if (value === null || value === undefined) return undefined;
  const o = (typeof value === 'object' && !Array.isArray(value) ? value : {}) as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  return { apiVersion: str(o.apiVersion), kind: str(o.kind), name: str(o.metadata && typeof o.metadata === 'object' ? o.metadata.name : undefined) };
}

function nameFinding(head: Head): string | undefined {
  const errs = nameRule(head.kind)(head.name, false).map((m) => `metadata.name: Invalid value: ${q(head.name)}: ${m}`);
  if (errs.length === 0) return undefined;
  return `object name does not conform to Kubernetes naming requirements: ${q(head.name)}: ${errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`}`;
}

function listAnnotationFinding(content: string): string | undefined {
  let first: unknown;
  try {
    first = parseAllDocuments(content)[0]?.toJS();
  } catch {
    return undefined;
  }
  const items = (first as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) return undefined;
  for (const it of items) {
    const ann = (it as { metadata?: { annotations?: unknown } } | null)?.metadata?.annotations;
    if (ann && typeof ann === 'object' && Object.hasOwn(ann, 'helm.sh/resource-policy')) return "annotation 'helm.sh/resource-policy' within List objects are ignored";
  }
  return undefined;
}

/**
 * The findings of each of the root chart's templates, given what every
 * template rendered (keys `<chart>/templates/...`), in Helm's order.
 */
export function templateFindings(chart: Chart, rendered: Readonly<Record<string, string>>): LintFinding[] {
  const out: LintFinding[] = [];
  for (const t of chart.templates) {
    const path = t.name;
    const ext = extensionOf(path);
    if (!EXTENSIONS.includes(ext)) out.push({ severity: 'ERROR', path, message: `file extension '${ext}' not valid. Valid extensions are .yaml, .yml, .tpl, or .txt` });
    if (ext.toLowerCase() !== '.yaml' && ext.toLowerCase() !== '.yml') continue;
    const content = rendered[`${chart.metadata.name}/${path}`] ?? '';
    if (content.trim() === '') continue;
    const indent = topIndent(content);
    if (indent) out.push({ severity: 'WARNING', path, message: indent });
    for (const doc of splitDocuments(content)) {
      if (doc.trim() === '') continue;
      let value: unknown;
      try {
        value = parseAllDocuments(doc)[0]?.toJS();
      } catch (err) {
        out.push({ severity: 'ERROR', path, message: `unable to parse YAML: ${(err as Error).message}` });
        return out;
      }
      const head = headOf(value);
      if (!head) continue;
      const bad = nameFinding(head);
      if (bad) out.push({ severity: 'WARNING', path, message: bad });
      const replacement = DEPRECATED[head.apiVersion];
      if (replacement) out.push({ severity: 'WARNING', path, message: `${head.apiVersion} ${head.kind} is deprecated and not served by Kubernetes 1.32; use ${replacement}` });
      if (['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet'].includes(head.kind) && !content.includes('matchLabels') && !content.includes('matchExpressions')) {
        out.push({ severity: 'ERROR', path, message: `a ${head.kind} must contain matchLabels or matchExpressions, and ${q(head.name)} does not` });
      }
      if (head.kind === 'List') {
        const listed = listAnnotationFinding(content);
        if (listed) out.push({ severity: 'ERROR', path, message: listed });
      }
    }
  }
  return out;
}
