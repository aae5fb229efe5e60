// Release pages: the list across namespaces, and one release with its
// revision timeline, diffs, notes, resources and actions.
import { useEffect, useState } from 'preact/hooks';
import { html, Badge, Confirm, KeyValues, Loading, Problem, Table, When } from './ui.js';
import { getJSON, postJSON, seg, useLive } from './client.js';
import { ValuesEditor } from './values-editor.js';

interface ListRow { name: string; namespace: string; revision: string; updated: string; status: string; chart: string; app_version: string }
interface HistoryRow { revision: number; updated: string; status: string; chart: string; app_version: string; description: string }
interface Detail {
  name: string; namespace: string; revision: number; status: string; description: string; lastDeployed: string; chart: string; appVersion: string; notes: string;
  labels: Record<string, string>;
  hooks: { name: string; kind: string; events: string[]; phase: string; completedAt: string }[];
  resources: { apiVersion: string; kind: string; name: string; namespace?: string; exists: boolean; ready: boolean; message: string }[];
}
interface DiffRow { kind: 'same' | 'del' | 'add' | 'change'; left?: string; right?: string; leftNo?: number; rightNo?: number }

export function ReleaseList({ namespace }: { namespace: string }) {
  const q = namespace ? `?namespace=${seg(namespace)}` : '';
  const { data, error } = useLive<ListRow[]>(`/api/releases${q}`, ['releases']);
  const [filter, setFilter] = useState('');
  const rows = (data ?? []).filter((r) => !filter || r.name.includes(filter) || r.chart.includes(filter));
  const shown = rows.slice(0, 500);
  return html`<section aria-labelledby="h-releases">
    <h1 id="h-releases">Releases</h1>
    <label class="filter">Filter by name or chart <input type="search" value=${filter} onInput=${(e: Event) => setFilter((e.target as HTMLInputElement).value)} /></label>
    <${Problem} error=${error} />
    ${!data ? html`<${Loading} />` : html`<${Table} caption=${`${rows.length} release${rows.length === 1 ? '' : 's'}${shown.length < rows.length ? ` (first ${shown.length} shown; filter to narrow)` : ''}`} head=${['Name', 'Namespace', 'Revision', 'Status', 'Chart', 'App version', 'Updated']}>
      ${shown.map((r) => html`<tr key=${`${r.namespace}/${r.name}`} data-release=${r.name}>
        <td><a href=${`#/release/${seg(r.namespace)}/${seg(r.name)}`}>${r.name}</a></td>
        <td>${r.namespace}</td><td>${r.revision}</td><td><${Badge} value=${r.status} /></td><td>${r.chart}</td><td>${r.app_version}</td><td><${When} iso=${r.updated} /></td>
      </tr>`)}
    <//>`}
  </section>`;
}

function Timeline({ rows, current }: { rows: HistoryRow[]; current: number }) {
  return html`<ol class="timeline" aria-label="Revision history">
    ${[...rows].reverse().map((r) => html`<li key=${r.revision} class=${r.revision === current ? 'current' : ''} data-revision=${r.revision}>
      <span class=${`dot ${r.status}`} aria-hidden="true"></span>
      <strong>Revision ${r.revision}</strong> <${Badge} value=${r.status} /> <span class="muted">${r.chart} · app ${r.app_version || '–'} · <${When} iso=${r.updated} /></span>
      <div>${r.description}</div>
    </li>`)}
  </ol>`;
}

function Diff({ base, revisions }: { base: string; revisions: number[] }) {
  const last = revisions[revisions.length - 1] ?? 1;
  const [from, setFrom] = useState(revisions[revisions.length - 2] ?? last);
  const [to, setTo] = useState(last);
  const [what, setWhat] = useState<'manifest' | 'values'>('manifest');
  const [res, setRes] = useState<{ rows?: DiffRow[]; error?: string }>({});
  useEffect(() => setTo(last), [last]);
  useEffect(() => {
    let live = true;
    getJSON<{ rows: DiffRow[] }>(`${base}/diff?what=${what}&from=${from}&to=${to}`).then((d) => live && setRes({ rows: d.rows }), (e: Error) => live && setRes({ error: e.message }));
    return () => { live = false; };
  }, [base, from, to, what]);
  const pick = (label: string, value: number, set: (n: number) => void) => html`<label>${label} <select value=${value} onChange=${(e: Event) => set(Number((e.target as HTMLSelectElement).value))}>
    ${revisions.map((r) => html`<option value=${r}>revision ${r}</option>`)}</select></label>`;
  const changed = (res.rows ?? []).filter((r) => r.kind !== 'same').length;
  return html`<section aria-labelledby="h-diff">
    <h2 id="h-diff">Compare revisions</h2>
    <div class="controls">
      <label>Show <select value=${what} onChange=${(e: Event) => setWhat((e.target as HTMLSelectElement).value as 'manifest' | 'values')}><option value="manifest">manifest</option><option value="values">values</option></select></label>
      ${pick('From', from, setFrom)} ${pick('To', to, setTo)}
    </div>
    <${Problem} error=${res.error} />
    ${res.rows && html`<p class="muted" aria-live="polite">${changed ? `${changed} changed line${changed === 1 ? '' : 's'}` : 'No differences'}</p>
    <div class="table-wrap"><table class="diff">
      <caption>${what} of revision ${from} (left) and revision ${to} (right)</caption>
      <thead><tr><th scope="col">#</th><th scope="col">Revision ${from}</th><th scope="col">#</th><th scope="col">Revision ${to}</th></tr></thead>
      <tbody>${res.rows.map((r) => html`<tr class=${r.kind}><td class="ln">${r.leftNo ?? ''}</td><td class="code left">${r.left ?? ''}</td><td class="ln">${r.rightNo ?? ''}</td><td class="code right">${r.right ?? ''}</td></tr>`)}</tbody>
    </table></div>`}
  </section>`;
}

function TextBlock({ path, label }: { path: string; label: string }) {
  const [res, setRes] = useState<{ text?: string; error?: string }>({});
  useEffect(() => {
    getJSON<{ text: string }>(path).then((d) => setRes({ text: d.text }), (e: Error) => setRes({ error: e.message }));
  }, [path]);
  return html`<${Problem} error=${res.error} />${res.text !== undefined && html`<pre class="code-block" aria-label=${label} tabindex="0">${res.text || '(empty)'}</pre>`}`;
}

type Action = { kind: 'rollback'; revision: number } | { kind: 'uninstall' } | { kind: 'test' };

function Actions({ base, detail, history, writes }: { base: string; detail: Detail; history: HistoryRow[]; writes: boolean }) {
  const older = history.map((h) => h.revision).filter((r) => r !== detail.revision);
  const [target, setTarget] = useState(older[older.length - 1] ?? 0);
  const [pending, setPending] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [editing, setEditing] = useState(false);
  useEffect(() => setTarget(older[older.length - 1] ?? 0), [older.join(',')]);
  if (!writes) return html`<p class="muted" id="read-only">Read-only: start <code>skiff dashboard --allow-writes</code> to upgrade, roll back, uninstall or test from here.</p>`;
  const run = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      if (pending.kind === 'rollback') {
        const r = await postJSON<{ revision: number }>(`${base}/rollback`, { revision: pending.revision });
        setOutcome({ ok: true, text: `Rolled back to revision ${pending.revision}: revision ${r.revision} is now deployed.` });
      } else if (pending.kind === 'uninstall') {
        await postJSON(`${base}/uninstall`, {});
        setOutcome({ ok: true, text: `Release ${detail.name} uninstalled.` });
      } else {
        const r = await postJSON<{ failure: string | null; hooks: { name: string; phase: string }[] }>(`${base}/test`, {});
        setOutcome({ ok: !r.failure, text: r.failure ? `Tests failed: ${r.failure}` : r.hooks.length ? `Tests passed: ${r.hooks.map((h) => `${h.name} ${h.phase}`).join(', ')}` : 'This release has no tests.' });
      }
    } catch (e) {
      setOutcome({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
      setPending(null);
    }
  };
  const describe = (a: Action) => (a.kind === 'rollback' ? `Roll ${detail.name} back to revision ${a.revision}? This creates a new revision with that revision's chart and values.` : a.kind === 'uninstall' ? `Uninstall ${detail.name} from ${detail.namespace}? Its resources are deleted and its history removed.` : `Run the tests of ${detail.name}?`);
  return html`<div class="actions" role="group" aria-label="Release actions">
    ${older.length ? html`<label>Roll back to <select value=${target} onChange=${(e: Event) => setTarget(Number((e.target as HTMLSelectElement).value))}>${older.map((r) => html`<option value=${r}>revision ${r}</option>`)}</select></label>
    <button type="button" onClick=${() => setPending({ kind: 'rollback', revision: target })}>Roll back…</button>` : null}
    <button type="button" aria-expanded=${editing} onClick=${() => setEditing(!editing)}>Edit values…</button>
    <button type="button" onClick=${() => setPending({ kind: 'test' })}>Run tests…</button>
    <button type="button" class="danger" onClick=${() => setPending({ kind: 'uninstall' })}>Uninstall…</button>
    ${outcome && html`<p class=${outcome.ok ? 'outcome' : 'problem'} role="status">${outcome.text}</p>`}
    ${editing && html`<${ValuesEditor} base=${base} name=${detail.name} revision=${detail.revision} onClose=${() => setEditing(false)} />`}
    <${Confirm} open=${!!pending} busy=${busy} title="Please confirm" confirmLabel=${pending?.kind === 'rollback' ? 'Roll back' : pending?.kind === 'uninstall' ? 'Uninstall' : 'Run tests'} onConfirm=${run} onCancel=${() => setPending(null)}>
      <p>${pending ? describe(pending) : ''}</p>
    <//>
  </div>`;
}

export function ReleasePage({ namespace, name, writes }: { namespace: string; name: string; writes: boolean }) {
  const base = `/api/releases/${seg(namespace)}/${seg(name)}`;
  const detail = useLive<Detail>(base, ['releases', 'workloads', 'pods']);
  const hist = useLive<HistoryRow[]>(`${base}/history`, ['releases']);
  const [show, setShow] = useState<'values' | 'manifest' | null>(null);
  const d = detail.data;
  return html`<section aria-labelledby="h-release">
    <p><a href="#/">← Releases</a></p>
    <h1 id="h-release">${name} <span class="muted">in ${namespace}</span></h1>
    <${Problem} error=${detail.error} />
    ${!d ? html`<${Loading} />` : html`
      <dl class="facts">
        <dt>Status</dt><dd><${Badge} value=${d.status} /></dd>
        <dt>Revision</dt><dd data-testid="revision">${d.revision}</dd>
        <dt>Chart</dt><dd>${d.chart}</dd>
        <dt>App version</dt><dd>${d.appVersion || '–'}</dd>
        <dt>Deployed</dt><dd><${When} iso=${d.lastDeployed} /></dd>
        <dt>Description</dt><dd>${d.description}</dd>
        <dt>Labels</dt><dd><${KeyValues} map=${d.labels} label="Release labels" /></dd>
      </dl>
      ${hist.data && html`<${Actions} base=${base} detail=${d} history=${hist.data} writes=${writes} />`}
      <section aria-labelledby="h-res"><h2 id="h-res">Resources</h2>
        <${Table} caption="Objects of the deployed revision, with live readiness" head=${['Kind', 'Name', 'Ready', 'State']}>
          ${d.resources.map((r) => html`<tr><td>${r.kind}</td><td>${r.name}</td><td><${Badge} value=${!r.exists ? 'missing' : r.ready ? 'ready' : 'not ready'} /></td><td>${r.message}</td></tr>`)}
        <//>
      </section>
      ${d.hooks.length ? html`<section aria-labelledby="h-hooks"><h2 id="h-hooks">Hooks</h2>
        <${Table} caption="Hooks and their last run" head=${['Name', 'Kind', 'Events', 'Last run']}>
          ${d.hooks.map((h) => html`<tr><td>${h.name}</td><td>${h.kind}</td><td>${h.events.join(', ')}</td><td>${h.phase ? html`<${Badge} value=${h.phase} />` : html`<span class="muted">never</span>`}</td></tr>`)}
        <//></section>` : null}
      <section aria-labelledby="h-notes"><h2 id="h-notes">Notes</h2>${d.notes ? html`<pre class="code-block" tabindex="0">${d.notes}</pre>` : html`<p class="muted">This chart has no notes.</p>`}</section>
    `}
    <section aria-labelledby="h-hist"><h2 id="h-hist">History</h2>
      <${Problem} error=${hist.error} />
      ${hist.data && d && html`<${Timeline} rows=${hist.data} current=${d.revision} />`}
    </section>
    ${hist.data && hist.data.length > 0 && html`<${Diff} base=${base} revisions=${hist.data.map((h) => h.revision)} />`}
    ${d && html`<section aria-labelledby="h-raw"><h2 id="h-raw">Values and manifest of revision ${d.revision}</h2>
      <div class="controls"><button type="button" aria-pressed=${show === 'values'} onClick=${() => setShow(show === 'values' ? null : 'values')}>Values</button>
      <button type="button" aria-pressed=${show === 'manifest'} onClick=${() => setShow(show === 'manifest' ? null : 'manifest')}>Manifest</button></div>
      ${show && html`<${TextBlock} path=${`${base}/${show}?revision=${d.revision}`} label=${`${show} of revision ${d.revision}`} />`}
    </section>`}
  </section>`;
}
