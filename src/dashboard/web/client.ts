// The page's side of the dashboard API: JSON reads, writes, and one shared
// live stream whose change notices make the pages re-read what they show.
import { useEffect, useState } from 'preact/hooks';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function answer<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  if (!res.ok) throw new ApiError(res.status, body.error ?? `HTTP ${res.status}`);
  return body as T;
}

export function getJSON<T>(path: string): Promise<T> {
  return fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then((r) => answer<T>(r));
}

export function postJSON<T>(path: string, body: unknown): Promise<T> {
  return fetch(path, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then((r) => answer<T>(r));
}

/** A path segment, encoded. */
export const seg = (s: string) => encodeURIComponent(s);

type Listener = (topics: readonly string[]) => void;
const listeners = new Set<Listener>();
let stream: EventSource | undefined;
export const liveState = { connected: false, onChange: () => {} };

function ensureStream(): void {
  if (stream) return;
  stream = new EventSource('/api/live');
  stream.addEventListener('ready', () => {
    liveState.connected = true;
    liveState.onChange();
    // After a reconnect, whatever changed meanwhile is re-read.
    for (const l of listeners) l(['releases', 'workloads', 'pods', 'events', 'nodes', 'namespaces']);
  });
  stream.addEventListener('error', () => {
    liveState.connected = false;
    liveState.onChange();
  });
  stream.addEventListener('change', (e) => {
    const { topics } = JSON.parse((e as MessageEvent<string>).data) as { topics: string[] };
    for (const l of listeners) l(topics);
  });
}

export interface Loaded<T> {
  readonly data?: T;
  readonly error?: string;
  readonly reload: () => void;
}

/** Loads `path` and loads it again whenever one of `topics` changes in the cluster. */
export function useLive<T>(path: string | null, topics: readonly string[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: string }>({});
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) return;
    let current = true;
    getJSON<T>(path).then(
      (data) => current && setState({ data }),
      (err: Error) => current && setState((s) => ({ ...s, error: err.message })),
    );
    return () => {
      current = false;
    };
  }, [path, tick]);
  useEffect(() => {
    ensureStream();
    const l: Listener = (changed) => {
      if (changed.some((t) => topics.includes(t))) setTick((n) => n + 1);
    };
    listeners.add(l);
    return () => listeners.delete(l);
  }, [topics.join(',')]);
  return { ...state, reload: () => setTick((n) => n + 1) };
}
