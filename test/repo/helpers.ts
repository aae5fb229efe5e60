// Shared helpers of the repository tests: chart directories on disk, a
// `skiff repo serve` child process, and hand-made tar archives.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CLI } from '../support/cli.js';

/** Writes a minimal chart NAME at DIR/NAME (a ConfigMap that shows the chart version). */
export function writeChart(dir: string, name: string, version: string, extra: { description?: string; keywords?: string[]; appVersion?: string; deps?: string } = {}): string {
  const root = join(dir, name);
  mkdirSync(join(root, 'templates'), { recursive: true });
  const kw = extra.keywords?.length ? `keywords:\n${extra.keywords.map((k) => `  - ${k}`).join('\n')}\n` : '';
  writeFileSync(
    join(root, 'Chart.yaml'),
    `apiVersion: v2\nname: ${name}\nversion: ${version}\ndescription: ${extra.description ?? `The ${name} chart`}\nappVersion: "${extra.appVersion ?? '1.0'}"\n${kw}${extra.deps ?? ''}`,
  );
  writeFileSync(join(root, 'values.yaml'), 'greeting: hello\n');
  writeFileSync(
    join(root, 'templates', 'cm.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ Release.Name }}-{{ Chart.Name }}\ndata:\n  version: "{{ Chart.Version }}"\n  greeting: {{ Values.greeting }}\n',
  );
  return root;
}

export interface Served {
  readonly url: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `skiff repo serve DIR --address 127.0.0.1:0 ...` and resolves with the URL it prints. */
export function serve(dir: string, args: readonly string[] = [], env: Record<string, string> = {}): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'repo', 'serve', dir, '--address', '127.0.0.1:0', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`repo serve did not start: ${out}${err}`)), 15_000);
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      const m = / at (https?:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          child,
          stop: () =>
            new Promise<void>((ok) => {
              if (child.exitCode !== null) return ok();
              child.once('close', () => ok());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`repo serve exited with ${code}: ${out}${err}`));
    });
  });
}

function tarHeader(name: string, size: number, type = '0'): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(size.toString(8).padStart(11, '0') + '\0', 124);
  h.write('00000000000\0', 136);
  h.write(type, 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  return h;
}

/** A gzipped tar with exactly these entries (names unchecked, so tests can build hostile archives). */
export function rawTgz(entries: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  for (const [name, body] of Object.entries(entries)) {
    const data = Buffer.from(body);
    parts.push(tarHeader(name, data.length), data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts));
}
