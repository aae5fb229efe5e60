// What the running server serves, what its discovery documents list and what
// its OpenAPI documents describe must be one set: a served kind missing from
// OpenAPI breaks `kubectl explain` and client-side validation, a described
// path nobody serves misleads generated clients. Read through real kubectl
// (`get --raw`, `api-resources`, `explain`) from a runtime started in-process;
// this fails when the three diverge on kinds, verbs, subresources or scope.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runtimeFixture } from '../support/runtime.js';
import { http } from './helpers.js';

const cluster = runtimeFixture('skiff-served-openapi-');
const { ok } = cluster;

const raw = async (path: string): Promise<any> => JSON.parse(await ok(['get', '--raw', path]));

interface Discovered {
  gv: string;
  name: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  subresource?: string;
}

/** Streaming subresources: kube-apiserver documents them as connect operations with no schema; skiff leaves them out. */
const CONNECT = new Set(['log', 'exec', 'attach', 'portforward', 'proxy']);
/** Discovery verb → [path kind, HTTP method] in the OpenAPI document. */
const VERB_OP: Record<string, ['collection' | 'item', string]> = {
  create: ['collection', 'post'], list: ['collection', 'get'], deletecollection: ['collection', 'delete'],
  get: ['item', 'get'], update: ['item', 'put'], patch: ['item', 'patch'], delete: ['item', 'delete'],
};
const SUB_OP: Record<string, string> = { get: 'get', update: 'put', patch: 'patch', create: 'post' };
const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

let discovered: Discovered[] = [];
const openapi = new Map<string, { paths: Record<string, Record<string, any>> }>();

test.before(async () => {
  await cluster.start();
  const gvs: string[] = ['v1'];
  for (const g of (await raw('/apis')).groups) for (const v of g.versions) gvs.push(v.groupVersion);
  for (const gv of gvs) {
    const list = await raw(gv === 'v1' ? '/api/v1' : `/apis/${gv}`);
    for (const r of list.resources) {
      const [name, subresource] = r.name.split('/');
      discovered.push({ gv, name, kind: r.kind, namespaced: r.namespaced, verbs: r.verbs, subresource });
    }
  }
  const index = await raw('/openapi/v3');
  for (const p of Object.keys(index.paths)) if (p.startsWith('api/') || p.startsWith('apis/')) openapi.set(p, await raw(`/openapi/v3/${p}`));
});
test.after(cluster.stop);

const docPath = (gv: string) => (gv === 'v1' ? 'api/v1' : `apis/${gv}`);
function collectionPath(d: Discovered): string {
  return `/${docPath(d.gv)}${d.namespaced ? '/namespaces/{namespace}' : ''}/${d.name}`;
}

test('every discovered group/version has an OpenAPI document and every document a discovered group/version', () => {
  const fromDiscovery = [...new Set(discovered.map((d) => docPath(d.gv)))].sort();
  assert.equal([...openapi.keys()].sort(), fromDiscovery);
});

test('every discovered resource is described with exactly its verbs, kind and scope', () => {
  const problems: string[] = [];
  for (const d of discovered.filter((x) => !x.subresource)) {
    const doc = openapi.get(docPath(d.gv))!;
    const coll = collectionPath(d);
    const wanted = new Set<string>();
    for (const v of d.verbs) {
      const m = VERB_OP[v];
      if (m) wanted.add(`${m[0] === 'collection' ? coll : `${coll}/{name}`} ${m[1]}`);
    }
    const review = d.verbs.length === 1 && d.verbs[0] === 'create';
    // kube-apiserver always documents GET of an object it can address, even where discovery lists no get verb.
    if (!review && doc.paths[`${coll}/{name}`]?.get) wanted.add(`${coll}/{name} get`);
    const described = new Set<string>();
    for (const p of [coll, `${coll}/{name}`]) {
      for (const m of METHODS) {
        const op = doc.paths[p]?.[m];
        if (!op) continue;
        described.add(`${p} ${m}`);
        if (op['x-kubernetes-group-version-kind']?.kind !== d.kind) problems.push(`${p} ${m}: kind ${op['x-kubernetes-group-version-kind']?.kind}, discovery says ${d.kind}`);
      }
    }
    const missing = [...wanted].filter((w) => !described.has(w));
    const extra = [...described].filter((w) => !wanted.has(w));
    if (missing.length) problems.push(`${d.gv} ${d.name}: served but not described: ${missing.join(', ')}`);
    if (extra.length) problems.push(`${d.gv} ${d.name}: described but not served: ${extra.join(', ')}`);
  }
  assert.equal(problems, []);
});

