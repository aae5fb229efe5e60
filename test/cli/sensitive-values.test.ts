// Sensitive values through the built CLI on the bundled cluster: marked by the
// chart's values.schema.json (x-skiff-sensitive, writeOnly), --set-sensitive and
// --mark-sensitive, absent from every output unless --show-sensitive, while the
// record keeps them for Helm (real Helm 4 reads and upgrades it).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { skiff, run, tempDir, type CliResult } from '../support/cli.js';
import { helm4Binary } from '../support/helm.js';

let rt: Runtime;
let K: string[];
const dir = tempDir('skiff-sensitive-');

const SECRETS = ['hunter2-db-password', 'topsecret-api-key', 's3cr3t-extra-token', 'map-token-value'];
const b64 = (s: string) => Buffer.from(s).toString('base64');

function chart(): string {
  const c = join(dir, 'vault');
  mkdirSync(join(c, 'templates'), { recursive: true });
  writeFileSync(join(c, 'Chart.yaml'), 'apiVersion: v2\nname: vault\nversion: 1.0.0\n');
  writeFileSync(join(c, 'values.yaml'), 'replicas: 1\ndb:\n  user: app\n  password: ""\napiKey: ""\nextra: ""\ntokens: {}\nplain: visible\n');
  writeFileSync(
    join(c, 'values.schema.json'),
    JSON.stringify({
      type: 'object',
      properties: {
        db: { type: 'object', properties: { user: { type: 'string' }, password: { $ref: '#/$defs/secret' } } },
        apiKey: { type: 'string', writeOnly: true },
        tokens: { type: 'object', additionalProperties: { type: 'string', 'x-skiff-sensitive': true } },
      },
      $defs: { secret: { type: 'string', 'x-skiff-sensitive': true } },
    }),
  );
  writeFileSync(
    join(c, 'templates', 'secret.yaml'),
    'apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}-creds\nstringData:\n  password: {{ .Values.db.password | quote }}\ndata:\n  apiKey: {{ .Values.apiKey | b64enc }}\n',
  );
  writeFileSync(
    join(c, 'templates', 'cm.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cfg\ndata:\n  replicas: {{ .Values.replicas | quote }}\n  extra: {{ .Values.extra | quote }}\n  plain: {{ .Values.plain | quote }}\n{{- range $k, $v := .Values.tokens }}\n  tok-{{ $k }}: {{ $v | quote }}\n{{- end }}\n',
  );
  writeFileSync(join(c, 'templates', 'NOTES.txt'), 'Log in as {{ .Values.db.user }} with {{ .Values.db.password }}.\n');
  return c;
}

const sk = (args: string[]) => skiff([...args, ...K]);
async function ok(args: string[]): Promise<CliResult> {
  const r = await sk(args);
  assert.is(r.code, 0, `skiff ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
}
function noSecrets(r: CliResult, what: string): void {
  for (const s of SECRETS) {
    for (const form of [s, b64(s)]) {
      assert.not.ok(r.stdout.includes(form), `${what}: stdout shows ${form}\n${r.stdout}`);
      assert.not.ok(r.stderr.includes(form), `${what}: stderr shows ${form}\n${r.stderr}`);
    }
  }
}
async function record(name: string, rev: number): Promise<any> {
  const s = await rt.client.get<any>({ group: '', version: 'v1', resource: 'secrets', namespace: 'default', name: `sh.helm.release.v1.${name}.v${rev}` });
  return JSON.parse(gunzipSync(Buffer.from(Buffer.from(s.data.release, 'base64').toString(), 'base64')).toString());
}

let vault: string;
test.before(async () => {
  rt = await startRuntime({ dataDir: join(dir, 'rt'), port: 0, store: 'memory' });
  K = ['--kubeconfig', rt.kubeconfigPath];
  vault = chart();
  writeFileSync(join(dir, 'secrets.yaml'), 'db:\n  password: hunter2-db-password\ntokens:\n  ci: map-token-value\n');
});
test.after(async () => {
  await rt?.stop();
});

test('install: schema-marked and --set-sensitive values are redacted in the output, kept in the record', async () => {
  const inst = await ok(['install', 'v', vault, '-f', join(dir, 'secrets.yaml'), '--set', 'apiKey=topsecret-api-key', '--set-sensitive', 'extra=s3cr3t-extra-token']);
  noSecrets(inst, 'install');
  assert.match(inst.stdout, /Log in as app with <redacted>\./);
  const rel = await record('v', 1);
  assert.equal(rel.config, { db: { password: 'hunter2-db-password' }, tokens: { ci: 'map-token-value' }, apiKey: 'topsecret-api-key', extra: 's3cr3t-extra-token' });
  assert.equal(rel.sensitive_values, ['/apiKey', '/db/password', '/extra', '/tokens/ci']);
  const live = await rt.client.get<any>({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default', name: 'v-cfg' });
  assert.is(live.data.extra, 's3cr3t-extra-token');
});

test('every read command redacts; --show-sensitive shows', async () => {
  const outputs: [string, string[]][] = [
    ['get values', ['get', 'values', 'v']],
    ['get values -a', ['get', 'values', 'v', '-a']],
    ['get values -o json', ['get', 'values', 'v', '-o', 'json']],
    ['get all', ['get', 'all', 'v']],
    ['get manifest', ['get', 'manifest', 'v']],
    ['get notes', ['get', 'notes', 'v']],
    ['status', ['status', 'v']],
    ['status -o json', ['status', 'v', '-o', 'json']],
    ['history -o yaml', ['history', 'v', '-o', 'yaml']],
  ];
  for (const [what, args] of outputs) noSecrets(await ok(args), what);
  const values = JSON.parse((await ok(['get', 'values', 'v', '-o', 'json'])).stdout);
  assert.equal(values, { db: { password: '<redacted>' }, tokens: { ci: '<redacted>' }, apiKey: '<redacted>', extra: '<redacted>' });
  const all = JSON.parse((await ok(['get', 'values', 'v', '-a', '-o', 'json'])).stdout);
  assert.is(all.plain, 'visible');
  assert.is(all.db.user, 'app');
  const shown = JSON.parse((await ok(['get', 'values', 'v', '-o', 'json', '--show-sensitive'])).stdout);
  assert.is(shown.db.password, 'hunter2-db-password');
  assert.ok((await ok(['get', 'manifest', 'v', '--show-sensitive'])).stdout.includes(b64('topsecret-api-key')));
});

test('diff upgrade masks old and new sensitive values', async () => {
  const d = await sk(['diff', 'upgrade', 'v', vault, '--reuse-values', '--set-sensitive', 'extra=another-s3cr3t-value', '--set', 'replicas=2', '--detailed-exitcode']);
  assert.is(d.code, 2, d.stderr);
  assert.match(d.stdout, /v-cfg, ConfigMap/);
  noSecrets(d, 'diff upgrade');
  assert.not.ok(d.stdout.includes('another-s3cr3t-value'), d.stdout);
  assert.match(d.stdout, /^\+\s+extra: <redacted>$/m);
});

test('Helm 4 reads the real values and upgrades the release; skiff keeps redacting after its own upgrade', async () => {
  const hv = await run(helm4Binary(), ['get', 'values', 'v', '-o', 'json', ...K]);
  assert.is(hv.code, 0, hv.stderr);
  assert.is(JSON.parse(hv.stdout).extra, 's3cr3t-extra-token');
  const up = await ok(['upgrade', 'v', vault, '--reuse-values', '--set', 'replicas=3']);
  noSecrets(up, 'upgrade');
  assert.equal((await record('v', 2)).sensitive_values, ['/apiKey', '/db/password', '/extra', '/tokens/ci']);
  const hu = await run(helm4Binary(), ['upgrade', 'v', vault, '--reuse-values', ...K]);
  assert.is(hu.code, 0, hu.stderr);
  // Helm's record drops skiff's list; the schema marks still redact, the --set-sensitive one is visible again.
  const after = JSON.parse((await ok(['get', 'values', 'v', '-o', 'json'])).stdout);
  assert.is(after.db.password, '<redacted>');
  assert.is(after.apiKey, '<redacted>');
});

test('--mark-sensitive marks a value from a values file; a path that does not exist is an error and changes nothing', async () => {
  writeFileSync(join(dir, 'plain.yaml'), 'plain: not-so-plain-value\n');
  await ok(['install', 'm', vault, '-f', join(dir, 'plain.yaml'), '--mark-sensitive', 'plain']);
  const v = JSON.parse((await ok(['get', 'values', 'm', '-o', 'json'])).stdout);
  assert.is(v.plain, '<redacted>');
  assert.not.ok((await ok(['get', 'manifest', 'm'])).stdout.includes('not-so-plain-value'));

  const bad = await sk(['upgrade', 'm', vault, '--reuse-values', '--set', 'replicas=5', '--mark-sensitive', 'db.pasword']);
  assert.is.not(bad.code, 0);
  assert.match(bad.stderr, /--mark-sensitive "db\.pasword": no value at db\.pasword/);
  const hist = JSON.parse((await ok(['history', 'm', '-o', 'json'])).stdout);
  assert.is(hist.length, 1);
  const live = await rt.client.get<any>({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default', name: 'm-cfg' });
  assert.is(live.data.replicas, '1');
  const badInstall = await sk(['install', 'n', vault, '--mark-sensitive', 'nope[0].x']);
  assert.is.not(badInstall.code, 0);
  assert.match(badInstall.stderr, /no value at nope\[0\]\.x/);
  assert.is((await sk(['status', 'n'])).code, 1);
});

test('--mark-sensitive with --reuse-values marks a value kept from the last revision; later upgrades carry the mark', async () => {
  writeFileSync(join(dir, 'region.yaml'), 'region: eu-secret-region-7\n');
  await ok(['install', 'r', vault, '-f', join(dir, 'region.yaml')]);
  assert.is(JSON.parse((await ok(['get', 'values', 'r', '-o', 'json'])).stdout).region, 'eu-secret-region-7', 'not marked yet');
  // Without --reuse-values the value is not part of the new revision: the mark names nothing.
  const without = await sk(['upgrade', 'r', vault, '--set', 'replicas=2', '--mark-sensitive', 'region']);
  assert.is(without.code, 1);
  assert.match(without.stderr, /--mark-sensitive "region": no value at region/);
  const up = await ok(['upgrade', 'r', vault, '--reuse-values', '--mark-sensitive', 'region']);
  assert.not.ok(up.stdout.includes('eu-secret-region-7'));
  assert.ok((await record('r', 2)).sensitive_values.includes('/region'));
  assert.is((await record('r', 2)).config.region, 'eu-secret-region-7', 'the record keeps the value');
  assert.is(JSON.parse((await ok(['get', 'values', 'r', '-o', 'json'])).stdout).region, '<redacted>');
  await ok(['upgrade', 'r', vault, '--reuse-values', '--set', 'replicas=3']);
  assert.ok((await record('r', 3)).sensitive_values.includes('/region'), 'carried over with the reused value');
  assert.is(JSON.parse((await ok(['get', 'values', 'r', '-o', 'json'])).stdout).region, '<redacted>');
  await ok(['upgrade', 'r', vault, '--reset-values', '--set', 'replicas=4']);
  assert.not.ok(((await record('r', 4)).sensitive_values ?? []).includes('/region'), 'dropped with the value');
});

test.run();
