// Ordered apply (HIP-0025): which of a release's objects go to the cluster
// together, and in what order. Two levels, both directed acyclic graphs put
// in order with Kahn's algorithm:
//   - subcharts: a Chart.yaml `dependencies[].depends-on` list names the
//     sibling subcharts (by name or alias) deployed and ready first, and the
//     `helm.sh/depends-on/subcharts` annotation of a Chart.yaml names the
//     subcharts deployed before that chart's own templates;
//   - resource groups, within one chart: `helm.sh/resource-group: <name>`
//     puts an object in a group, `helm.sh/depends-on/resource-groups` lists
//     the groups (of the same chart) that must be ready before it is applied.
//     Objects of a chart that belong to no group come after its groups.
// A chart without any of these is one batch, applied in Helm's kind order as
// always. A cycle, or a name that nothing declares, is an error naming the
// objects and groups, raised while planning (before anything is written).
import { SkiffError } from '../errors.js';
import type { Chart } from '../chart/types.js';
import type { KubeObject } from '../apimachinery/types.js';
import { getOwn, hasOwn } from '../util/own-keys.js';
import { parseManifest } from './resources.js';

export const RESOURCE_GROUP = 'helm.sh/resource-group';
export const DEPENDS_ON_GROUPS = 'helm.sh/depends-on/resource-groups';
export const DEPENDS_ON_SUBCHARTS = 'helm.sh/depends-on/subcharts';
const DEPENDS_ON_PREFIX = 'helm.sh/depends-on/';

/**
 * The subchart ordering of a release, recorded with it (`subchart_order`) so
 * that uninstall and rollback follow it without the subcharts' Chart.yaml:
 * chart path ("web", "web/charts/db") -> the chart paths it waits for. A
 * sibling path means "this subchart after that one"; a child path means
 * "this chart's own templates after that subchart".
 */
export type SubchartOrder = Record<string, string[]>;

/** What can be put in order: an object and the template it came from ("web/charts/db/templates/sts.yaml"). */
export interface Orderable {
  readonly obj: KubeObject;
  readonly source?: string;
  /** The `helm.sh/depends-on/...` annotations when they were taken off `obj` before it is applied (resources.ts). */
  readonly ordering?: Readonly<Record<string, string>>;
}

/** Objects applied together, then awaited before the next batch; `label` says which groups and charts they are. */
export interface Batch<T> {
  readonly label: string;
  readonly items: T[];
}

function orderError(message: string, hint?: string): SkiffError {
  return new SkiffError('ORDER_INVALID', message, { hint: hint ?? 'see "Ordered apply" in docs/releases.md' });
}

/**
 * A list annotation: a JSON array of names (`'["db", "queue"]'`, HIP-0025's
 * spelling) or names separated by commas (`db, queue`).
 */
export function parseNameList(value: unknown, where: string): string[] {
  if (value === undefined || value === null || value === '') return [];
  if (typeof value !== 'string') throw orderError(`${where}: must be a string (a JSON array such as '["db", "queue"]', or names separated by commas)`);
  const text = value.trim();
  let names: unknown[];
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (!Array.isArray(parsed)) throw new Error('not an array');
      names = parsed;
    } catch (err) {
      throw orderError(`${where}: ${JSON.stringify(value)} is not a JSON array of names (${(err as Error).message})`);
    }
  } else names = text.split(',');
  return names.map((n) => {
    if (typeof n !== 'string' || !n.trim()) throw orderError(`${where}: ${JSON.stringify(value)} holds an empty or non-string name`);
    return n.trim();
  });
}

/**
 * The subchart ordering of a processed chart (aliases applied, disabled
 * subcharts pruned), checked: every name must be a dependency of that chart,
 * and the siblings must not form a cycle. Throws SkiffError ORDER_INVALID
 * naming the Chart.yaml. Empty when no chart declares any ordering.
 */
