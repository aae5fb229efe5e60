import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sortManifests, sortHooksForRun, formatManifests, sortForUninstall } from '../../src/render/index.js';
import { primeManifests } from '../../src/render/manifests.js';
import { RenderError } from '../../src/errors.js';

const doc = (kind: string, name: string, extra = '') => `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}${extra}`;

test('documents are split like Helm, empty ones dropped, partials skipped, whitespace trimmed', () => {
  const files = {
    'c/templates/a.yaml': `\n---\n${doc('ConfigMap', 'one')}\n\n---\n\n---\n${doc('Secret', 's')}\n\n\n`,
    'c/templates/_h.tpl': doc('ConfigMap', 'never'),
    'c/templates/empty.yaml': '  \n\n',
  };
  const { manifests, hooks } = sortManifests(files);
  assert.is(hooks.length, 0);
  assert.equal(manifests.map((m) => `${m.kind}/${m.name}`), ['Secret/s', 'ConfigMap/one']);
  assert.ok(manifests.every((m) => m.source === 'c/templates/a.yaml'));
  assert.ok(!manifests[0]!.content.endsWith('\n'));
});

test('manifests sort by Helm\'s install order; unknown kinds last and alphabetical; ties by file then document order', () => {
  const files = {
    'c/templates/z.yaml': `${doc('Deployment', 'd1')}\n---\n${doc('Service', 'svc')}`,
    'c/templates/b.yaml': `${doc('Widget', 'w')}\n---\n${doc('Deployment', 'd0')}\n---\n${doc('Namespace', 'ns')}`,
    'c/templates/a.yaml': `${doc('Gadget', 'g')}\n---\n${doc('ServiceAccount', 'sa')}\n---\n${doc('Deployment', 'dA2')}\n---\n${doc('Deployment', 'dA1')}`,
  };
  const { manifests } = sortManifests(files);
  assert.equal(manifests.map((m) => m.name), ['ns', 'sa', 'svc', 'dA2', 'dA1', 'd0', 'd1', 'g', 'w']);
  assert.equal(sortForUninstall(manifests).map((m) => m.name), ['svc', 'dA2', 'dA1', 'd0', 'd1', 'sa', 'ns', 'g', 'w']);
  assert.equal(sortManifests(files, { uninstall: true }).manifests.map((m) => m.name), ['svc', 'dA2', 'dA1', 'd0', 'd1', 'sa', 'ns', 'g', 'w']);
});

test('hooks are separated with events, weight and delete policies; run order is weight then name', () => {
  const hook = (name: string, ann: string) => doc('Job', name, `\n  annotations:\n${ann}`);
  const files = {
    'c/templates/hooks.yaml': [
      hook('migrate', '    helm.sh/hook: pre-install, Pre-Upgrade\n    helm.sh/hook-weight: "5"\n    helm.sh/hook-delete-policy: hook-succeeded,before-hook-creation'),
      hook('first', '    helm.sh/hook: post-install\n    helm.sh/hook-weight: "-3"'),
      hook('bad-weight', '    helm.sh/hook: test-success\n    helm.sh/hook-weight: "abc"'),
      hook('unknown', '    helm.sh/hook: sometime'),
      // An empty hook annotation names the event "": Helm skips the document as an unknown hook.
      hook('empty', '    helm.sh/hook:\n    other: x'),
      doc('ConfigMap', 'plain', '\n  annotations:\n    other: x'),
    ].join('\n---\n'),
  };
  const { manifests, hooks } = sortManifests(files);
  assert.equal(manifests.map((m) => m.name), ['plain']);
  assert.equal(hooks.map((h) => h.name), ['migrate', 'first', 'bad-weight']); // kind order, then document order
  assert.equal(sortHooksForRun(hooks).map((h) => [h.name, h.events, h.weight, h.deletePolicies]), [
    ['first', ['post-install'], -3, []],
    ['bad-weight', ['test'], 0, []],
    ['migrate', ['pre-install', 'pre-upgrade'], 5, ['hook-succeeded', 'before-hook-creation']],
  ]);
});

test('namespace is recorded when the document sets it', () => {
  const { manifests } = sortManifests({ 'c/templates/a.yaml': doc('ConfigMap', 'x', '\n  namespace: other') });
  assert.is(manifests[0]!.namespace, 'other');
  assert.is(manifests[0]!.apiVersion, 'v1');
});

test('invalid YAML names the template and the line within the file', () => {
  const files = { 'c/templates/bad.yaml': `${doc('ConfigMap', 'ok')}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n` };
  try {
    sortManifests(files);
    assert.unreachable('should have thrown');
  } catch (e) {
    assert.instance(e, RenderError);
    const err = e as RenderError;
    assert.is(err.template, 'c/templates/bad.yaml');
    assert.match(err.message, 'YAML parse error on c/templates/bad.yaml at line');
    assert.ok(err.line !== undefined && err.line >= 6, `line ${err.line}`);
  }
  try {
    sortManifests({ 'c/templates/list.yaml': '- a\n- b' });
    assert.unreachable('should have thrown');
  } catch (e) {
    assert.match((e as Error).message, 'must be a mapping');
  }
});

test('formatManifests writes the helm template text, manifests then hooks, byte-identical on repeat', () => {
  const files = { 'c/templates/a.yaml': `${doc('ConfigMap', 'x')}\n---\n${doc('Pod', 'h', '\n  annotations:\n    helm.sh/hook: test')}` };
  const a = sortManifests(files);
  const text = formatManifests(a.manifests, a.hooks);
  assert.is(text, `---\n# Source: c/templates/a.yaml\n${doc('ConfigMap', 'x')}\n---\n# Source: c/templates/a.yaml\n${doc('Pod', 'h', '\n  annotations:\n    helm.sh/hook: test')}\n`);
  const b = sortManifests(JSON.parse(JSON.stringify(files)) as Record<string, string>);
  assert.is(formatManifests(b.manifests, b.hooks), text);
});

test('files parsed ahead of time (while rendering) give the same result, errors included', () => {
  const files = { 'c/templates/a.yaml': `${doc('Service', 's')}\n---\n${doc('Namespace', 'n')}`, 'c/templates/b.yaml': doc('ConfigMap', 'c') };
  const direct = sortManifests(files);
  for (const [k, v] of Object.entries(files)) primeManifests(k, v);
  assert.equal(sortManifests(files), direct);
  primeManifests('c/templates/a.yaml', 'stale text');
  assert.equal(sortManifests(files), direct);
  primeManifests('c/templates/bad.yaml', 'kind: [');
  try {
    sortManifests({ 'c/templates/bad.yaml': 'kind: [' });
    assert.unreachable('should have thrown');
  } catch (e) {
    assert.instance(e, RenderError);
    assert.match((e as Error).message, 'c/templates/bad.yaml');
  }
});

test.run();
