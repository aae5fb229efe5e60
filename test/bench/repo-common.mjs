// Shared set-up of the repository benchmarks: a directory of N chart archives.
import { mkdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

export const root = new URL('../..', import.meta.url).pathname;
export const CLI = join(root, 'dist', 'cli.js');

function header(name, size) {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100);
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(size.toString(8).padStart(11, '0') + '\0', 124);
  h.write('00000000000\0', 136);
  h.write('0', 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  return h;
}

function tgz(files) {
  const parts = [];
  for (const [name, body] of Object.entries(files)) {
    const d = Buffer.from(body);
    parts.push(header(name, d.length), d, Buffer.alloc((512 - (d.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts));
}

/** Writes `charts` × `versions` archives into a fresh directory and returns it. */
export function makeRepoDir(charts, versions) {
  const dir = mkdtempSync(join(tmpdir(), 'skiff-bench-repo-'));
  mkdirSync(dir, { recursive: true });
  for (let c = 0; c < charts; c++) {
    const name = `chart-${String(c).padStart(4, '0')}`;
    for (let v = 0; v < versions; v++) {
      const version = `1.${v}.${c % 7}`;
      writeFileSync(
        join(dir, `${name}-${version}.tgz`),
        tgz({
          [`${name}/Chart.yaml`]: `apiVersion: v2\nname: ${name}\nversion: ${version}\nappVersion: "${v}.0"\ndescription: Benchmark chart number ${c} for ${c % 3 === 0 ? 'databases' : 'web services'}\nkeywords:\n  - bench\n  - k${c % 10}\nmaintainers:\n  - name: bench\n`,
          [`${name}/values.yaml`]: 'replicas: 1\n',
          [`${name}/templates/cm.yaml`]: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ Release.Name }}\n',
        }),
      );
    }
  }
  return dir;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Runs the CLI once; returns wall ms and, when /usr/bin/time exists, CPU ms
 * (user + sys) — the figure that stays meaningful on a busy machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
export function timeCli(args, env = process.env) {
  return timeProgram([process.execPath, CLI, ...args], env);
}

/** Runs any program once (argv[0] and its arguments); same figures as timeCli. */
export function timeProgram(argv, env = process.env) {
  const withTime = existsSync('/usr/bin/time');
  const t = process.hrtime.bigint();
  const r = withTime
    ? spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', ...argv], { env, encoding: 'utf8' })
    : spawnSync(argv[0], argv.slice(1), { env, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(r.stderr);
  const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { wall, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : undefined, out: r.stdout };
}

/**
 * Writes an index.yaml of about `mb` MiB in the layout Helm's writer (Go's
 * yaml.v2) produces — sequences at their key's indentation, long strings
 * folded over two lines, quoted timestamps, literal blocks in annotations —
 * with 20 versions per chart. With `anchors`, every version repeats its home
 * page through a YAML anchor and alias, which the fast reader leaves to the
 * full YAML parser. Returns the number of chart versions.
 */
export function writeHelmStyleIndex(file, mb, anchors = false) {
  const out = ['apiVersion: v1', 'entries:'];
  let size = 0;
  let versions = 0;
  for (let c = 0; size < mb * 1024 * 1024; c++) {
    const name = `chart-${c}`;
    out.push(`  ${name}:`);
    for (let v = 0; v < 20; v++, versions++) {
      const lines = [
        '  - annotations:',
        '      category: Database',
        '      images: |',
        `        - name: ${name}`,
        `          image: docker.io/bitnami/${name}:1.${v}.0-debian-12-r${c % 50}`,
        '      licenses: Apache-2.0',
        '    apiVersion: v2',
        `    appVersion: ${v}.2.3`,
        `    created: "2024-05-0${(v % 9) + 1}T10:11:12.123456789Z"`,
        '    dependencies:',
        '    - name: common',
        '      repository: oci://registry-1.docker.io/bitnamicharts',
        '      tags:',
        '      - bitnami-common',
        '      version: 2.x.x',
        `    description: ${name} is a chart used to benchmark how fast a repository index`,
        `      is read; its description is long enough for Go's writer to fold it (${v}).`,
        `    digest: ${(c * 31 + v).toString(16).padStart(64, 'a')}`,
        `    home: ${anchors ? '&home ' : ''}https://bitnami.com`,
        `    icon: https://bitnami.com/assets/stacks/${name}/img/${name}-stack-220x234.png`,
        '    keywords:',
        `    - ${name}`,
        '    - database',
        '    maintainers:',
        '    - name: Broadcom, Inc. All Rights Reserved.',
        '      url: https://github.com/bitnami/charts',
        `    name: ${name}`,
        '    sources:',
        `    - https://github.com/bitnami/charts/tree/main/bitnami/${name}`,
        ...(anchors ? ['    - *home'] : []),
        '    urls:',
        `    - https://charts.example.com/${name}-1.${v}.0.tgz`,
        `    version: 1.${v}.0`,
      ];
      for (const l of lines) {
        out.push(l);
        size += l.length + 1;
      }
    }
  }
  out.push('generated: "2024-05-01T10:11:12.123456789Z"');
  writeFileSync(file, out.join('\n') + '\n');
  return versions;
}
