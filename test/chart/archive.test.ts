import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { readArchiveFiles, extractArchive, writeArchive, loadChartArchive, loadChart } from '../../src/chart/index.js';
import { ArchiveError, ChartInvalidError } from '../../src/errors.js';
import { rawTgz, chartTgz, tarHeader, CHART_YAML, writeChart } from './builders.js';

async function rejects(p: Promise<unknown>, re: RegExp, type: Function = ArchiveError): Promise<void> {
  try {
    await p;
  } catch (err) {
    assert.instance(err, type, `expected ${type.name}, got ${(err as Error).name}: ${(err as Error).message}`);
    assert.match((err as Error).message, re);
    return;
  }
  assert.unreachable(`expected rejection matching ${re}`);
}

function emptyDir(): string {
  return mkdtempSync(join(tmpdir(), 'skiff-extract-'));
}

/** A gzip bomb: one tar entry of `size` zero bytes, compressed as a stream (never held in memory). */
async function bomb(size: number, entrySize = size): Promise<Buffer> {
  const gz = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gz.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => gz.on('end', r));
  gz.write(tarHeader({ name: 'demo/Chart.yaml', data: CHART_YAML() }));
  gz.write(Buffer.concat([Buffer.from(CHART_YAML()), Buffer.alloc(512 - CHART_YAML().length)]));
  gz.write(tarHeader({ name: 'demo/zeros.bin', size: entrySize }));
  const zero = Buffer.alloc(1024 * 1024);
  for (let left = size; left > 0; left -= zero.length) gz.write(left >= zero.length ? zero : zero.subarray(0, left));
  gz.end(Buffer.alloc(1024));
  await done;
  return Buffer.concat(chunks);
}

test('reads the files of a valid archive, with their top-level directory', async () => {
  const files = await readArchiveFiles(chartTgz([{ name: 'demo/templates/', type: '5' }, { name: 'demo/old-style-dir/', type: '0' }, { name: 'demo/templates/a.yaml', data: 'a: 1' }]));
  assert.equal(files.map((f) => f.name), ['demo/Chart.yaml', 'demo/templates/a.yaml']);
  assert.is(files[1]!.data.toString(), 'a: 1');
});

test('reads archives made by the system tar (pax headers, long names)', async () => {
  const { execFileSync } = await import('node:child_process');
  const { mkdirSync } = await import('node:fs');
  const root = emptyDir();
  const long = 'd'.repeat(60) + '/' + 'e'.repeat(60) + '/' + 'f'.repeat(40) + '.yaml';
  mkdirSync(join(root, 'demo', long, '..'), { recursive: true });
  writeFileSync(join(root, 'demo', 'Chart.yaml'), CHART_YAML());
  writeFileSync(join(root, 'demo', long), 'deep: true\n');
  for (const format of ['pax', 'gnu']) {
    const tgz = execFileSync('tar', ['--format', format, '-czf', '-', '-C', root, 'demo']);
    const files = await readArchiveFiles(tgz);
    assert.equal(files.map((f) => f.name).sort(), ['demo/Chart.yaml', `demo/${long}`], format);
  }
});

test('refuses entries with .. and absolute paths', async () => {
  await rejects(readArchiveFiles(chartTgz([{ name: 'demo/../../etc/passwd', data: 'x' }])), /illegally references a parent directory: "demo\/\.\.\/\.\.\/etc\/passwd"/);
  await rejects(readArchiveFiles(rawTgz([{ name: '/etc/passwd', data: 'x' }])), /absolute path: "\/etc\/passwd"/);
  await rejects(readArchiveFiles(rawTgz([{ name: 'C:\\evil\\x', data: 'x' }])), /absolute path/);
  await rejects(readArchiveFiles(chartTgz([{ name: 'demo\\..\\..\\x', data: 'x' }])), /parent directory/);
});