export function subchartOrderOf(chart: Chart, path = chart.metadata.name): SubchartOrder {
  const out: SubchartOrder = Object.create(null) as SubchartOrder;
  const visit = (c: Chart, at: string) => {
    const deps = (c.metadata.dependencies ?? []).filter(Boolean);
    const names = new Set(deps.flatMap((d) => [d.name, ...(d.alias ? [d.alias] : [])]));
    const known = () => `its dependencies are: ${[...names].sort().join(', ') || 'none'}`;
    const add = (from: string, to: string) => {
      const list = getOwn(out, from) ?? [];
      if (!list.includes(to)) list.push(to);
      out[from] = list;
    };
    const siblings = new Map<string, string[]>();
    for (const d of deps) {
      const self = d.alias ?? d.name;
      for (const x of d['depends-on'] ?? []) {
        if (!names.has(x)) throw orderError(`${at}/Chart.yaml: dependency "${self}" depends-on "${x}", which is not a dependency of chart "${c.metadata.name}"; ${known()}`);
        (siblings.get(self) ?? siblings.set(self, []).get(self)!).push(x);
        add(`${at}/charts/${self}`, `${at}/charts/${x}`);
      }
    }
    const cycle = findCycle([...siblings.keys()], (n) => siblings.get(n) ?? []);
    if (cycle) throw orderError(`${at}/Chart.yaml: the depends-on lists of its dependencies form a cycle: ${cycle.join(' -> ')}`);
    const listed = c.metadata.annotations ? getOwn(c.metadata.annotations, DEPENDS_ON_SUBCHARTS) : undefined;
    for (const x of parseNameList(listed, `${at}/Chart.yaml: annotation ${DEPENDS_ON_SUBCHARTS}`)) {
      if (!names.has(x)) throw orderError(`${at}/Chart.yaml: annotation ${DEPENDS_ON_SUBCHARTS} names "${x}", which is not a dependency of chart "${c.metadata.name}"; ${known()}`);
      add(at, `${at}/charts/${x}`);
    }
    for (const sub of c.dependencies) visit(sub, `${at}/charts/${sub.metadata.name}`);
  };
  visit(chart, path);
  return out;
}

const ANNOTATED = /helm\.sh\/(resource-group|depends-on\/)/;

/**
 * Checks a release's ordering while planning, before anything is written
 * (throws SkiffError ORDER_INVALID): its documents, in the chart whose path is
 * `root`, with the subchart order `subcharts` (subchartOrderOf, or the one
 * recorded). Only documents that mention an ordering annotation are parsed;
 * the others cannot change the order.
 */
export function checkOrder(docs: readonly { readonly source?: string; readonly content: string }[], root: string, subcharts: SubchartOrder | undefined): void {
  const items: Orderable[] = docs.map((d) => {
    let obj: KubeObject = { apiVersion: '', kind: '', metadata: { name: '' } };
    if (ANNOTATED.test(d.content)) {
      try {
        const parsed: unknown = parseManifest(d.content);
        if (parsed && typeof parsed === 'object' && (parsed as KubeObject).metadata && typeof (parsed as KubeObject).metadata === 'object') obj = parsed as KubeObject;
      } catch {
        // Not YAML: applying it reports the error with its template.
      }
    }
    return { obj, ...(d.source ? { source: d.source } : {}) };
  });
  sequence(items, root, subcharts);
}

/** subchartOrderOf as a release records it: undefined when the chart declares no subchart ordering. */
export function recordedSubchartOrder(chart: Chart): SubchartOrder | undefined {
  const order = subchartOrderOf(chart);
  return Object.keys(order).length ? { ...order } : undefined;
}

/** The chart path of a template ("web/charts/db/templates/x.yaml" -> "web/charts/db"); the root chart without one. */
export function chartPathOf(source: string | undefined, root: string): string {
  if (!source) return root;
  const segs = source.split('/');
  if (segs[0] !== root) return root;
  let path = root;
  for (let i = 1; segs[i] === 'charts' && i + 2 < segs.length; i += 2) path += `/charts/${segs[i + 1]}`;
  return path;
}

interface ChartNode<T> {
  readonly path: string;
  readonly own: T[];
  readonly children: Map<string, ChartNode<T>>;
}

/**
 * The batches `items` (in install order) are applied in: one batch (all of
 * them) when nothing is ordered, as today. Each batch keeps the install
 * order of its items. Throws SkiffError ORDER_INVALID for a cycle, a group
 * nobody declares, or a malformed annotation.
 */
