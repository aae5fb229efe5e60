// The dashboard's page shell: header, navigation, namespace choice and a
// hash router over the release and cluster pages.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { html } from './ui.js';
import { getJSON, liveState, useLive } from './client.js';
import { ReleaseList, ReleasePage } from './releases.js';
import { Events, Namespaces, Nodes, PodPage, Pods, Workloads } from './cluster.js';

interface Info { target: string; label: string; allowWrites: boolean }

function useHash(): string {
  const [hash, setHash] = useState(location.hash || '#/');
  useEffect(() => {
    const on = () => setHash(location.hash || '#/');
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return hash;
}

const NAV: [string, string][] = [['#/', 'Releases'], ['#/workloads', 'Workloads'], ['#/pods', 'Pods'], ['#/events', 'Events'], ['#/nodes', 'Nodes'], ['#/namespaces', 'Namespaces']];

function App() {
  const hash = useHash();
  const [info, setInfo] = useState<Info | null>(null);
  const [namespace, setNamespace] = useState('');
  const [, redraw] = useState(0);
  const nss = useLive<{ name: string }[]>('/api/namespaces', ['namespaces']);
  useEffect(() => {
    getJSON<Info>('/api/info').then(setInfo, () => {});
    liveState.onChange = () => redraw((n) => n + 1);
  }, []);
  const parts = hash.slice(2).split('/').map(decodeURIComponent);
  useEffect(() => {
    document.getElementById('main')?.focus();
  }, [hash]);
  let page;
  if (parts[0] === 'release' && parts[1] && parts[2]) page = html`<${ReleasePage} namespace=${parts[1]} name=${parts[2]} writes=${!!info?.allowWrites} />`;
  else if (parts[0] === 'pod' && parts[1] && parts[2]) page = html`<${PodPage} namespace=${parts[1]} name=${parts[2]} />`;
  else if (parts[0] === 'workloads') page = html`<${Workloads} namespace=${namespace} />`;
  else if (parts[0] === 'pods') page = html`<${Pods} namespace=${namespace} />`;
  else if (parts[0] === 'events') page = html`<${Events} namespace=${namespace} />`;
  else if (parts[0] === 'nodes') page = html`<${Nodes} writes=${!!info?.allowWrites} />`;
  else if (parts[0] === 'namespaces') page = html`<${Namespaces} />`;
  else page = html`<${ReleaseList} namespace=${namespace} />`;
  const active = NAV.find(([h]) => h !== '#/' && hash.startsWith(h))?.[0] ?? (parts[0] === 'pod' ? '#/pods' : '#/');
  return html`<a class="skip" href="#main" onClick=${(e: Event) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>Skip to content</a>
    <header>
      <span class="brand">skiff</span>
      <span class="target">${info ? `${info.label}${info.allowWrites ? '' : ' · read-only'}` : ''}</span>
      <span class=${`live ${liveState.connected ? 'on' : 'off'}`} role="status">${liveState.connected ? 'live' : 'offline'}</span>
      <label class="ns">Namespace <select value=${namespace} onChange=${(e: Event) => setNamespace((e.target as HTMLSelectElement).value)}>
        <option value="">all namespaces</option>${(nss.data ?? []).map((n) => html`<option value=${n.name}>${n.name}</option>`)}</select></label>
    </header>
    <nav aria-label="Pages"><ul>${NAV.map(([h, label]) => html`<li><a href=${h} aria-current=${h === active ? 'page' : undefined}>${label}</a></li>`)}</ul></nav>
    <main id="main" tabindex="-1">${page}</main>`;
}

render(html`<${App} />`, document.getElementById('app')!);
