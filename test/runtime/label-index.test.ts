// Lists answered from the store's label index give exactly what a full scan
// with the same selector gives: through creates, label changes and deletes,
// per namespace and across namespaces, page by page, at an older revision,
// and after a reopen (the index is rebuilt from the log).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { openStore, type ObjectStore, type StoreListOptions, type StoreScope } from '../../src/runtime/store/index.js';
import type { KubeObject } from '../../src/apimachinery/types.js';
import { tempDir } from '../support/cli.js';

const NAMESPACES = ['a', 'b', 'c'];
const secret = (name: string, namespace: string, labels: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace, labels } });

/** A small deterministic generator, so a failure replays. */
function rng(seed: number): () => number {
  let x = seed;
  return () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

function randomLabels(r: () => number): Record<string, string> {
  const labels: Record<string, string> = { owner: r() < 0.8 ? 'helm' : 'other', status: ['deployed', 'superseded', 'failed'][Math.floor(r() * 3)]! };
  labels.name = `rel-${Math.floor(r() * 6)}`;
  if (r() < 0.3) delete labels.status;
  if (r() < 0.2) labels.extra = '';
  return labels;
}

const selectors: Record<string, string>[] = [
  { owner: 'helm' },
  { owner: 'helm', status: 'deployed' },
  { owner: 'helm', name: 'rel-3' },
  { name: 'rel-1', status: 'failed', owner: 'helm' },
  { extra: '' },
  { owner: 'nobody' },
  { status: 'deployed', missing: 'x' },
];

function scan(store: ObjectStore, scope: StoreScope, eq: Record<string, string>, opts: StoreListOptions = {}) {
  const filter = (o: KubeObject) => Object.entries(eq).every(([k, v]) => o.metadata.labels !== undefined && Object.hasOwn(o.metadata.labels, k) && o.metadata.labels[k] === v);
  return store.list(scope, { ...opts, filter });
}

function names(res: { items: { key: { namespace: string; name: string } }[] }): string[] {
  return res.items.map((s) => `${s.key.namespace}/${s.key.name}`);
}

async function churn(store: ObjectStore, r: () => number, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const ns = NAMESPACES[Math.floor(r() * NAMESPACES.length)]!;
    const name = `s-${Math.floor(r() * 60)}`;
    const key = { resource: '/secrets', namespace: ns, name };
    const cur = store.get(key);
    const p = r();
    if (!cur) await store.create(key, secret(name, ns, randomLabels(r)));
    else if (p < 0.7) await store.update(key, secret(name, ns, randomLabels(r)));
    else await store.delete(key);
  }
}

function compare(store: ObjectStore, atRv?: number): void {
  for (const eq of selectors) {
    for (const namespace of [undefined, ...NAMESPACES]) {
      const scope = { resource: '/secrets', namespace };
      const base = atRv !== undefined ? { atRv } : {};
      assert.equal(names(store.list(scope, { ...base, labelEquals: eq })), names(scan(store, scope, eq, base)), `${JSON.stringify(eq)} in ${namespace}`);
      // Page by page, as continue tokens do.
      const all = names(scan(store, scope, eq, base));
      for (const limit of [1, 4]) {
        let after: string | undefined;
        const viaIndex: string[] = [];
        for (;;) {
          const page = store.list(scope, { ...base, labelEquals: eq, limit, ...(after !== undefined ? { after } : {}) });
          const ref = scan(store, scope, eq, { ...base, limit, ...(after !== undefined ? { after } : {}) });
          assert.equal(names(page), names(ref));
          viaIndex.push(...names(page));
          // The index knows exactly what remains; a predicate's scan does not say (kube-apiserver omits the count with a selector).
          assert.is(page.remaining, page.continueAfter === undefined ? undefined : all.length - viaIndex.length);
          assert.is(ref.remaining, undefined);
          if (page.continueAfter === undefined) break;
          after = page.continueAfter;
        }
        assert.equal(viaIndex, all);
      }
    }
  }
}

test('label-indexed lists equal full scans through creates, label changes and deletes', async () => {
  const store = openStore('memory:');
  const r = rng(7);
  for (let round = 0; round < 5; round++) {
    await churn(store, r, 150);
    compare(store);
  }
  // Objects of another resource with the same labels never show up.
  await store.create({ resource: '/configmaps', namespace: 'a', name: 'cm' }, { ...secret('cm', 'a', { owner: 'helm' }), kind: 'ConfigMap' });
  compare(store);
  await store.close();
});

test('label-indexed lists at an older revision equal the scan of that revision', async () => {
  const store = openStore('memory:');
  const r = rng(11);
  await churn(store, r, 200);
  const then = store.rv;
  const before = selectors.map((eq) => names(scan(store, { resource: '/secrets' }, eq)));
  await churn(store, r, 100);
  compare(store, then);
  assert.equal(selectors.map((eq) => names(store.list({ resource: '/secrets' }, { atRv: then, labelEquals: eq }))), before);
  await store.close();
});

test('a paged list started before writes continues with the state of its first page', async () => {
  const store = openStore('memory:');
  const r = rng(5);
  await churn(store, r, 200);
  for (const eq of [undefined, ...selectors]) {
    const scope = { resource: '/secrets' };
    const expected = names(eq ? scan(store, scope, eq) : store.list(scope));
    const first = store.list(scope, { limit: 3, ...(eq ? { labelEquals: eq } : {}) });
    const seen = names(first);
    let after = first.continueAfter;
    // Writes land between the pages (and change the labels the selection was made on).
    await churn(store, r, 40);
    while (after !== undefined) {
      const page = store.list(scope, { atRv: first.rv, after, limit: 3, ...(eq ? { labelEquals: eq } : {}) });
      assert.is(page.rv, first.rv);
      seen.push(...names(page));
      after = page.continueAfter;
    }
    assert.equal(seen, expected, JSON.stringify(eq));
  }
  await store.close();
});

test('sqlite: the label index is rebuilt on reopen', async () => {
  const url = `sqlite:${join(tempDir('skiff-label-index-'), 'state.db')}`;
  const r = rng(3);
  let store = openStore(url);
  await churn(store, r, 200);
  const expected = selectors.map((eq) => names(scan(store, { resource: '/secrets' }, eq)));
  await store.close();
  store = openStore(url);
  assert.equal(selectors.map((eq) => names(store.list({ resource: '/secrets' }, { labelEquals: eq }))), expected);
  compare(store);
  await store.close();
});

test.run();