export function sequence<T extends Orderable>(items: readonly T[], root: string, subcharts: SubchartOrder | undefined): Batch<T>[] {
  const tree: ChartNode<T> = { path: root, own: [], children: new Map() };
  for (const it of items) {
    let node = tree;
    const path = chartPathOf(it.source, root);
    for (const name of path === root ? [] : path.slice(root.length + '/charts/'.length).split('/charts/')) {
      let next = node.children.get(name);
      if (!next) node.children.set(name, (next = { path: `${node.path}/charts/${name}`, own: [], children: new Map() }));
      node = next;
    }
    node.own.push(it);
  }
  const sets = batchesOf(tree, subcharts ?? {});
  if (sets.length <= 1) return [{ label: 'all resources', items: [...items] }];
  return sets.map((s) => ({ label: s.labels.join(', '), items: items.filter((it) => s.members.has(it)) }));
}

interface BatchSet<T> {
  readonly labels: string[];
  readonly members: Set<T>;
}

/** A chart's batches: its subcharts and its own templates as units in subchart order, each unit's batches merged index by index within a layer. */
function batchesOf<T extends Orderable>(node: ChartNode<T>, order: SubchartOrder): BatchSet<T>[] {
  const SELF = '';
  const childOf = (p: string) => (p.startsWith(`${node.path}/charts/`) && !p.slice(node.path.length + 8).includes('/') ? p.slice(node.path.length + 8) : undefined);
  const units = [...node.children.keys()].sort();
  if (node.own.length) units.push(SELF);
  const listed = (key: string): unknown[] => {
    const v: unknown = hasOwn(order, key) ? order[key] : undefined;
    return Array.isArray(v) ? v : [];
  };
  const deps = (u: string) =>
    listed(u === SELF ? node.path : `${node.path}/charts/${u}`)
      .map((p) => (typeof p === 'string' ? childOf(p) : undefined))
      .filter((n): n is string => n !== undefined && node.children.has(n));
  const layers = layersOf(units, deps, (cycle) => orderError(`the subcharts of chart "${node.path}" depend on each other in a cycle: ${cycle.join(' -> ')}`));
  const out: BatchSet<T>[] = [];
  for (const layer of layers) {
    const parts = layer.map((u) => (u === SELF ? groupBatches(node) : batchesOf(node.children.get(u)!, order)));
    for (let i = 0; parts.some((p) => i < p.length); i++) {
      const merged: BatchSet<T> = { labels: [], members: new Set() };
      for (const p of parts) {
        if (!p[i]) continue;
        merged.labels.push(...p[i]!.labels);
        for (const m of p[i]!.members) merged.members.add(m);
      }
      out.push(merged);
    }
  }
  return out;
}

function describeItem(it: Orderable): string {
  return `${it.obj.kind} ${it.obj.metadata?.name ?? ''}${it.source ? ` (${it.source})` : ''}`;
}

