// Opens a store by URL, as kine selects drivers: `sqlite:PATH` or `memory:`.
import { resolve } from 'node:path';
import { createStore, type StoreOptions } from './store.js';
import { memoryDriver } from './memory.js';
import { sqliteDriver } from './sqlite.js';
import type { ObjectStore } from './types.js';

export * from './types.js';
export { createStore } from './store.js';
export { memoryDriver } from './memory.js';
export { sqliteDriver } from './sqlite.js';

/** Opens `sqlite:PATH[?synchronous=full]` or `memory:`; throws on any other scheme. */
export function openStore(url: string, opts: StoreOptions = {}): ObjectStore {
  if (url === 'memory:' || url.startsWith('memory:')) return createStore(memoryDriver(), opts);
  if (url.startsWith('sqlite:')) {
    const rest = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    const q = rest.indexOf('?');
    const path = q < 0 ? rest : rest.slice(0, q);
    const params = new URLSearchParams(q < 0 ? '' : rest.slice(q + 1));
    const sync = params.get('synchronous');
    if (!path) throw new Error(`store URL ${url}: missing file path`);
    if (sync && sync !== 'full' && sync !== 'normal') throw new Error(`store URL ${url}: synchronous must be full or normal`);
    return createStore(sqliteDriver(resolve(path), { synchronous: (sync ?? 'normal') as 'full' | 'normal' }), opts);
  }
  throw new Error(`store URL ${url}: unknown scheme (expected sqlite:PATH or memory:)`);
}
