// pods/log: what kubectl logs reads. The simulated nodes supply the text
// (a PodLogProvider); without one a single line says what the container runs.
import type { KubeObject } from '../../../apimachinery/types.js';
import type { ServedResource } from '../catalog.js';
import type { GenericStore } from '../generic/store.js';
import { timestamp } from '../meta.js';
import type { ApiRequest, PodLogProvider, TextResult } from '../request.js';
import * as E from '../status.js';

/** GET pods/log: the container's log text from the simulated node, tail/limit applied; with follow, more as it is written. */
export function podLog(gs: GenericStore, podLogs: PodLogProvider | undefined, def: ServedResource, req: ApiRequest): TextResult {
  const pod = gs.mustGet(def, req.ref).object;
  const spec = (pod.spec ?? {}) as { containers?: { name: string }[]; initContainers?: { name: string }[] };
  const names = (spec.containers ?? []).map((c) => c.name);
  const all = [...names, ...(spec.initContainers ?? []).map((c) => c.name)];
  let container = req.params.container;
  const podName = pod.metadata.name!;
  if (!container) {
    if (names.length !== 1) {
      throw E.badRequest(`a container name must be specified for pod ${podName}, choose one of: [${names.join(' ')}]`);
    }
    container = names[0]!;
  } else if (!all.includes(container)) {
    throw E.badRequest(`container ${container} is not valid for pod ${podName}`);
  }
  if (!(pod.spec as { nodeName?: string } | undefined)?.nodeName) {
    throw E.badRequest(`container "${container}" in pod "${podName}" is waiting to start: ContainerCreating`);
  }
  let text = podLogs?.(pod, container, { tailLines: req.params.tailLines, previous: req.params.previous, timestamps: req.params.timestamps });
  if (text === undefined) text = defaultPodLog(pod, container);
  if (req.params.tailLines !== undefined && req.params.tailLines >= 0) {
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    text = lines.slice(Math.max(0, lines.length - req.params.tailLines)).map((l) => l + '\n').join('');
  }
  if (req.params.limitBytes !== undefined && req.params.limitBytes > 0) text = Buffer.from(text).subarray(0, req.params.limitBytes).toString();
  if (!req.params.follow || req.params.previous) return { type: 'text', code: 200, text };
  const uid = pod.metadata.uid;
  const opts = { previous: false, timestamps: req.params.timestamps };
  let full = podLogs?.(pod, container, opts) ?? defaultPodLog(pod, container);
  const follow = (sink: { write(more: string): void; end(): void }) => {
    // The simulated container's log is derived from the pod's status: look again every half second,
    // and end when the pod is gone or finished, as kubectl logs -f does.
    const stop = () => clearInterval(timer);
    const finish = () => {
      stop();
      sink.end();
    };
    const timer = setInterval(() => {
      const cur = gs.store.get(gs.keyOf(def, pod.metadata.namespace!, podName))?.object;
      if (!cur || cur.metadata.uid !== uid) return finish();
      const now = podLogs?.(cur, container!, opts) ?? defaultPodLog(cur, container!);
      // New lines are those not shown yet (a finished container's log drops its "ready" line for its exit).
      const shown = new Set(full.split('\n'));
      const fresh = now.split('\n').filter((l) => l && !shown.has(l));
      if (fresh.length) sink.write(fresh.map((l) => `${l}\n`).join(''));
      full = now;
      const phase = (cur.status as { phase?: string } | undefined)?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') finish();
    }, 500);
    return stop;
  };
  return { type: 'text', code: 200, text, follow };
}

/** Without a log from the simulated node: one line saying what runs (the nodes layer replaces this). */
function defaultPodLog(pod: KubeObject, container: string): string {
  const c = ((pod.spec as { containers?: { name: string; image?: string }[] } | undefined)?.containers ?? []).find((x) => x.name === container);
  return `${timestamp(new Date())} skiff: container ${container} (${c?.image ?? 'unknown image'}) of pod ${pod.metadata.namespace}/${pod.metadata.name} has no log output\n`;
}