test('every discovered subresource is described with its verbs and kind (streaming ones excepted)', () => {
  const problems: string[] = [];
  for (const d of discovered.filter((x) => x.subresource)) {
    const doc = openapi.get(docPath(d.gv))!;
    const p = `${collectionPath(d)}/{name}/${d.subresource}`;
    if (CONNECT.has(d.subresource!)) {
      if (doc.paths[p]) problems.push(`${p}: streaming subresource described`);
      continue;
    }
    const item = doc.paths[p];
    if (!item) {
      problems.push(`${d.gv} ${d.name}/${d.subresource}: served but not described`);
      continue;
    }
    const wanted = d.verbs.map((v) => SUB_OP[v]).filter(Boolean).sort();
    const described = METHODS.filter((m) => item[m]).sort();
    if (wanted.join() !== described.join()) problems.push(`${p}: discovery verbs ${d.verbs.join(',')}, described ${described.join(',')}`);
    for (const m of described) {
      const k = item[m]['x-kubernetes-group-version-kind']?.kind;
      if (k !== d.kind) problems.push(`${p} ${m}: kind ${k}, discovery says ${d.kind}`);
    }
  }
  assert.equal(problems, []);
});

test('every path an OpenAPI document describes belongs to a discovered resource or subresource', () => {
  const known = new Set<string>([...openapi.keys()].map((p) => `/${p}/`)); // the group/version's resource list
  for (const d of discovered) {
    const coll = collectionPath(d);
    if (d.subresource) known.add(`${coll}/{name}/${d.subresource}`);
    else {
      known.add(coll);
      known.add(`${coll}/{name}`);
      if (d.namespaced) known.add(`/${docPath(d.gv)}/${d.name}`); // list across namespaces
    }
  }
  const orphans = [...openapi.values()].flatMap((doc) => Object.keys(doc.paths)).filter((p) => !known.has(p));
  assert.equal(orphans, []);
});

test('every discovered listable resource answers a list (discovery lists only what the server routes)', async () => {
  const failed: string[] = [];
  for (const d of discovered.filter((x) => !x.subresource && x.verbs.includes('list'))) {
    const path = `/${docPath(d.gv)}/${d.name}?limit=1`;
    const r = await http(cluster.conn, 'GET', path);
    if (r.status !== 200) failed.push(`${path} → ${r.status}`);
    else if (r.json().kind !== `${d.kind}List`) failed.push(`${path} → kind ${r.json().kind}`);
  }
  assert.equal(failed, []);
});

test('kubectl api-resources -o wide shows scope and verbs from discovery', async () => {
  const out = await ok(['api-resources', '-o', 'wide']);
  assert.match(out, /^apiservices\s+apiregistration\.k8s\.io\/v1\s+false\s+APIService\s+create,delete,deletecollection,get,list,patch,update,watch\b/m);
  assert.match(out, /^runtimeclasses\s+node\.k8s\.io\/v1\s+false\s+RuntimeClass\s+create,delete,deletecollection,get,list,patch,update,watch\b/m);
  assert.match(out, /^selfsubjectreviews\s+authentication\.k8s\.io\/v1\s+false\s+SelfSubjectReview\s+create\b/m);
  assert.match(out, /^localsubjectaccessreviews\s+authorization\.k8s\.io\/v1\s+true\s+LocalSubjectAccessReview\s+create\b/m);
});

test('kubectl explain reads kinds the catalog once lacked', async () => {
  assert.match(await ok(['explain', 'apiservice.spec']), /FIELD: spec <APIServiceSpec>[\s\S]*groupPriorityMinimum\s+<integer> -required-/);
  assert.match(await ok(['explain', 'runtimeclass']), /KIND:\s+RuntimeClass[\s\S]*handler\s+<string> -required-/);
  assert.match(await ok(['explain', 'csidriver.spec']), /attachRequired\s+<boolean>/);
  assert.match(await ok(['explain', 'certificatesigningrequest.spec']), /signerName\s+<string> -required-/);
  assert.match(await ok(['explain', 'validatingadmissionpolicybinding.spec']), /policyName\s+<string>/);
});

test.run();
