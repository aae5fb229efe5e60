// Large rendered output travels from the render process to skiff in linear
// time (20 MB used to take 13 s and 50 MB hit the 30 s render timeout), and a
// render that produces too much says which limit it hit.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderChart } from '../../src/render/index.js';
import { encodeFrame, FrameReader } from '../../src/render/protocol.js';
import { skiff, tempDir } from '../support/cli.js';
import { chart, RELEASE } from './helpers.js';

const BIG = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n{%- for i in range(Values.n) %}\n  k{{ i }}: {{ "x" | repeat(Values.w) }}\n{%- endfor %}\n';
const MiB = 1024 * 1024;

test('frames are reassembled whatever the chunking, including a length prefix split across chunks', () => {
  const msgs = [{ type: 'file', path: 'a', text: 'é'.repeat(70_000) }, { type: 'result' }, { type: 'file', path: 'b', text: '' }, { type: 'lookup', name: 'x' }];
  const stream = Buffer.concat(msgs.map(encodeFrame));
  for (const size of [1, 3, 4, 5, 4096, 65536, stream.length]) {
    const reader = new FrameReader();
    const got: unknown[] = [];
    for (let off = 0; off < stream.length; off += size) {
      for (const body of reader.push(stream.subarray(off, off + size))) got.push(JSON.parse(body.toString('utf8')));
    }
    assert.equal(got, msgs, `chunks of ${size}`);
    assert.is(reader.pendingBytes, 0);
    assert.is(reader.received, stream.length);
  }
});

test('a 50 MiB rendered file comes back whole from the render process', async () => {
  const c = chart({ templates: { 'templates/cm.yaml': BIG } });
  const out = await renderChart(c, { n: 500, w: Math.floor(MiB / 10) - 12 }, { release: RELEASE });
  const text = out.files['webapp/templates/cm.yaml']!;
  assert.ok(text.length > 50 * MiB - 100_000 && text.length <= 50 * MiB, String(text.length));
  assert.ok(text.endsWith(`  k499: ${'x'.repeat(Math.floor(MiB / 10) - 12)}\n`));
});

test('skiff template prints a 50 MiB manifest within the default limits', async () => {
  const dir = tempDir('skiff-big-');
  mkdirSync(join(dir, 'templates'));
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: big\nversion: 1.0.0\n');
  writeFileSync(join(dir, 'templates', 'cm.yaml'), BIG);
  const r = await skiff(['template', 'r', dir, '--set', 'n=500', '--set', `w=${Math.floor(MiB / 10) - 12}`]);
  assert.is(r.code, 0, r.stderr.slice(0, 2000));
  assert.ok(r.stdout.length > 50 * MiB - 100_000, String(r.stdout.length));
  assert.match(r.stdout.slice(-200_000), /\n {2}k499: x+\n$/);
});

test('too much output names the output limit; too much intermediate text names the built-text limit', async () => {
  const c = chart({ templates: { 'templates/cm.yaml': BIG } });
  let e = await renderChart(c, { n: 150, w: Math.floor(MiB / 10) }, { release: RELEASE, maxOutputBytes: 10 * MiB }).then(() => undefined, (x: Error) => x);
  assert.match(String(e?.message), `rendered output exceeds the limit of ${10 * MiB} bytes (option maxOutputBytes)`);
  const hidden = chart({ templates: { 'templates/cm.yaml': '{% for i in range(60) %}{% set s = "x" | repeat(1048576) %}{% endfor %}ok' } });
  e = await renderChart(hidden, {}, { release: RELEASE, maxOutputBytes: 10 * MiB }).then(() => undefined, (x: Error) => x);
  assert.match(String(e?.message), `text built while rendering (by include, tpl, toYaml, indent, repeat, printf and the like) exceeds the limit of ${40 * MiB} bytes, 4 times the output limit`);
});

test.run();