test('refuses symbolic links, hard links and device files', async () => {
  await rejects(readArchiveFiles(chartTgz([{ name: 'demo/link', type: '2', linkname: '/etc/passwd' }])), /symbolic link "demo\/link" -> "\/etc\/passwd"/);
  await rejects(readArchiveFiles(chartTgz([{ name: 'demo/hard', type: '1', linkname: 'demo/Chart.yaml' }])), /hard link/);
  await rejects(readArchiveFiles(chartTgz([{ name: 'demo/dev', type: '3' }])), /character device "demo\/dev"/);
  await rejects(readArchiveFiles(chartTgz([{ name: 'demo/fifo', type: '6' }])), /fifo/);
});

test('all entries must be under one top-level directory', async () => {
  await rejects(readArchiveFiles(rawTgz([{ name: 'a/Chart.yaml', data: 'x' }, { name: 'b/Chart.yaml', data: 'y' }])), /one top-level directory, found "a\/" and "b\/"/);
  await rejects(readArchiveFiles(rawTgz([{ name: 'Chart.yaml', data: CHART_YAML() }])), /not inside the archive's top-level directory/);
});

test('refuses non-gzip data, corrupt and truncated archives, and empty archives', async () => {
  await rejects(readArchiveFiles(Buffer.from('apiVersion: v2\n')), /not a gzipped archive/);
  const good = chartTgz();
  await rejects(readArchiveFiles(good.subarray(0, good.length - 12)), /corrupt gzip data|truncated/);
  const { gzipSync } = await import('node:zlib');
  const h = tarHeader({ name: 'demo/Chart.yaml', size: 5000 });
  await rejects(readArchiveFiles(gzipSync(Buffer.concat([h, Buffer.alloc(512)]))), /truncated archive/);
  const bad = Buffer.from(h);
  bad[0] = 0x41;
  await rejects(readArchiveFiles(gzipSync(Buffer.concat([bad, Buffer.alloc(1024)]))), /bad checksum/);
  await rejects(readArchiveFiles(rawTgz([{ name: 'demo/', type: '5' }])), /no files in chart archive/);
});

test('a gzip bomb fails fast with the default limits', async () => {
  const data = await bomb(200 * 1024 * 1024);
  assert.ok(data.length < 1024 * 1024, `bomb is small when compressed (${data.length} bytes)`);
  await rejects(readArchiveFiles(data), /decompressed archive is larger than the maximum size 100 MiB/);
  await rejects(loadChartArchive(data, 'bomb.tgz'), /bomb\.tgz: decompressed archive is larger than the maximum size 100 MiB/);
});

test('per-file, total and entry-count limits are configurable', async () => {
  const data = await bomb(6 * 1024 * 1024);
  await rejects(readArchiveFiles(data), /chart file "demo\/zeros\.bin" is larger than the maximum file size 5 MiB/);
  const many = chartTgz(Array.from({ length: 5 }, (_, i) => ({ name: `demo/f${i}`, data: 'x'.repeat(1000) })));
  await rejects(readArchiveFiles(many, { maxTotalBytes: 3000 }), /larger than the maximum size 3000 bytes/);
  await rejects(readArchiveFiles(many, { maxEntries: 3 }), /more than 3 entries/);
  assert.is((await readArchiveFiles(many, { maxFileBytes: 1000 })).length, 6);
});

test('a bomb hidden in a subchart archive counts against the parent budget', async () => {
  const inner = await bomb(3 * 1024 * 1024);
  const outer = chartTgz([{ name: 'demo/charts/sub-0.1.0.tgz', data: inner }]);
  await rejects(loadChartArchive(outer, 'outer.tgz', { limits: { maxTotalBytes: 2 * 1024 * 1024 } }), /error unpacking subchart sub-0\.1\.0\.tgz in demo: .*larger than the maximum size/, ChartInvalidError);
});

test('extractArchive writes the chart under its top-level directory', async () => {
  const dest = emptyDir();
  const out = await extractArchive(chartTgz([{ name: 'demo/templates/a.yaml', data: 'a: 1' }]), dest);
  assert.is(out, join(dest, 'demo'));
  assert.is(readFileSync(join(dest, 'demo/templates/a.yaml'), 'utf8'), 'a: 1');
  assert.equal(readdirSync(dest), ['demo']);
  assert.is((await loadChart(out)).metadata.name, 'demo');
});

test('extractArchive writes nothing at all when any entry is unsafe', async () => {
  const dest = emptyDir();
  const evil = chartTgz([
    { name: 'demo/templates/a.yaml', data: 'a: 1' },
    { name: 'demo/zz/../../../escape.txt', data: 'pwned' },
  ]);
  await rejects(extractArchive(evil, dest), /parent directory/);
  assert.equal(readdirSync(dest), []);
  const link = chartTgz([{ name: 'demo/a.yaml', data: 'a' }, { name: 'demo/l', type: '2', linkname: '../../outside' }]);
  await rejects(extractArchive(link, dest), /symbolic link/);
  assert.equal(readdirSync(dest), []);
  assert.not.ok(existsSync(join(dest, '..', 'escape.txt')));
});

test('extractArchive refuses names the file system cannot hold, briefly and before creating anything', async () => {
  const dest = join(emptyDir(), 'not-yet');
  const message = async (files: { name: string; data: Buffer }[]) => {
    try {
      await extractArchive(writeArchive([{ name: 'demo/Chart.yaml', data: Buffer.from(CHART_YAML()) }, ...files]), dest);
    } catch (err) {
      assert.instance(err, ArchiveError);
      return (err as Error).message;
    }
    throw new Error('the archive was extracted');
  };
  const long = await message([{ name: `demo/files/${'n'.repeat(300)}.txt`, data: Buffer.from('x') }]);
  assert.match(long, /^cannot extract "demo\/files\/n+…n+\.txt \(315 characters\)": a path component is 304 bytes long \(the limit is 255\)$/);
  const deep = await message([{ name: `demo/${'d/'.repeat(3000)}x`, data: Buffer.from('x') }]);
  assert.match(deep, /^cannot extract "demo\/d\/d.*\/x \(6006 characters\)": the path would be \d+ bytes long \(the limit is 4095\)$/);
  assert.ok(long.length < 300 && deep.length < 300);
  assert.not.ok(existsSync(dest), 'the destination is not even created');
});

test('extractArchive refuses to replace an existing directory', async () => {
  const dest = emptyDir();
  await extractArchive(chartTgz(), dest);
  writeFileSync(join(dest, 'demo', 'mine.txt'), 'keep');
  await rejects(extractArchive(chartTgz(), dest), /already exists/);
  assert.is(readFileSync(join(dest, 'demo', 'mine.txt'), 'utf8'), 'keep');
});

test('writeArchive output round-trips, long paths included, and is reproducible', async () => {
  const long = 'demo/' + 'deep/'.repeat(30) + 'file.txt';
  const files = [
    { name: 'demo/Chart.yaml', data: Buffer.from(CHART_YAML()) },
    { name: long, data: Buffer.from('deep') },
  ];
  const a = writeArchive(files);
  assert.ok(a.equals(writeArchive(files)));
  const back = await readArchiveFiles(a);
  assert.equal(back.map((f) => f.name), [files[0]!.name, long]);
  assert.is(back[1]!.data.toString(), 'deep');
});

test('a chart directory round-trips through an archive', async () => {
  const dir = writeChart({ 'Chart.yaml': CHART_YAML(), 'templates/x.yaml': 'x: 1' });
  const c = await loadChart(dir);
  const { archiveChart } = await import('../../src/chart/index.js');
  const again = await loadChartArchive(await archiveChart(c));
  assert.equal(again.templates.map((t) => [t.name, t.data.toString()]), [['templates/x.yaml', 'x: 1']]);
});

test.run();
