// list reads only the front of each record: name, info and chart metadata
// must come out exactly as the full decode gives them, for records of any
// size, with any characters, in Helm's field order or skiff's; any other
// shape falls back to the full decode, errors included.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { decodeRelease, encodeRelease } from '../../src/release/codec.js';
import { decodeReleaseSummary, scanSummary } from '../../src/release/summary.js';
import { makeRelease } from '../support/releases.js';

const full = (data: string) => {
  const r = decodeRelease(data, 'test');
  return { name: r.name, info: r.info, chart: { metadata: r.chart.metadata } };
};

test('the summary equals the full decode for small and large records, tricky strings included', () => {
  for (const templates of [0, 1, 50, 2000]) {
    const rel = makeRelease('web', 3, 'deployed', {
      info: { first_deployed: '2026-01-01T00:00:00Z', last_deployed: '2026-01-02T00:00:00Z', deleted: '', description: 'quote " brace } bracket ] back\\slash \u00e9\u{1F600}', status: 'deployed', notes: '{"not": "json"}' },
    });
    rel.chart.metadata = { ...rel.chart.metadata, description: 'a } tricky ] "one"', annotations: { 'a/b': 'x,y' }, keywords: ['k1', 'k2'] };
    rel.chart.templates = Array.from({ length: templates }, (_, i) => ({ name: `templates/t${i}.yaml`, data: randomBytes(600).toString('base64') }));
    const data = encodeRelease(rel);
    assert.equal(decodeReleaseSummary(data, 'test'), full(data), `${templates} templates`);
  }
});

test('Helm field order (name, info, chart.metadata first) and plain JSON records; omitted fields get their zero values', () => {
  const helm = JSON.stringify({ name: 'x', info: { first_deployed: 'a', last_deployed: 'b', status: 'failed' }, chart: { metadata: { name: 'c', version: '1.0.0' }, templates: [] }, version: 2, namespace: 'ns' });
  const gz = gzipSync(Buffer.from(helm)).toString('base64');
  assert.equal(decodeReleaseSummary(gz, 't'), full(gz));
  assert.equal(decodeReleaseSummary(Buffer.from(helm).toString('base64'), 't'), full(Buffer.from(helm).toString('base64')));
  assert.is(decodeReleaseSummary(gz, 't').info.description, '');
});

test('an unusual order, a truncated prefix or damaged data falls back to the full decode and its errors', () => {
  assert.is(scanSummary('{"chart":{"metadata":{}},"name":"x","info":{}}'), undefined, 'chart before name: fall back');
  assert.is(scanSummary('{"name":"x","info":{"status":"dep'), undefined, 'a prefix too short');
  assert.is(scanSummary('{"name":"x","info":{},"chart":{"templates":[{"name":"a'), undefined);
  const odd = JSON.stringify({ chart: { metadata: { name: 'c', version: '2' } }, name: 'late', info: { status: 'deployed' } });
  const gz = gzipSync(Buffer.from(odd)).toString('base64');
  assert.equal(decodeReleaseSummary(gz, 't'), full(gz));
  assert.throws(() => decodeReleaseSummary(gzipSync(Buffer.from('{"name": 5}')).toString('base64'), 'Secret ns/x'), /Secret ns\/x: cannot decode release record: not a release record/);
  assert.throws(() => decodeReleaseSummary('not base64 gzip ~~', 'Secret ns/y'), /Secret ns\/y: cannot decode release record/);
});

test.run();
