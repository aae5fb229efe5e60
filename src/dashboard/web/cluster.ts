// Cluster pages: namespaces, workloads with live rollout bars, pods, one
// pod with its log (follow), events and nodes.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html, Badge, Bar, Confirm, KeyValues, Loading, Problem, Table, When } from './ui.js';
import { postJSON, seg, useLive } from './client.js';

interface Workload { kind: string; name: string; namespace: string; created: string; desired: number; ready: number; updated: number; state: string }
interface Pod { name: string; namespace: string; created: string; labels: Record<string, string>; annotations: Record<string, string>; phase: string; node: string; restarts: number; ready: string; containers: string[]; conditions: { type: string; status: string }[] }
interface KEvent { namespace: string; name: string; type: string; reason: string; message: string; object: string; count: number; last: string }
interface Node { name: string; labels: Record<string, string>; ready: boolean; simulated: boolean; stopped: boolean; unschedulable: boolean; conditions: { type: string; status: string; reason: string; message: string }[]; taints: { key: string; value: string; effect: string }[]; capacity: { cpu: string; memory: string; pods: string } }
interface Namespace { name: string; phase: string; pods: Record<string, number> }

const nsQuery = (ns: string) => (ns ? `?namespace=${seg(ns)}` : '');

export function Namespaces() {
  const { data, error } = useLive<Namespace[]>('/api/namespaces', ['namespaces', 'pods']);
  return html`<section aria-labelledby="h-ns"><h1 id="h-ns">Namespaces</h1><${Problem} error=${error} />
    ${!data ? html`<${Loading} />` : html`<${Table} caption="Namespaces and their pods by phase" head=${['Name', 'Phase', 'Pods by phase']}>
      ${data.map((n) => {
        const total = Object.values(n.pods).reduce((a, b) => a + b, 0);
        return html`<tr><td>${n.name}</td><td><${Badge} value=${n.phase} /></td><td>
          <div class="phases" role="img" aria-label=${Object.entries(n.pods).filter(([, c]) => c).map(([p, c]) => `${c} ${p}`).join(', ') || 'no pods'}>
            ${Object.entries(n.pods).filter(([, c]) => c).map(([p, c]) => html`<span class=${`phase ${p}`} style=${{ flexGrow: String(c) }}>${p} ${c}</span>`)}
            ${total === 0 ? html`<span class="muted">no pods</span>` : null}
          </div></td></tr>`;
      })}<//>`}
  </section>`;
}

export function Workloads({ namespace }: { namespace: string }) {
  const { data, error } = useLive<Workload[]>(`/api/workloads${nsQuery(namespace)}`, ['workloads']);
  return html`<section aria-labelledby="h-wl"><h1 id="h-wl">Workloads</h1><${Problem} error=${error} />
    ${!data ? html`<${Loading} />` : html`<${Table} caption="Deployments, StatefulSets, DaemonSets, Jobs and CronJobs" head=${['Kind', 'Namespace', 'Name', 'Rollout', 'Ready', 'Updated', 'State']}>
      ${data.map((w) => html`<tr data-workload=${`${w.kind}/${w.name}`}><td>${w.kind}</td><td>${w.namespace}</td><td>${w.name}</td>
        <td>${w.kind === 'CronJob' ? html`<span class="muted">–</span>` : html`<${Bar} ready=${w.ready} updated=${w.updated} desired=${w.desired} label=${`${w.kind} ${w.name} rollout`} />`}</td>
        <td class="ready">${w.kind === 'CronJob' ? '–' : `${w.ready}/${w.desired}`}</td><td>${w.kind === 'CronJob' ? '–' : w.updated}</td><td><${Badge} value=${w.state} /></td></tr>`)}<//>`}
  </section>`;
}

export function Pods({ namespace }: { namespace: string }) {
  const { data, error } = useLive<Pod[]>(`/api/pods${nsQuery(namespace)}`, ['pods']);
  return html`<section aria-labelledby="h-pods"><h1 id="h-pods">Pods</h1><${Problem} error=${error} />
    ${!data ? html`<${Loading} />` : html`<${Table} caption=${`${data.length} pods`} head=${['Name', 'Namespace', 'Phase', 'Ready', 'Restarts', 'Node', 'Age']}>
      ${data.map((p) => html`<tr><td><a href=${`#/pod/${seg(p.namespace)}/${seg(p.name)}`}>${p.name}</a></td><td>${p.namespace}</td><td><${Badge} value=${p.phase} /></td>
        <td>${p.ready}</td><td>${p.restarts}</td><td>${p.node || html`<span class="muted">unscheduled</span>`}</td><td><${When} iso=${p.created} /></td></tr>`)}<//>`}
  </section>`;
}

function Log({ namespace, name, container }: { namespace: string; name: string; container: string }) {
  const [text, setText] = useState('');
  const [follow, setFollow] = useState(true);
  const [state, setState] = useState('');
  const pre = useRef<HTMLPreElement>(null);
  useEffect(() => {
    setText('');
    const base = `/api/pods/${seg(namespace)}/${seg(name)}/log?container=${seg(container)}`;
    if (!follow) {
      fetch(base, { credentials: 'same-origin' }).then((r) => r.json()).then((d: { text?: string; error?: string }) => (d.error ? setState(d.error) : (setText(d.text ?? ''), setState('snapshot'))));
      return;
    }
    const es = new EventSource(`${base}&follow=true`);
    setState('following');
    es.addEventListener('log', (e) => setText((t) => (t + (JSON.parse((e as MessageEvent<string>).data) as string)).slice(-200_000)));
    es.addEventListener('end', () => { setState('stream ended'); es.close(); });
    es.addEventListener('failure', (e) => { setState(JSON.parse((e as MessageEvent<string>).data) as string); es.close(); });
    return () => es.close();
  }, [namespace, name, container, follow]);
  useEffect(() => {
    if (follow && pre.current) pre.current.scrollTop = pre.current.scrollHeight;
  }, [text]);
  return html`<div class="controls"><label><input type="checkbox" checked=${follow} onChange=${(e: Event) => setFollow((e.target as HTMLInputElement).checked)} /> Follow</label> <span class="muted" aria-live="polite">${state}</span></div>
    <pre ref=${pre} class="code-block log" tabindex="0" aria-label=${`Log of container ${container}`} data-testid="log">${text}</pre>`;
}

export function PodPage({ namespace, name }: { namespace: string; name: string }) {
  const { data, error } = useLive<Pod>(`/api/pods/${seg(namespace)}/${seg(name)}`, ['pods']);
  const [container, setContainer] = useState('');
  const c = container || data?.containers[0] || '';
  return html`<section aria-labelledby="h-pod"><p><a href="#/pods">← Pods</a></p><h1 id="h-pod">${name} <span class="muted">in ${namespace}</span></h1><${Problem} error=${error} />
    ${!data ? html`<${Loading} />` : html`<dl class="facts">
      <dt>Phase</dt><dd><${Badge} value=${data.phase} /></dd><dt>Node</dt><dd>${data.node || '–'}</dd><dt>Ready</dt><dd>${data.ready}</dd><dt>Restarts</dt><dd>${data.restarts}</dd>
      <dt>Conditions</dt><dd>${data.conditions.map((x) => html`<${Badge} value=${`${x.type}=${x.status}`} /> `)}</dd>
      <dt>Labels</dt><dd><${KeyValues} map=${data.labels} label="Pod labels" /></dd>
      <dt>Annotations</dt><dd><${KeyValues} map=${data.annotations} label="Pod annotations" /></dd></dl>
      <h2>Log</h2>
      ${data.containers.length > 1 && html`<label>Container <select value=${c} onChange=${(e: Event) => setContainer((e.target as HTMLSelectElement).value)}>${data.containers.map((x) => html`<option value=${x}>${x}</option>`)}</select></label>`}
      ${c && html`<${Log} namespace=${namespace} name=${name} container=${c} />`}`}
  </section>`;
}

export function Events({ namespace }: { namespace: string }) {
  const { data, error } = useLive<KEvent[]>(`/api/events${nsQuery(namespace)}`, ['events']);
  return html`<section aria-labelledby="h-ev"><h1 id="h-ev">Events</h1><${Problem} error=${error} />
    ${!data ? html`<${Loading} />` : html`<${Table} caption="Newest events first" head=${['Last seen', 'Type', 'Reason', 'Object', 'Message', 'Count']}>
      ${data.map((e) => html`<tr><td><${When} iso=${e.last} /></td><td><${Badge} value=${e.type} /></td><td>${e.reason}</td><td>${e.namespace}/${e.object}</td><td>${e.message}</td><td>${e.count}</td></tr>`)}<//>`}
  </section>`;
}

export function Nodes({ writes }: { writes: boolean }) {
  const { data, error } = useLive<Node[]>('/api/nodes', ['nodes']);
  const [pending, setPending] = useState<{ name: string; verb: 'stop' | 'start' } | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const run = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      await postJSON(`/api/nodes/${seg(pending.name)}/${pending.verb}`, {});
      setOutcome({ ok: true, text: `Node ${pending.name} ${pending.verb === 'stop' ? 'stopped: it stops heartbeating; after the grace period its pods are evicted and recreated elsewhere' : 'started'}.` });
    } catch (e) {
      setOutcome({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
      setPending(null);
    }
  };
  return html`<section aria-labelledby="h-nodes"><h1 id="h-nodes">Nodes</h1><${Problem} error=${error} />
    ${outcome && html`<p class=${outcome.ok ? 'outcome' : 'problem'} role="status">${outcome.text}</p>`}
    ${!data ? html`<${Loading} />` : html`<ul class="cards">${data.map((n) => html`<li class="card" data-node=${n.name}><h2>${n.name}</h2>
      <p><${Badge} value=${n.ready ? 'Ready' : 'NotReady'} /> ${n.unschedulable ? html`<${Badge} value="cordoned" />` : null} ${n.stopped ? html`<${Badge} value="stopped" />` : null} <span class="muted">cpu ${n.capacity.cpu} · memory ${n.capacity.memory} · pods ${n.capacity.pods}</span></p>
      ${writes && n.simulated ? html`<button type="button" class=${n.stopped ? '' : 'danger'} onClick=${() => setPending({ name: n.name, verb: n.stopped ? 'start' : 'stop' })}>${n.stopped ? 'Start node…' : 'Stop node…'}</button>` : null}
      <h3>Conditions</h3><ul>${n.conditions.map((c) => html`<li><${Badge} value=${`${c.type}=${c.status}`} /> ${c.reason} <span class="muted">${c.message}</span></li>`)}</ul>
      <h3>Taints</h3>${n.taints.length ? html`<ul>${n.taints.map((t) => html`<li><code>${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}</code></li>`)}</ul>` : html`<p class="muted">none</p>`}
    </li>`)}</ul>`}
    <${Confirm} open=${!!pending} busy=${busy} title="Please confirm" confirmLabel=${pending?.verb === 'start' ? 'Start node' : 'Stop node'} onConfirm=${run} onCancel=${() => setPending(null)}>
      <p>${pending ? (pending.verb === 'stop' ? `Stop the simulated node ${pending.name}? It stops heartbeating as if it died; its pods are evicted after their toleration and recreated on other nodes.` : `Start the simulated node ${pending.name} again?`) : ''}</p>
    <//>
  </section>`;
}