/** One chart's own objects by resource group: the groups in dependency order, then the objects of no group. */
function groupBatches<T extends Orderable>(node: ChartNode<T>): BatchSet<T>[] {
  const groups = new Map<string, { members: T[]; deps: Set<string> }>();
  const ungrouped: T[] = [];
  const wanted: { it: T; group: string }[] = [];
  for (const it of node.own) {
    const ann: Readonly<Record<string, string>> = { ...(it.obj.metadata?.annotations ?? {}), ...(it.ordering ?? {}) };
    for (const k of Object.keys(ann)) {
      if (k.startsWith(DEPENDS_ON_PREFIX) && k !== DEPENDS_ON_GROUPS) {
        throw orderError(`${describeItem(it)}: unknown annotation ${k}; a resource lists the groups it waits for in ${DEPENDS_ON_GROUPS}`);
      }
    }
    const rawGroup: unknown = getOwn(ann, RESOURCE_GROUP);
    if (rawGroup !== undefined && (typeof rawGroup !== 'string' || !rawGroup.trim())) throw orderError(`${describeItem(it)}: annotation ${RESOURCE_GROUP} must be a non-empty group name`);
    const group = (rawGroup as string | undefined)?.trim();
    if (group !== undefined && /[,[\]"]/.test(group)) {
      throw orderError(`${describeItem(it)}: annotation ${RESOURCE_GROUP} is ${JSON.stringify(group)}: a resource belongs to one group, named without commas, brackets or quotes`);
    }
    const after = parseNameList(getOwn(ann, DEPENDS_ON_GROUPS), `${describeItem(it)}: annotation ${DEPENDS_ON_GROUPS}`);
    for (const g of after) wanted.push({ it, group: g });
    if (group === undefined) {
      ungrouped.push(it);
      continue;
    }
    const entry = groups.get(group) ?? groups.set(group, { members: [], deps: new Set() }).get(group)!;
    entry.members.push(it);
    for (const g of after) entry.deps.add(g);
  }
  if (!groups.size && !wanted.length) return node.own.length ? [{ labels: [`chart ${node.path}`], members: new Set(node.own) }] : [];
  const unknown = wanted.filter((w) => !groups.has(w.group));
  if (unknown.length) {
    const declared = [...groups.keys()].sort();
    throw orderError(
      `${unknown.map((w) => `${describeItem(w.it)} depends on resource group "${w.group}"`).join('; ')}, which no resource of chart "${node.path}" declares (${RESOURCE_GROUP}); ` +
        (declared.length ? `its groups are: ${declared.join(', ')}` : 'it declares no group'),
    );
  }
  const layers = layersOf([...groups.keys()].sort(), (g) => [...groups.get(g)!.deps], (cycle) => {
    const who = [...new Set(cycle)].map((g) => `group ${g}: ${groups.get(g)!.members.map(describeItem).join(', ')}`);
    return orderError(`the resource groups of chart "${node.path}" depend on each other in a cycle: ${cycle.join(' -> ')} (${who.join('; ')})`);
  });
  const out: BatchSet<T>[] = layers.map((layer) => ({ labels: layer.map((g) => `group ${g} (chart ${node.path})`), members: new Set(layer.flatMap((g) => groups.get(g)!.members)) }));
  if (ungrouped.length) out.push({ labels: [`ungrouped resources (chart ${node.path})`], members: new Set(ungrouped) });
  return out;
}

/** Kahn's algorithm in layers: each layer's nodes depend only on earlier layers; names stay in the given order within a layer. */
function layersOf(nodes: readonly string[], deps: (n: string) => readonly string[], onCycle: (cycle: string[]) => Error): string[][] {
  const done = new Set<string>();
  const layers: string[][] = [];
  let left = [...nodes];
  while (left.length) {
    const layer = left.filter((n) => deps(n).every((d) => done.has(d) || !nodes.includes(d)));
    if (!layer.length) throw onCycle(findCycle(left, (n) => deps(n).filter((d) => left.includes(d)))!);
    for (const n of layer) done.add(n);
    layers.push(layer);
    left = left.filter((n) => !done.has(n));
  }
  return layers;
}

/** A cycle among `nodes` ("a", "b", "a"), or undefined; depth-first. */
function findCycle(nodes: readonly string[], deps: (n: string) => readonly string[]): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    if (state.get(n) === 'done') return undefined;
    if (state.get(n) === 'open') return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 'open');
    stack.push(n);
    for (const d of deps(n)) {
      const c = visit(d);
      if (c) return c;
    }
    stack.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const n of nodes) {
    const c = visit(n);
    if (c) return c;
  }
  return undefined;
}

/**
 * The order to delete a release's objects in (uninstall, and objects an
 * upgrade drops): its batches reversed, so a group goes only after the
 * groups that depend on it. A record whose ordering no longer checks (an old
 * or hand-edited one) is deleted as one batch, with a warning saying why.
 */
export function deletionOrder<T extends Orderable>(items: readonly T[], root: string, subcharts: SubchartOrder | undefined): { batches: T[][]; warning?: string } {
  try {
    return { batches: sequence(items, root, subcharts).map((b) => b.items).reverse() };
  } catch (err) {
    return { batches: [[...items]], warning: `deleting in Helm's kind order, not the recorded ordering: ${(err as Error).message}` };
  }
}
