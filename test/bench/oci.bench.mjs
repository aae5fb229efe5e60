// OCI against real Helm 3.17.3, both talking to Debian's docker-registry
// (distribution 2.8, htpasswd auth, on 127.0.0.1) in the same run: push and
// pull of a 1 MB chart, and `install oci://` of a chart already pulled
// (skiff reads the blobs from its digest-keyed cache) onto the bundled
// cluster. Each figure is the median of a few runs of the whole process:
// wall time, and (with /usr/bin/time, Debian's `time` package) the CPU time
// (user+sys) of the process, which a loaded machine distorts far less;
// goal: skiff/helm <= 1 (no slower).
// skiff runs as a user runs it: dist/cli.js as a program (npm's `skiff`
// bin), whose launcher line keeps NODE_EXTRA_CA_CERTS away from Node's
// start-up (see scripts/build.mjs); `node dist/cli.js` would make Node parse
// that bundle before any code runs (~35 ms of CPU with Debian's).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';
import { helmPath } from './helm.mjs';
import { CLI, startCluster, median } from './release-common.mjs';

register();
const { startRegistry } = await import('../support/oci-registry.ts');

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const cpuFile = join(mkdtempSync(join(tmpdir(), 'skiff-bench-cpu-')), 'cpu');

/** Runs a whole process; returns its wall time and (when /usr/bin/time is there) CPU time in ms. */
function time(cmd, args, env, input) {
  const [bin, argv] = TIME ? [TIME, ['-f', '%U %S', '-o', cpuFile, cmd, ...args]] : [cmd, args];
  const t0 = performance.now();
  const r = spawnSync(bin, argv, { env, encoding: 'utf8', input, maxBuffer: 64 << 20 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const cpu = TIME ? readFileSync(cpuFile, 'utf8').trim().split('\n').pop().split(' ').reduce((a, x) => a + Number(x) * 1000, 0) : NaN;
  return { ms, cpu };
}

const RUNS = 5;
console.log(`NODE_EXTRA_CA_CERTS ${process.env.NODE_EXTRA_CA_CERTS ? `set (${process.env.NODE_EXTRA_CA_CERTS})` : 'not set'}`);
const helm = helmPath();
const reg = await startRegistry();
const c = startCluster();
try {
  const work = mkdtempSync(join(tmpdir(), 'skiff-bench-oci-'));
  const env = { ...c.env, HELM_REGISTRY_CONFIG: join(work, 'registry.json'), HELM_CONFIG_HOME: join(work, 'hc'), HELM_CACHE_HOME: join(work, 'hcache'), HELM_DATA_HOME: join(work, 'hd'), DOCKER_CONFIG: join(work, 'docker'), KUBECONFIG: join(c.home, 'cluster', 'kubeconfig') };
  const skiff = (args, input) => time(CLI, args, env, input);
  const helmRun = (args, input) => time(helm, args, env, input);
  skiff(['registry', 'login', reg.host, '-u', 'skiff', '--password-stdin', '--plain-http'], 'secret-pw');

  // A 1 MB chart (incompressible padding in a file the templates do not read).
  const chart = (name, padBytes) => {
    const src = join(work, name);
    mkdirSync(join(src, 'templates'), { recursive: true });
    writeFileSync(join(src, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n`);
    writeFileSync(join(src, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  v: {{ .Chart.Version | quote }}\n');
    writeFileSync(join(src, 'pad.bin'), randomBytes(padBytes).toString('base64'));
    skiff(['package', src, '-d', work]);
    return join(work, `${name}-1.0.0.tgz`);
  };
  const tgz = chart('big', 768 * 1024);
  // The release record holds the chart's files, and a Secret holds at most 1 MiB: the install races a 256 KB chart.
  const mid = chart('mid', 192 * 1024);
  skiff(['push', mid, `oci://${reg.host}/m`, '--plain-http']);

  const report = (label, sRuns, hRuns) => {
    const [s, h] = [median(sRuns.map((r) => r.ms)), median(hRuns.map((r) => r.ms))];
    const [sc, hc] = [median(sRuns.map((r) => r.cpu)), median(hRuns.map((r) => r.cpu))];
    const cpu = Number.isNaN(sc) ? '' : ` | cpu: skiff ${sc.toFixed(0)} ms, helm ${hc.toFixed(0)} ms, ratio ${(sc / hc).toFixed(2)}`;
    console.log(`${label}: skiff ${s.toFixed(0)} ms | helm ${h.toFixed(0)} ms | ratio ${(s / h).toFixed(2)} (goal <= 1)${cpu}`);
  };
  const push = { s: [], h: [] };
  for (let i = 0; i < RUNS; i++) {
    // A fresh repository each time, so every push uploads the blobs.
    push.s.push(skiff(['push', tgz, `oci://${reg.host}/s${i}`, '--plain-http']));
    push.h.push(helmRun(['push', tgz, `oci://${reg.host}/h${i}`, '--plain-http']));
  }
  report('push 1 MB chart', push.s, push.h);

  const pull = { s: [], h: [] };
  for (let i = 0; i < RUNS; i++) {
    const d = mkdtempSync(join(work, 'pull-'));
    // A cold pull for skiff: its blob cache is emptied first (Helm keeps none for pull).
    rmSync(join(c.home, 'cache', 'oci'), { recursive: true, force: true });
    pull.s.push(skiff(['pull', `oci://${reg.host}/s0/big`, '--version', '1.0.0', '--plain-http', '-d', d]));
    pull.h.push(helmRun(['pull', `oci://${reg.host}/s0/big`, '--version', '1.0.0', '--plain-http', '-d', d, '--untardir', 'h']));
  }
  report('pull 1 MB chart', pull.s, pull.h);

  // Warm both: skiff's cache holds the blobs after one pull.
  skiff(['pull', `oci://${reg.host}/m/mid`, '--version', '1.0.0', '--plain-http', '-d', mkdtempSync(join(work, 'warm-'))]);
  const inst = { s: [], h: [] };
  for (let i = 0; i < RUNS; i++) {
    inst.s.push(skiff(['install', `s${i}`, `oci://${reg.host}/m/mid`, '--version', '1.0.0', '--plain-http', '-n', 'default']));
    inst.h.push(helmRun(['install', `h${i}`, `oci://${reg.host}/m/mid`, '--version', '1.0.0', '--plain-http', '-n', 'default']));
  }
  report('install oci:// of a cached 256 KB chart', inst.s, inst.h);
} finally {
  c.stop();
  await reg.stop();
}
