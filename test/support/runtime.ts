// A bundled runtime for one test file, with the real kubectl pointed at it:
//
//   const cluster = runtimeFixture('skiff-ssa-');
//   test.before(cluster.start);
//   test.after(cluster.stop);
//   const { kubectl, ok } = cluster;
//
// The runtime listens on an ephemeral port with a memory store (unless the
// options say otherwise); kubectl gets the runtime's kubeconfig and a cache
// and HOME of the test's own.
import * as assert from 'uvu/assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startRuntime, type Runtime, type RuntimeOptions } from '../../src/runtime/index.js';
import { clusterDir } from '../../src/cluster/layout.js';
import { kubectlBinary } from './helm.js';
import { run, tempDir, type CliResult } from './cli.js';

/** The environment for the real kubectl against a test runtime: its kubeconfig, and a cache and home of the test's own. */
export function kubectlEnv(kubeconfigPath: string, dir: string): Record<string, string> {
  return { KUBECONFIG: kubeconfigPath, KUBECACHEDIR: process.env.KUBECACHEDIR ?? join(dir, 'cache'), HOME: dir };
}

export interface RuntimeFixture {
  /** Starts the runtime (for test.before). */
  readonly start: () => Promise<void>;
  /** Stops it (for test.after). */
  readonly stop: () => Promise<void>;
  readonly rt: Runtime;
  /** The test's own folder: the runtime's data dir is `data` in it. */
  readonly dir: string;
  /** kubectl's environment (KUBECONFIG, KUBECACHEDIR, HOME). */
  readonly env: Record<string, string>;
  /** Address, CA and admin token, for raw HTTPS requests. */
  readonly conn: { readonly url: string; readonly caPem: string; readonly token: string };
  /** Runs the real kubectl against the runtime. */
  readonly kubectl: (args: readonly string[], input?: string) => Promise<CliResult>;
  /** Runs kubectl, asserts it succeeded and resolves with its stdout. */
  readonly ok: (args: readonly string[], input?: string) => Promise<string>;
  /** kubectl and ok with another kubeconfig (a user's from `skiff cluster user add`); the admin's without one. */
  as(kubeconfig: string | undefined): Pick<RuntimeFixture, 'kubectl' | 'ok'>;
  /** kubectl and ok with more environment (e.g. KUBE_EDITOR). */
  withEnv(extra: Readonly<Record<string, string>>): Pick<RuntimeFixture, 'kubectl' | 'ok'>;
}

export interface RuntimeFixtureLayout {
  /** Lay the runtime out as a skiff home (data dir `cluster/`, as `skiff cluster start` does), so `dir` is $SKIFF_HOME. */
  readonly home?: boolean;
}

/** A runtime fixture whose folder is named after `prefix`; `opts` are passed to startRuntime (default store: memory). */
export function runtimeFixture(prefix: string, opts: Omit<RuntimeOptions, 'dataDir'> = {}, layout: RuntimeFixtureLayout = {}): RuntimeFixture {
  let state: { rt: Runtime; dir: string; env: Record<string, string> } | undefined;
  const started = () => {
    if (!state) throw new Error('the test runtime is not started: pass fixture.start to test.before');
    return state;
  };
  const withEnv = (extra: Readonly<Record<string, string>>) => {
    const kubectl = (args: readonly string[], input?: string) => run(kubectlBinary(), ['--request-timeout=30s', ...args], { env: { ...started().env, ...extra }, input, timeoutMs: 90_000 });
    const ok = async (args: readonly string[], input?: string) => {
      const r = await kubectl(args, input);
      assert.is(r.code, 0, `kubectl ${args.join(' ')} failed:\n${r.stderr}`);
      return r.stdout;
    };
    return { kubectl, ok };
  };
  const as = (kubeconfig: string | undefined) => withEnv(kubeconfig ? { KUBECONFIG: kubeconfig } : {});
  const admin = withEnv({});
  return {
    async start() {
      const dir = tempDir(prefix);
      const rt = await startRuntime({ store: 'memory', ...opts, dataDir: layout.home ? clusterDir(dir) : join(dir, 'data') });
      state = { rt, dir, env: kubectlEnv(rt.kubeconfigPath, dir) };
    },
    async stop() {
      await state?.rt.stop();
    },
    get rt() {
      return started().rt;
    },
    get dir() {
      return started().dir;
    },
    get env() {
      return started().env;
    },
    get conn() {
      const { rt } = started();
      return { url: rt.url, caPem: rt.caPem, token: rt.token };
    },
    kubectl: admin.kubectl,
    ok: admin.ok,
    as,
    withEnv,
  };
}

/**
 * Writes a kubeconfig for `rt` into `dir` the way a real cluster's often is:
 * the server URL, a CA file (ca.crt) and a bearer token file (token), both
 * named relative to the kubeconfig; returns its path.
 */
export function fileKubeconfig(rt: Runtime, dir: string): string {
  writeFileSync(join(dir, 'ca.crt'), rt.caPem);
  writeFileSync(join(dir, 'token'), `${rt.token}\n`);
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'rt', cluster: { server: rt.url, 'certificate-authority': 'ca.crt' } }],
      users: [{ name: 'admin', user: { tokenFile: 'token' } }],
      contexts: [{ name: 'rt', context: { cluster: 'rt', user: 'admin', namespace: 'default' } }],
      'current-context': 'rt',
    }),
  );
  return kubeconfig;
}
