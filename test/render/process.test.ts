// The render process: chart and values go in over a pipe, the child runs
// under Node's permission model with an empty environment, lookups come back
// to the caller, and the time bound kills it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderChart } from '../../src/render/index.js';
import { sandboxCommand } from '../../src/render/command.js';
import { encodeFrame } from '../../src/render/protocol.js';
import { RenderError, SandboxViolationError } from '../../src/errors.js';
import { chart, RELEASE } from './helpers.js';
import { rejection } from '../support/releases.js';

const CANARY = `canary-${process.pid}-s3cr3t`;
process.env.SKIFF_RENDER_CANARY = CANARY;

test('renderChart renders in the child: files, notes, subchart values, lookup through the caller', async () => {
  const sub = chart({ name: 'db', templates: { 'templates/s.yaml': 'port: {{ Values.port }}', 'templates/NOTES.txt': 'db' } });
  const c = chart({
    templates: {
      'templates/_h.tpl': '{% define "n" %}{{ Release.Name }}{% enddefine %}',
      'templates/a.yaml': 'name: {{ include("n") }}\npw: {{ (lookup("v1", "Secret", Release.Namespace, "db")).data.pw }}\nf: {{ Files.Get("conf/x.txt") }}',
      'templates/NOTES.txt': 'notes for {{ Release.Name }}',
    },
    files: { 'conf/x.txt': 'file-content' },
    dependencies: [sub],
  });
  const calls: string[] = [];
  const out = await renderChart(c, { db: { port: 5432 } }, {
    release: RELEASE,
    lookup: async (apiVersion, kind, namespace, name) => {
      calls.push(`${apiVersion}/${kind}/${namespace}/${name}`);
      return { data: { pw: 'c2VjcmV0' } };
    },
  });
  assert.equal(out.files, {
    'webapp/templates/a.yaml': 'name: rel\npw: c2VjcmV0\nf: file-content',
    'webapp/charts/db/templates/s.yaml': 'port: 5432',
  });
  assert.is(out.notes, 'notes for rel');
  assert.equal(calls, ['v1/Secret/prod/db']);
  const withSub = await renderChart(c, { db: { port: 1 } }, { release: RELEASE, renderSubchartNotes: true });
  assert.is(withSub.notes, 'notes for rel\ndb');
  assert.is(withSub.files['webapp/templates/a.yaml'], 'name: rel\npw: \nf: file-content');
});

test('errors cross the pipe with their type, template and line; a failing lookup is a render error', async () => {
  const c = chart({ templates: { 'templates/a.yaml': 'a\n{{ range.constructor("return process")() }}' } });
  const e = await rejection<Error & { template?: string; line?: number }>(renderChart(c, {}, { release: RELEASE }));
  assert.instance(e, SandboxViolationError);
  assert.is(e.template, 'webapp/templates/a.yaml');
  assert.is(e.line, 2);
  const c2 = chart({ templates: { 'templates/a.yaml': '{{ lookup("v1", "Secret", "x", "y") }}' } });
  const e2 = await rejection<Error & { template?: string; line?: number }>(renderChart(c2, {}, { release: RELEASE, lookup: async () => { throw new Error('forbidden by RBAC'); } }));
  assert.instance(e2, RenderError);
  assert.match(e2.message, 'forbidden by RBAC');
});

test('the time limit kills the render process and says so', async () => {
  const c = chart({ templates: { 'templates/a.yaml': '{% for i in range(100000000) %}{{ i }}{% endfor %}' } });
  const t0 = Date.now();
  const e = await rejection<Error & { template?: string; line?: number }>(renderChart(c, {}, { release: RELEASE, timeoutMs: 400, maxLoopIterations: 1e9, maxOutputBytes: 1e10 }));
  assert.instance(e, RenderError);
  assert.match(e.message, /took longer than 400 ms|render time limit exceeded/);
  assert.ok(Date.now() - t0 < 20_000);
});

test('output size limit is enforced in the child', async () => {
  const c = chart({ templates: { 'templates/a.yaml': '{% for i in range(200) %}{{ "x" | repeat(10) }}{% endfor %}' } });
  const e = await rejection<Error & { template?: string; line?: number }>(renderChart(c, {}, { release: RELEASE, maxOutputBytes: 1000 }));
  assert.match(e.message, 'rendered output exceeds the limit of 1000 bytes');
});

test('the canary secret in the parent environment never reaches a template, whatever it tries', async () => {
  const attempts = [
    '{{ process.env.SKIFF_RENDER_CANARY }}', '{{ env("SKIFF_RENDER_CANARY") }}', '{{ Values.env }}', '{{ lookup("v1", "Secret", "", "") | toJson }}',
    '{{ Files.Get("/proc/self/environ") }}', '{{ Files.Get("../../proc/self/environ") }}', '{{ Files.Glob("**").AsConfig() }}',
    '{% include "/proc/self/environ" %}', '{{ tpl("{{ process }}") }}',
  ];
  for (const a of attempts) {
    const c = chart({ templates: { 'templates/a.yaml': a } });
    try {
      const out = await renderChart(c, {}, { release: RELEASE });
      assert.not.match(JSON.stringify(out), CANARY, a);
    } catch (e) {
      assert.not.match(String((e as Error).message), CANARY, a);
    }
  }
});

test('the render process runs with no environment and cannot write files, spawn processes or read outside skiff', () => {
  const cmd = sandboxCommand(256);
  assert.equal(cmd.env, {});
  assert.ok(cmd.args.some((a) => a === '--experimental-permission' || a === '--permission'));
  const probe = `
    const fs = require('fs'); const out = {};
    out.env = Object.keys(process.env).length;
    try { fs.writeFileSync(${JSON.stringify(join(process.cwd(), 'sandbox-probe.txt'))}, 'x'); out.write = 'allowed'; } catch (e) { out.write = e.code; }
    try { require('child_process').execSync('true'); out.exec = 'allowed'; } catch (e) { out.exec = e.code; }
    try { fs.readFileSync(${JSON.stringify(join(process.cwd(), 'test/render/process.test.ts'))}); out.read = 'allowed'; } catch (e) { out.read = e.code; }
    try { new (require('worker_threads').Worker)('1', { eval: true }); out.worker = 'allowed'; } catch (e) { out.worker = e.code; }
    process.stdout.write(JSON.stringify(out));`;
  const r = spawnSync(cmd.command, [...cmd.args, '-e', probe], { env: cmd.env, cwd: cmd.cwd, encoding: 'utf8' });
  assert.equal(JSON.parse(r.stdout), { env: 0, write: 'ERR_ACCESS_DENIED', exec: 'ERR_ACCESS_DENIED', read: 'ERR_ACCESS_DENIED', worker: 'ERR_ACCESS_DENIED' }, r.stderr);
  assert.not.ok(readdirSync(process.cwd()).includes('sandbox-probe.txt'));
});

test('the render process refuses to render when not started under the permission model (fails closed)', () => {
  const cmd = sandboxCommand(256);
  const frame = encodeFrame({ type: 'render', chart: { metadata: { apiVersion: 'v2', name: 'x', version: '1.0.0' }, templates: [], files: [], dependencies: [] }, values: {}, options: {} });
  const r = spawnSync(cmd.command, [cmd.script], { env: {}, input: frame });
  const body = r.stdout.subarray(4).toString('utf8');
  assert.match(body, 'not running under the Node permission model');
});

test.run();
