// Manifests come out in Helm 4's install order: the webhook configurations
// after every other known kind (Helm 3.17 sorted them as unknown kinds,
// alphabetically among custom resources and comment-only documents), byte
// for byte as Helm 4.1.4 prints them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { skiff, run, tempDir } from '../support/cli.js';
import { helm4Binary } from '../support/helm.js';

const dir = join(tempDir('skiff-template-order-'), 'c');
mkdirSync(join(dir, 'templates'), { recursive: true });
writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 1.0.0\n');
const obj = (apiVersion: string, kind: string, name: string) => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n`;
writeFileSync(join(dir, 'templates', 'a-webhooks.yaml'), [obj('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', 'v'), obj('admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', 'm')].join('---\n'));
writeFileSync(join(dir, 'templates', 'b-monitor.yaml'), obj('monitoring.coreos.com/v1', 'ServiceMonitor', 'sm'));
writeFileSync(join(dir, 'templates', 'c-off.yaml'), '# switched off\n');
writeFileSync(join(dir, 'templates', 'd-apps.yaml'), [obj('apiregistration.k8s.io/v1', 'APIService', 'v1.x.y'), obj('v1', 'Service', 's'), obj('networking.k8s.io/v1', 'Ingress', 'i')].join('---\n'));

test('webhook configurations come after every known kind and before unknown ones, as Helm 4 sorts them', async () => {
  const args = ['template', 'r', dir, '--api-versions', 'monitoring.coreos.com/v1'];
  const s = await skiff(args);
  const h = await run(helm4Binary(), args);
  assert.is(h.code, 0, h.stderr);
  assert.is(s.code, 0, s.stderr);
  assert.is(JSON.stringify(s.stdout), JSON.stringify(h.stdout));
  const kinds = [...s.stdout.matchAll(/^(?:kind: (\w+)|# (switched off))$/gm)].map((m) => m[1] ?? m[2]);
  assert.equal(kinds, ['Service', 'Ingress', 'APIService', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'switched off', 'ServiceMonitor']);
});

test.run();
